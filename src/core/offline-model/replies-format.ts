/** Pieces shared by the English and Japanese templates: cleaned names, labels, summaries and rewards. */
import type { ListedProgram } from './tool-outputs.ts';
import { categoryLabel, knownCategoryLabel } from './categories.ts';
import { rewardAmountText } from '../../links/reward-text.ts';
import { cleanText, safeField, safeName, safeSentences, summaryLine, truncate } from './sanitize.ts';
import type { CategoryItem } from './tool-outputs.ts';
import type { Lang } from './types.ts';

/** The parts of one list line, already cleaned of anything a program text could smuggle in. */
export interface ProgramLineParts {
  name: string;
  category: string | undefined;
  summary: string | undefined;
  reward: string | undefined;
}

export function lineParts(program: ListedProgram, lang: Lang): ProgramLineParts {
  return {
    name: safeName(program.name, program.id),
    category: program.category === '' ? undefined : categoryLabel(program.category, lang),
    summary: summaryLine(program.summary, lang === 'ja' ? 60 : 80),
    reward: program.reward === undefined ? undefined : rewardAmountText(program.reward, lang),
  };
}

/** Which listed programs come with a link now and which after the advertiser's review (1-based positions). */
export function linkPositions(programs: readonly ListedProgram[]): { ready: number[]; pending: number[] } {
  const at = (status: ListedProgram['link']) => programs.flatMap((program, index) => (program.link === status ? [index + 1] : []));
  return { ready: at('ready'), pending: at('pending') };
}

/** The category names for a list of categories, in the reply's language when the slug is known. */
export function categoryNames(categories: readonly CategoryItem[], lang: Lang): string[] {
  return categories.map((category) => knownCategoryLabel(category.slug, lang) ?? safeField(category.name, 40) ?? category.slug);
}

/**
 * The safe sentences of a program's summary for the details reply: whole sentences while they fit,
 * so the answer never stops mid-sentence (only a first sentence too long on its own is shortened).
 */
export function detailSummary(summary: string | undefined, lang: Lang): string | undefined {
  if (summary === undefined) return undefined;
  const budget = lang === 'ja' ? 130 : 260;
  const whole = safeSentences(summary).filter((sentence) => !sentence.endsWith('…'));
  const kept: string[] = [];
  let length = 0;
  for (const sentence of whole) {
    length += sentence.length + (kept.length > 0 ? 1 : 0);
    if (length > budget) break;
    kept.push(sentence);
  }
  if (kept.length === 0) return whole[0] === undefined ? undefined : truncate(whole[0], budget);
  return kept.join(lang === 'ja' ? '' : ' ');
}

/** The user's own words echoed back (a name they asked about): cleaned and short. */
export function echo(text: string): string {
  return truncate(cleanText(text), 40);
}
