import type { Locale } from '../../core/types.ts';

/** The bot's own lines on LINE. A chat whose language is not known yet gets Japanese first, then English. */
const LINES = {
  ja: {
    greeting: [
      '友だち追加ありがとうございます！AIツール探しのお手伝いをするボットです。',
      'やりたいこと（例：「商品画像を作れるAIを探しています」）を送ってください。合うサービスを探してご紹介します。',
      '【PR】ご案内するリンクは広告（アフィリエイトリンク）です。リンク経由でお申し込みいただくと運営者が報酬を受け取ることがあります。報酬の有無でおすすめの順番を変えることはありません。',
    ].join('\n\n'),
    joined: 'グループに招待ありがとうございます。私に話しかけるときは @メンション してください。【PR】ご案内するリンクは広告（アフィリエイトリンク）です。',
    help: 'やりたいことを文章で送ってください（例：「議事録を作れるAIを探しています」）。合うサービスをご紹介します。',
    textOnly: 'ありがとうございます！ただ、今のところ文字のメッセージしか読めません。やりたいことを文章で送ってください。',
    slowDown: (seconds: number) => `メッセージが続いています。${seconds}秒ほどお待ちのうえ、もう一度お送りください。`,
    failed: '申し訳ありません、処理中に問題が発生しました。少し時間をおいてもう一度お試しください。',
  },
  en: {
    greeting: [
      'Thanks for adding me! I help you find AI tools and services.',
      'Tell me what you want to do (for example "an AI that makes product images") and I will suggest programs that fit.',
      'Ad: the links I share are affiliate links; the operator may earn a commission if you sign up or buy through them. Rewards never change the order of my suggestions.',
    ].join('\n\n'),
    joined: 'Thanks for inviting me! Mention me (@) when you want me to answer. Ad: the links I share are affiliate links.',
    help: 'Tell me what you would like to do (for example "an AI that writes meeting notes") and I will suggest tools that fit.',
    textOnly: 'Thank you! For now I can only read text messages: tell me in words what you would like to do.',
    slowDown: (seconds: number) => `That is a lot of messages at once. Please wait about ${seconds} s and send it again.`,
    failed: 'Sorry, something went wrong on my side. Please try again in a moment.',
  },
};

export type LineLine = 'greeting' | 'joined' | 'help' | 'textOnly' | 'failed';

/** A line in the chat's language, or in both (Japanese first) while it is unknown. */
export function lineText(line: LineLine, locale: Locale | undefined): string {
  if (locale) return LINES[locale][line];
  return `${LINES.ja[line]}\n\n${LINES.en[line]}`;
}

export function slowDownText(seconds: number, locale: Locale | undefined): string {
  if (locale) return LINES[locale].slowDown(seconds);
  return `${LINES.ja.slowDown(seconds)}\n${LINES.en.slowDown(seconds)}`;
}
