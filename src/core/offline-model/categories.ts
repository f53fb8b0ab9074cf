/** The fourteen category slugs of the catalog, with a display label in each language. */
import { safeField } from './sanitize.ts';
import type { Lang } from './types.ts';

const LABELS: Record<string, { en: string; ja: string }> = {
  'ai-chatbot': { en: 'AI chatbots', ja: 'AIチャットボット' },
  'ai-image': { en: 'AI image generation', ja: '画像生成AI' },
  'ai-code': { en: 'AI coding', ja: 'AIコーディング' },
  'ai-writing': { en: 'AI writing', ja: 'AIライティング' },
  'ai-video': { en: 'AI video', ja: '動画生成・編集AI' },
  'ai-voice': { en: 'AI voice & speech', ja: '音声合成・文字起こしAI' },
  'ai-translation': { en: 'AI translation', ja: 'AI翻訳' },
  'ai-marketing': { en: 'AI marketing', ja: 'AIマーケティング' },
  'ai-productivity': { en: 'AI productivity', ja: 'AI業務効率化' },
  'ai-data': { en: 'AI data & analytics', ja: 'AIデータ分析' },
  'ai-education': { en: 'AI education', ja: 'AI学習・教育' },
  'ai-devtools': { en: 'AI developer tools', ja: 'AI開発者ツール' },
  'ai-music': { en: 'AI music', ja: '音楽生成AI' },
  'ai-design': { en: 'AI design', ja: 'AIデザイン' },
};

export const CATEGORY_SLUGS: readonly string[] = Object.keys(LABELS);

/** A category as given by a tool (a slug or a name), shown in the reply's language when it is a known slug. */
export function categoryLabel(category: string, lang: Lang): string | undefined {
  return knownCategoryLabel(category, lang) ?? safeField(category, 40);
}

export function knownCategoryLabel(slug: string, lang: Lang): string | undefined {
  return LABELS[slug.trim().toLowerCase()]?.[lang];
}

/** A known slug mentioned literally in the user's text ("ai-code", "AI_Code"), if any. */
export function slugIn(text: string): string | undefined {
  const normalized = text.normalize('NFKC').toLowerCase().replace(/_/g, '-');
  return CATEGORY_SLUGS.find((slug) => new RegExp(`(?<![a-z-])${slug}(?![a-z-])`).test(normalized));
}
