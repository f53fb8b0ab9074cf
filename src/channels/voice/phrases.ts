import type { Locale } from '../../core/types.ts';

/**
 * The fixed lines the voice channel speaks itself (never the model's): short, no symbols a speech
 * engine would read out, one per locale.
 */
export interface Phrases {
  /** Spoken before any answer that carries links or recommends programs. */
  disclosure: string;
  /** Spoken when the model misses the platform's deadline; the answer comes on the next turn. */
  holding: string;
  welcome: string;
  help: string;
  /** Re-prompt while the session stays open. */
  reprompt: string;
  goodbye: string;
  /** The user's words did not reach us (empty slot, FallbackIntent). */
  notUnderstood: string;
  apology: string;
  /** Said when the answer had nothing speakable left but links were issued. */
  linksSent: string;
  /** Title of the card that carries the links. */
  cardTitle: string;
}

const EN: Phrases = {
  disclosure: 'This answer includes ads; the operator may earn a commission.',
  holding: 'Still looking — ask me again in a moment.',
  welcome: 'Hi! Tell me what you want to do with AI, and I will suggest a tool that fits.',
  help: 'Describe a task, for example: find an AI that makes product images. I will suggest up to three tools and send the links to your app.',
  reprompt: 'What would you like to do with AI?',
  goodbye: 'Goodbye!',
  notUnderstood: 'Sorry, I did not catch that. What would you like to do with AI?',
  apology: 'Sorry, something went wrong on my side. Please try again in a moment.',
  linksSent: 'I sent the links to your app.',
  cardTitle: 'Links (ads)',
};

const JA: Phrases = {
  disclosure: 'この回答には広告が含まれます。運営者が報酬を得る場合があります。',
  holding: 'まだ調べています。少ししてからもう一度聞いてください。',
  welcome: 'こんにちは。AIでやりたいことを教えてください。ぴったりのツールをご提案します。',
  help: '例えば「商品画像を作るAIを探して」のように話しかけてください。最大三つのツールをご提案し、リンクはアプリにお送りします。',
  reprompt: 'AIで何をしたいですか？',
  goodbye: 'さようなら。',
  notUnderstood: 'すみません、聞き取れませんでした。AIで何をしたいですか？',
  apology: '申し訳ありません、問題が発生しました。少ししてからもう一度お試しください。',
  linksSent: 'リンクをアプリにお送りしました。',
  cardTitle: 'リンク（広告）',
};

export function phrases(locale: Locale): Phrases {
  return locale === 'ja' ? JA : EN;
}

/** A platform locale ("ja-JP", "en_GB") to the bot's language; anything else is English. */
export function localeOf(tag: string | undefined): Locale {
  return tag?.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}
