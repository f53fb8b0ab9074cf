import type { SandboxProgram } from '../catalog.ts';
import type { SeedCategory } from '../seed/catalog-types.ts';
import type { Partnership } from './state.ts';

/** How programs look in answers: a list entry, the full detail, or the lightweight catalog line. */
export function programSummary(program: SandboxProgram) {
  return {
    id: program.id,
    name: program.name,
    name_en: program.name_en,
    description: program.description,
    description_en: program.description_en,
    category_id: program.category_id,
    category_slug: program.category_slug,
    category_name: program.category_name,
    advertiser_name: program.advertiser_name,
    reward_type: program.reward_type,
    reward_amount: program.reward_amount,
    confirmation_rate: program.confirmation_rate,
    epc: program.epc,
    self_affiliate: program.self_affiliate,
    allow_listing: program.allow_listing,
    has_product_link: program.has_product_link,
    itp_supported: program.itp_supported,
    is_campaign: program.is_campaign,
    is_new: program.is_new,
    auto_approve: program.auto_approve,
    cookie_days: program.cookie_days,
    created_at: program.created_at,
  };
}

export function programDetail(program: SandboxProgram, origin: string, partnership?: Partnership | null) {
  return {
    ...programSummary(program),
    reward_conditions: program.reward_conditions,
    lp_url: `${origin}${program.lp_path}`,
    creatives: [
      { id: program.id * 10 + 1, type: 'banner', width: 300, height: 250, image_url: `${origin}${program.lp_path}/banner.svg?size=300x250`, text: null },
      { id: program.id * 10 + 2, type: 'banner', width: 728, height: 90, image_url: `${origin}${program.lp_path}/banner.svg?size=728x90`, text: null },
      { id: program.id * 10 + 3, type: 'text', width: null, height: null, image_url: null, text: `${program.name}｜${program.description.split('。')[0]}。` },
    ],
    ...(partnership === undefined
      ? {}
      : { partnership: partnership ? { partnership_id: partnership.id, status: partnership.status, tracking_code: partnership.status === 'approved' ? partnership.trackingCode : null } : null }),
  };
}

export function catalogEntry(program: SandboxProgram) {
  return {
    id: program.id,
    name: program.name,
    name_en: program.name_en,
    category_id: program.category_id,
    category_slug: program.category_slug,
    category_name: program.category_name,
    reward_type: program.reward_type,
    reward_amount: program.reward_amount,
  };
}

export function partnershipView(partnership: Partnership, program: SandboxProgram | undefined) {
  return {
    partnership_id: partnership.id,
    program_id: partnership.programId,
    program_name: program?.name ?? null,
    status: partnership.status,
    tracking_code: partnership.status === 'approved' ? partnership.trackingCode : null,
    created_at: new Date(partnership.createdAt).toISOString(),
  };
}

/** A category as `common.categories` lists it; `agent.categories` adds the program count. */
export function categoryView(category: SeedCategory, programCount?: number) {
  return {
    id: category.id,
    name: category.name,
    slug: category.slug,
    description: category.description,
    sort_order: category.id,
    name_en: category.name_en,
    ...(programCount === undefined ? {} : { program_count: programCount }),
  };
}
