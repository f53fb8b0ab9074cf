/** The hand-written part of the sandbox catalog: what a person would write about each program. */
export interface SeedCategory {
  /** Stable numeric id, 1-based, in display order. */
  id: number;
  /** URL-safe slug as AgentClick uses it, e.g. "ai-chatbot". */
  slug: string;
  name: string;
  name_en: string;
  description: string;
  description_en: string;
}

export interface SeedProgram {
  /** Category slug this program belongs to. */
  category: string;
  /** Japanese product name as listed on AgentClick (katakana or the brand in Latin letters). */
  name: string;
  /** English product name. */
  name_en: string;
  /** The (fictional) company behind it. */
  advertiser: string;
  /** Two or three Japanese sentences: what it does and for whom. */
  description: string;
  /** The same in English. */
  description_en: string;
  /** Search keywords in both languages (synonyms a user might type). */
  keywords: string[];
  /** What the user buys or signs up for, in Japanese (e.g. "有料プラン契約"), used as the reward condition. */
  conversion_point: string;
  /** Product price in JPY for the merchant page (monthly plan or one-off). */
  price_jpy: number;
}
