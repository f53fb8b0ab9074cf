/** The one contract every channel speaks with the core. */
export type Channel = 'web' | 'telegram' | 'voice';
export type Locale = 'en' | 'ja';

export interface TurnInput {
  channel: Channel;
  /** Stable per conversation: a widget session, a Telegram chat, a voice session. */
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

export interface TurnResult {
  sessionId: string;
  reply: string;
  links: IssuedLink[];
  locale: Locale;
  /** Programs recommended or listed in this turn: channels that must disclose before recommending (voice) use it. */
  recommended: number[];
}

/** What a streaming turn yields: guarded text as it comes, then the links, then the whole result. */
export type TurnEvent = { type: 'text'; delta: string } | { type: 'links'; links: IssuedLink[] } | { type: 'done'; result: TurnResult };
