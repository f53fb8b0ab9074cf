import type { Category } from '../../catalog/catalog.ts';
import type { Locale } from '../types.ts';
import type { ProgramCard } from './contracts.ts';
import { replaceUrls } from '../../shared/url-finder.ts';
import { rewardOf } from '../../links/reward-text.ts';
import { createLruMap } from '../../cache/lru-map.ts';

/**
 * Summaries are asked for the same few program texts on every list turn; finding URLs in them is the
 * costly part, so each (text, length) is summarised once. Bounded: texts come from the network.
 */
const summaries = createLruMap<string, string | undefined>(2_000);

/**
 * Program texts come from the network and are untrusted: no URLs (bare domains too, found by the
 * bot's one URL finder), no markup, no long text that
 * could carry instructions; the model gets a short plain summary and nothing else. A long text is cut
 * after its last whole sentence that fits (a half sentence reads as a mistake), or at a word with "…"
 * when even the first sentence is too long.
 */
export function untrustedSummary(text: string | null | undefined, max = 160): string | undefined {
  if (!text) return undefined;
  const key = `${max}:${text}`;
  const known = summaries.get(key);
  if (known !== undefined) return known;
  const summary = summarise(text, max);
  if (summary !== undefined) summaries.set(key, summary);
  return summary;
}

function summarise(text: string, max: number): string | undefined {
  const plain = replaceUrls(text.replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
  if (!plain) return undefined;
  if (plain.length <= max) return plain;
  const head = plain.slice(0, max);
  const ends = [...head.matchAll(/[.!?](?=\s)|[。！？]/gu)];
  const sentenceEnd = (ends.at(-1)?.index ?? -1) + 1;
  if (sentenceEnd >= max * 0.4) return head.slice(0, sentenceEnd);
  const space = head.lastIndexOf(' ', max - 1);
  return `${head.slice(0, space >= max * 0.6 ? space : max - 1).trimEnd()}…`;
}

export interface CardSource {
  id: number;
  name: string;
  name_en?: string | null;
  category_slug?: string | null;
  category_name?: string | null;
  reward_type: string;
  reward_amount: number;
  description?: string | null;
  description_en?: string | null;
}

export function programName(program: { name: string; name_en?: string | null }, locale: Locale): string {
  return locale === 'en' && program.name_en ? program.name_en : program.name;
}

/** One program for the model; `summaryMax` is longer for a details answer than for a list line. */
export function toCard(program: CardSource, locale: Locale, categories: Map<string, Category>, summaryMax = 160): ProgramCard {
  const category = categories.get(program.category_slug ?? '');
  const summary = untrustedSummary(locale === 'en' ? (program.description_en ?? program.description) : program.description, summaryMax);
  return {
    id: program.id,
    name: programName(program, locale),
    category: (locale === 'en' ? category?.name_en : category?.name) ?? program.category_name ?? program.category_slug ?? '',
    // Structured, so every channel words it in its own language; shown for transparency, never used to rank.
    reward: rewardOf(program.reward_type, program.reward_amount),
    ...(summary ? { summary } : {}),
  };
}
