import { seededRandom } from '../shared/prng.ts';
import { seedCategories, seedPrograms } from './seed/catalog-data.ts';
import type { SeedCategory } from './seed/catalog-types.ts';

/** A program as the sandbox network knows it. `lp_path` becomes an absolute URL per request. */
export interface SandboxProgram {
  id: number;
  name: string;
  name_en: string;
  description: string;
  description_en: string;
  keywords: string[];
  category_id: number;
  category_slug: string;
  category_name: string;
  category_name_en: string;
  advertiser_name: string;
  reward_type: 'cpa' | 'cpc' | 'cpi';
  reward_amount: number;
  reward_conditions: string;
  confirmation_rate: number;
  epc: number;
  self_affiliate: boolean;
  allow_listing: boolean;
  has_product_link: boolean;
  itp_supported: boolean;
  is_campaign: boolean;
  is_new: boolean;
  auto_approve: boolean;
  cookie_days: number;
  created_at: string;
  price_jpy: number;
  lp_path: string;
}

export interface SandboxCatalog {
  categories: SeedCategory[];
  programs: SandboxProgram[];
  byId: Map<number, SandboxProgram>;
}

/** The day the seed catalog describes; `is_new` and creation dates are relative to it, so data never drifts. */
export const CATALOG_DATE = Date.UTC(2026, 10, 1);

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** The programs the spec's own examples use (program 42 is applied for and self-backed) must accept that. */
const SPEC_EXAMPLE_PROGRAM = 42;

export function buildCatalog(): SandboxCatalog {
  const categoryBySlug = new Map(seedCategories.map((category) => [category.slug, category]));
  const programs = seedPrograms.map((seed, index): SandboxProgram => {
    const id = index + 1;
    const random = seededRandom(id * 7919);
    const category = categoryBySlug.get(seed.category);
    if (!category) throw new Error(`seed program ${seed.name_en} names an unknown category ${seed.category}`);
    const isApp = seed.conversion_point.includes('インストール');
    const rewardType = isApp ? 'cpi' : random() < 0.12 ? 'cpc' : 'cpa';
    const rewardAmount =
      rewardType === 'cpc' ? 10 + Math.floor(random() * 8) * 10 : rewardType === 'cpi' ? 100 + Math.floor(random() * 6) * 100 : 500 + Math.floor(random() * 60) * 250;
    const confirmationRate = 40 + Math.floor(random() * 59);
    const isNew = random() < 0.15;
    const ageDays = isNew ? 1 + Math.floor(random() * 28) : 40 + Math.floor(random() * 600);
    const cookieDays = pick(random, [7, 14, 30, 30, 60, 90]);
    const spec = id === SPEC_EXAMPLE_PROGRAM;
    return {
      id,
      name: seed.name,
      name_en: seed.name_en,
      description: seed.description,
      description_en: seed.description_en,
      keywords: seed.keywords,
      category_id: category.id,
      category_slug: category.slug,
      category_name: category.name,
      category_name_en: category.name_en,
      advertiser_name: seed.advertiser,
      reward_type: spec ? 'cpa' : rewardType,
      reward_amount: spec ? 9800 : rewardAmount,
      reward_conditions: `${seed.conversion_point}（Cookie有効期間${cookieDays}日、重複・不正・キャンセルは対象外）`,
      confirmation_rate: confirmationRate,
      epc: Math.round(rewardAmount * (confirmationRate / 100) * (rewardType === 'cpc' ? 1 : 0.012 + random() * 0.02) * 100) / 100,
      self_affiliate: spec || random() < 0.3,
      allow_listing: random() < 0.6,
      has_product_link: random() < 0.5,
      itp_supported: random() < 0.75,
      is_campaign: random() < 0.15,
      is_new: isNew,
      auto_approve: spec || random() < 0.7,
      cookie_days: cookieDays,
      created_at: new Date(CATALOG_DATE - ageDays * 86_400_000).toISOString(),
      price_jpy: seed.price_jpy,
      lp_path: `/merchant/${id}`,
    };
  });
  return { categories: seedCategories, programs, byId: new Map(programs.map((program) => [program.id, program])) };
}
