import type { Locale } from '../core/types.ts';

/** The disclosure that travels with every link, in the user's language (JA uses the customary 【PR】 mark). */
export function linkDisclosure(locale: Locale): string {
  return locale === 'ja'
    ? '【PR】広告リンクです。リンク経由のお申し込みで運営者が報酬を受け取ることがあります。'
    : 'Ad · This is an affiliate link: the operator may earn a commission if you sign up or buy through it.';
}

/** The line added under a reply that carries links, for channels that show plain text. */
export function replyDisclosure(locale: Locale): string {
  return locale === 'ja'
    ? '【PR】これらのリンクは広告（アフィリエイトリンク）です。経由してお申し込みいただくと運営者が報酬を受け取ることがあります。'
    : 'Ad: these are affiliate links; the operator may earn a commission if you sign up or buy through them.';
}
