import type { Category } from '../../catalog/catalog.ts';
import type { Locale } from '../types.ts';
import type { ProgramCard } from './contracts.ts';

const yen = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'JPY' });
const UNIT: Record<string, string> = { cpa: 'per sale', cpc: 'per click', cpi: 'per install' };

/** "¥9,800 per sale": shown for transparency, never used to rank. */
export function rewardText(type: string, amount: number): string {
  return `${yen.format(amount)} ${UNIT[type] ?? type}`;
}

/**
 * Program texts come from the network and are untrusted: no URLs, no markup, no long text that
 * could carry instructions; the model gets a short plain summary and nothing else.
 */
export function untrustedSummary(text: string | null | undefined, max = 160): string | undefined {
  if (!text) return undefined;
  const plain = text
    .replace(/<[^>]*>/g, ' ')
    .replace(/\b(?:https?:\/\/|www\.)\S+/gi, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (!plain) return undefined;
  return plain.length > max ? `${plain.slice(0, max - 1)}…` : plain;
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

export function toCard(program: CardSource, locale: Locale, categories: Map<string, Category>): ProgramCard {
  const category = categories.get(program.category_slug ?? '');
  const summary = untrustedSummary(locale === 'en' ? (program.description_en ?? program.description) : program.description);
  return {
    id: program.id,
    name: programName(program, locale),
    category: (locale === 'en' ? category?.name_en : category?.name) ?? program.category_name ?? program.category_slug ?? '',
    reward: rewardText(program.reward_type, program.reward_amount),
    ...(summary ? { summary } : {}),
  };
}
