import type { BotCommand } from 'grammy/types';
import type { Locale } from '../../core/types.ts';
import { escapeTelegramHtml } from './format-html.ts';

/** The bot's own lines (commands, media), in the user's Telegram language. Values are Telegram HTML. */
export function telegramLocale(languageCode: string | undefined): Locale {
  return languageCode?.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

export const COMMANDS: Record<Locale, BotCommand[]> = {
  en: [
    { command: 'start', description: 'What this bot does' },
    { command: 'help', description: 'How to ask for recommendations' },
    { command: 'reset', description: 'Forget this chat’s history' },
    { command: 'privacy', description: 'What is stored about you' },
  ],
  ja: [
    { command: 'start', description: 'このボットについて' },
    { command: 'help', description: '使い方' },
    { command: 'reset', description: 'この会話の履歴を消去' },
    { command: 'privacy', description: '保存される情報について' },
  ],
};

export interface TextOptions {
  historyTtlDays: number;
}

export function texts(locale: Locale, { historyTtlDays }: TextOptions) {
  const days = escapeTelegramHtml(String(historyTtlDays));
  if (locale === 'ja') {
    return {
      start: [
        '<b>AIツール探しのお手伝いをするボットです。</b>',
        'やりたいこと（例：「商品画像を作れるAIを探しています」）を送ってください。合うサービスを探して、特徴を説明します。',
        '【PR】ご案内するリンクは広告（アフィリエイトリンク）です。リンク経由でお申し込み・ご購入いただくと、運営者が報酬を受け取ることがあります。報酬の有無でおすすめの順番を変えることはありません。',
        '/help 使い方 ・ /privacy 保存される情報 ・ /reset 履歴の消去',
      ].join('\n\n'),
      help: [
        '<b>使い方</b>',
        '• 目的や予算を普通の文章で送ってください（例：「無料で使える文字起こしAIは？」）。',
        '• 気になったサービスは「リンクをください」と言えば、ボタンでお送りします。',
        '• グループでは @メンション するか、ボットのメッセージに返信してください。',
        '/reset で会話をやり直せます。/privacy で保存される情報を確認できます。',
      ].join('\n'),
      reset: 'この会話の履歴を消去しました。新しい話題からどうぞ。',
      privacy: [
        '<b>保存される情報</b>',
        `• チャットID と会話の履歴（${days}日間。/reset でいつでも消去できます）`,
        '• リンクのクリック情報（ハッシュ化したもの。誰が押したかは特定できません）',
        '情報を販売することはありません。会話の内容は回答の作成にのみ使います。',
      ].join('\n'),
      textOnly: '申し訳ありません、今のところ文字のメッセージしか読めません。やりたいことを文章で送ってください。',
      failed: '申し訳ありません、処理中に問題が発生しました。少し時間をおいてもう一度お試しください。',
      slowDown: 'メッセージが多すぎます。1分ほどしてからもう一度送ってください。',
    };
  }
  return {
    start: [
      '<b>I help you find AI tools and services.</b>',
      'Tell me what you want to do (for example “an AI that makes product images”) and I will look up programs that fit and explain them.',
      'Ad: the links I share are affiliate links. The operator may earn a commission if you sign up or buy through them; that never changes the order of my recommendations.',
      '/help how to use me · /privacy what is stored · /reset forget this chat',
    ].join('\n\n'),
    help: [
      '<b>How to use me</b>',
      '• Describe what you need in plain words, with a budget if you have one (“a free transcription AI?”).',
      '• Ask for a link to a tool you like and it comes as a button.',
      '• In groups, mention me (@) or reply to one of my messages.',
      '/reset starts over. /privacy says what is stored.',
    ].join('\n'),
    reset: 'Done: I forgot this chat’s history. What shall we look for?',
    privacy: [
      '<b>What is stored</b>',
      `• Your chat id and this conversation’s history, for ${days} days (/reset deletes it at any time).`,
      '• Link clicks, with hashed data only: they do not say who clicked.',
      'Nothing is sold. Your messages are used only to answer you.',
    ].join('\n'),
    textOnly: 'Sorry, I can only read text for now. Tell me in words what you are looking for.',
    failed: 'Sorry, something went wrong on my side. Please try again in a moment.',
    slowDown: 'That is a lot of messages at once. Please wait a minute, then ask again.',
  };
}

export type Texts = ReturnType<typeof texts>;
