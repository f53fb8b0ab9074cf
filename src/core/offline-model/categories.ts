/** The catalog's category slugs, with a display label in each language (from each lexicon). */
import { LEXICONS, lexiconFor } from './lexicon/index.ts';
import { safeField } from './sanitize.ts';
import type { Lang } from './types.ts';

export const CATEGORY_SLUGS: readonly string[] = [...new Set(LEXICONS.flatMap((lexicon) => Object.keys(lexicon.categories)))];

/** A category as given by a tool (a slug or a name), shown in the reply's language when it is a known slug. */
export function categoryLabel(category: string, lang: Lang): string | undefined {
  return knownCategoryLabel(category, lang) ?? safeField(category, 40);
}

export function knownCategoryLabel(slug: string, lang: Lang): string | undefined {
  return lexiconFor(lang).categories[slug.trim().toLowerCase()];
}

/** A known slug mentioned literally in the user's text ("ai-code", "AI_Code"), if any. */
export function slugIn(text: string): string | undefined {
  const normalized = text.normalize('NFKC').toLowerCase().replace(/_/g, '-');
  return CATEGORY_SLUGS.find((slug) => new RegExp(`(?<![a-z-])${slug}(?![a-z-])`).test(normalized));
}
