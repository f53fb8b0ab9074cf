import type { ConceptMatcher } from './concept-matcher.ts';
import { normalize } from './text.ts';

export interface CategoryInfo {
  slug: string;
  name: string;
  name_en?: string | null;
}

/**
 * The category a person or a model named, as a slug: the slug itself, a name in either language,
 * a piece of a name (「マーケ」 in 「マーケティング・SEO AI」), or the same concept in other words
 * ("translation" for AI翻訳). Undefined when nothing fits, so an unknown name filters nothing out.
 */
export function resolveCategory(value: string | undefined, categories: readonly CategoryInfo[], matcher: ConceptMatcher): string | undefined {
  const wanted = normalize(value ?? '').replace(/_/g, '-').trim();
  if (wanted === '') return undefined;
  const names = (category: CategoryInfo) => [category.name, category.name_en ?? ''].map(normalize).filter(Boolean);
  const exact = categories.find((category) => category.slug.toLowerCase() === wanted || names(category).includes(wanted));
  if (exact) return exact.slug;
  const core = wanted.replace(/^ai[\s-]*|[\s-]*ai$/g, '').trim();
  if (core.length >= 2) {
    const partial = categories.find((category) => names(category).some((name) => name.includes(core)) || category.slug.includes(core));
    if (partial) return partial.slug;
  }
  const asked = matcher.match(wanted);
  let best: { slug: string; overlap: number } | undefined;
  for (const category of categories) {
    const offered = matcher.match(names(category).join('\n'));
    const overlap = [...asked.keys()].filter((concept) => offered.has(concept)).length;
    if (overlap > 0 && overlap > (best?.overlap ?? 0)) best = { slug: category.slug, overlap };
  }
  return best?.slug;
}
