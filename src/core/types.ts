/** The one contract every channel speaks with the core. */
export type Channel = 'web' | 'telegram' | 'voice' | 'line' | 'mcp';
export type Locale = 'en' | 'ja';

export interface TurnInput {
  channel: Channel;
  /** Stable per conversation: a widget session, a Telegram chat, a voice session, a LINE chat. */
  sessionId: string;
  text: string;
  /** A hint from the channel (browser language, Telegram language_code); the text itself decides otherwise. */
  locale?: string;
}

/** A tracked link the core issued in this turn: the only kind of URL a user ever sees. */
export interface IssuedLink {
  id: string;
  programId: number;
  title: string;
  /** PUBLIC_BASE_URL/r/<id> */
  url: string;
  /** In the user's language: "Ad" / 【PR】 plus that the operator may earn a commission. */
  disclosure: string;
}

/** A program's reward for the operator, as structured data: shown for transparency, never used to rank. */
export interface Reward {
  type: 'cpa' | 'cpc' | 'cpi';
  /** In the currency's whole units (JPY has no minor unit). */
  amount: number;
  currency: string;
}

/** Whether a listed program can be visited now: its partnership is approved, still under review, or not possible. */
export type LinkAvailability = 'ready' | 'pending' | 'unavailable';

/**
 * One program listed in an answer, in the order of the list: what every channel renders as a card
 * (widget card, Telegram button, voice card, LINE bubble, MCP result).
 */
export interface ProgramCardView {
  programId: number;
  name: string;
  category: string;
  /** One line on why it fits, from the program's own (untrusted, URL-free) text. */
  reason: string;
  reward: Reward;
  /** The reward as the user reads it, in their language ("Reward for the operator: ¥9,800 per sale"). */
  rewardText: string;
  availability: LinkAvailability;
  /** Present exactly when `availability` is 'ready'. */
  link?: IssuedLink;
}

/** A next step a channel may offer as a chip or reply button: `label` is shown, `text` is sent as the user's message. */
export interface Suggestion {
  label: string;
  text: string;
}

export interface TurnResult {
  sessionId: string;
  reply: string;
  /** Every link issued in this turn (those of `cards` first, in list order, then any other). */
  links: IssuedLink[];
  locale: Locale;
  /** Programs recommended or listed in this turn: channels that must disclose before recommending (voice) use it. */
  recommended: number[];
  /** The programs this answer lists, in its order, with their links where available. Empty when it lists none. */
  cards: ProgramCardView[];
  /** Next steps in the user's language ("Details on #1", "Other options"); may be empty. */
  suggestions: Suggestion[];
}

/** What a streaming turn yields: guarded text as it comes, then the links, then the whole result. */
export type TurnEvent = { type: 'text'; delta: string } | { type: 'links'; links: IssuedLink[] } | { type: 'done'; result: TurnResult };
