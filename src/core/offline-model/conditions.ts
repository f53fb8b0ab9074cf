import { safeField } from './sanitize.ts';

/**
 * AgentClick is a Japanese network: reward conditions come in Japanese. The offline model has no
 * translator, so an English answer renders the usual affiliate terms from this glossary and leaves the
 * line out when anything else remains, rather than show Japanese in an English reply.
 */
const GLOSSARY: Array<[RegExp, string]> = [
  [/有料プラン初回契約/g, 'first paid-plan contract'],
  [/無料トライアル登録/g, 'free-trial sign-up'],
  [/アプリインストール/g, 'app install'],
  [/導入申込/g, 'application to adopt it'],
  [/年間プラン購入/g, 'annual-plan purchase'],
  [/有料プラン購入/g, 'paid-plan purchase'],
  [/(\S+?)購入/g, 'purchase ($1)'],
  [/Cookie有効期間(\d+)日/g, 'cookie $1 days'],
  [/重複・不正・キャンセルは対象外/g, 'duplicates, fraud and cancellations excluded'],
  [/[（(]/g, ' ('],
  [/[）)]/g, ')'],
  [/、/g, ', '],
];
const JAPANESE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/** The conditions for an English reply, or undefined when they cannot be shown (unsafe, or not translatable). */
export function englishConditions(conditions: string | undefined): string | undefined {
  const safe = safeField(conditions, 120);
  if (safe === undefined) return undefined;
  const english = GLOSSARY.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), safe).replace(/\s+/g, ' ').trim();
  return JAPANESE.test(english) ? undefined : safeField(english, 100);
}
