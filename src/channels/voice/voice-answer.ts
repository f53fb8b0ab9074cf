import type { IssuedLink, Locale, TurnResult } from '../../core/types.ts';
import { replyDisclosure } from '../../links/disclosure.ts';
import type { DeadlineResult } from './deadline-turn.ts';
import { phrases } from './phrases.ts';
import { type SpeechLimits, speechLength, toSpeakable } from './speech.ts';
import { type SsmlOptions, toSsml } from './ssml.ts';

/** The links of an answer, for the user's app: never spoken. */
export interface VoiceCard {
  title: string;
  /** Plain text: one "title: URL" line per link, then the written disclosure. */
  text: string;
  links: IssuedLink[];
}

/** What every voice surface renders: speakable segments (disclosure first), and the links as a card. */
export interface VoiceAnswer {
  locale: Locale;
  segments: string[];
  card: VoiceCard | undefined;
}

export type TurnOutcome = Pick<TurnResult, 'reply' | 'links' | 'locale'> & Partial<Pick<TurnResult, 'recommended'>>;

const WRITTEN_DISCLOSURES = [replyDisclosure('en'), replyDisclosure('ja')];
// Words that mark an answer as a recommendation even when no link was issued in this turn.
const RECOMMENDS: Record<Locale, RegExp> = {
  en: /\b(?:recommend\w*|suggest\w*|try(?! again)|options?|fits?|good (?:fit|match|choice)|consider|check out|worth|sign up|per (?:sale|click|install)|commission|reward)\b/i,
  ja: /おすすめ|お勧め|オススメ|推奨|候補|試して|ぴったり|向いて|選択肢|リンク|報酬|登録/,
};

/** Whether the disclosure must be spoken: links were issued, programs were shown, or the text recommends some. */
export function needsDisclosure(outcome: TurnOutcome): boolean {
  return outcome.links.length > 0 || (outcome.recommended?.length ?? 0) > 0 || RECOMMENDS[outcome.locale].test(outcome.reply);
}

function cardOf(links: IssuedLink[], locale: Locale): VoiceCard | undefined {
  if (links.length === 0) return undefined;
  const lines = links.map((link) => `${link.title}: ${link.url}`);
  return { title: phrases(locale).cardTitle, text: `${lines.join('\n')}\n\n${replyDisclosure(locale)}`, links };
}

/**
 * A finished turn -> a voice answer. The written disclosure the core appends is replaced by the spoken
 * one, said first; the whole speech (disclosure included) stays within the length budget.
 */
export function answerFromTurn(outcome: TurnOutcome, { maxWords = 40, maxChars = 110, ...limits }: SpeechLimits = {}): VoiceAnswer {
  const { locale } = outcome;
  const said = phrases(locale);
  let reply = outcome.reply;
  for (const written of WRITTEN_DISCLOSURES) reply = reply.split(written).join(' ');
  const disclosure = needsDisclosure(outcome) ? said.disclosure : undefined;
  const spent = disclosure ? speechLength(disclosure, locale) : 0;
  const answer =
    toSpeakable(reply, locale, { ...limits, maxWords: Math.max(12, maxWords - spent), maxChars: Math.max(30, maxChars - spent) }) ||
    (outcome.links.length > 0 ? said.linksSent : said.notUnderstood);
  return { locale, segments: disclosure ? [disclosure, answer] : [answer], card: cardOf(outcome.links, locale) };
}

/** One of the channel's own lines (welcome, help, holding...). */
export function fixedAnswer(text: string, locale: Locale): VoiceAnswer {
  return { locale, segments: [text], card: undefined };
}

export function speechOf(answer: VoiceAnswer): string {
  return answer.segments.join(answer.locale === 'ja' ? '' : ' ');
}

export function ssmlOf(answer: VoiceAnswer, options: SsmlOptions = {}): string {
  return toSsml(answer.segments, options);
}

/** The `xml:lang` of an answer: the platform's own tag when it names the answer's language, else a default region. */
export function xmlLangOf(answer: VoiceAnswer, requested: string | undefined): string {
  const tag = requested?.replace('_', '-');
  if (tag && /^[a-z]{2}(?:-[A-Za-z0-9]{2,8})*$/i.test(tag) && tag.toLowerCase().startsWith(answer.locale)) return tag;
  return answer.locale === 'ja' ? 'ja-JP' : 'en-US';
}

/** Whatever the deadline runner returned -> what to say. */
export function answerOf(result: DeadlineResult, limits: SpeechLimits = {}): VoiceAnswer {
  if (result.kind === 'answer') return answerFromTurn(result.outcome, limits);
  const said = phrases(result.locale);
  return fixedAnswer(result.kind === 'holding' ? said.holding : said.apology, result.locale);
}
