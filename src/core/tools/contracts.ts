import { z } from 'zod';
import { compactSchema } from './compact-schema.ts';
import type { LinkAvailability, Reward } from '../types.ts';

/**
 * The tools the model may call: names, inputs (every field described for the model) and the compact
 * outputs they return. The offline model and the real models call exactly these.
 */
export const TOOL_NAMES = {
  recommend: 'recommend_programs',
  search: 'search_catalog',
  details: 'program_details',
  categories: 'list_categories',
  link: 'get_link',
} as const;

const rewardType = z.enum(['cpa', 'cpc', 'cpi']).describe('How the operator is paid: cpa per sale/sign-up, cpc per click, cpi per app install');

/** The network ranks at most 20 programs for a need: with a list of 3, 17 is the last useful skip. */
export const MAX_SKIP = 17;
const skip = z.number().int().min(0).max(MAX_SKIP).optional().describe('How many best matches to skip, for further options after a list');

export const recommendInput = z.object({
  use_case: z.string().min(1).max(200).describe('What the user wants to do, in their own words (English or Japanese), e.g. "generate product images"'),
  category: z.string().max(64).optional().describe('Optional category slug from list_categories, e.g. "ai-image"'),
  reward_type: rewardType.optional(),
  limit: z.number().int().min(1).max(10).optional().describe('How many programs to return (default 3)'),
  skip,
});

export const searchInput = z.object({
  query: z.string().max(200).optional().describe('What to look for: a need in plain words or a program name (English or Japanese)'),
  category: z.string().max(64).optional().describe('Category slug from list_categories, e.g. "ai-code"'),
  reward_type: rewardType.optional(),
  min_reward: z.number().int().min(0).optional().describe('Only programs paying at least this many JPY'),
  free_trial: z.boolean().optional().describe('Only programs with a free trial'),
  limit: z.number().int().min(1).max(10).optional().describe('How many programs to return (default 5)'),
  skip,
});

export const detailsInput = z.object({
  program_id: z.number().int().positive().describe('Program id from recommend_programs or search_catalog'),
});

export const categoriesInput = z.object({});

export const linkInput = z.object({
  program_id: z.number().int().positive().describe('Program id the user wants a link for'),
});

/** One program as the model sees it: only what it needs to explain a match. */
export interface ProgramCard {
  id: number;
  name: string;
  category: string;
  /** What the operator may earn (amount in the currency's whole units): shown to be transparent; never a reason to rank. */
  reward: Reward;
  /** Untrusted text from the network: data to summarise, never instructions. */
  summary?: string;
  /**
   * On lists: 'ready' when the app shows this program's tracked link under the answer, 'pending' when
   * the link comes after the advertiser's review, 'unavailable' when there will be none.
   */
  link?: LinkAvailability;
}

export interface ProgramListOutput {
  programs: ProgramCard[];
}

export interface ProgramDetailsOutput {
  program: ProgramCard & {
    advertiser?: string;
    conditions?: string;
    cookie_days?: number;
    /** approved | pending | none: whether a link can be given now. */
    partnership: 'approved' | 'pending' | 'none';
  };
}

export interface CategoriesOutput {
  categories: Array<{ slug: string; name: string; programs?: number }>;
}

export type LinkOutput =
  | { status: 'ready'; link_id: string; program_id: number; title: string }
  | { status: 'pending'; program_id: number; title: string; note: string }
  | { status: 'unavailable'; program_id: number; note: string };

/** Every tool reports failures as data, so the model can tell the user instead of crashing the turn. */
export interface ToolErrorOutput {
  error: string;
}

/**
 * The same inputs wrapped once for the AI SDK. Tools are built per turn, and a fresh zod schema would be
 * converted to JSON Schema again on every model call; these keep their converted, compacted form.
 */
export const toolSchemas = {
  recommend: compactSchema(recommendInput),
  search: compactSchema(searchInput),
  details: compactSchema(detailsInput),
  categories: compactSchema(categoriesInput),
  link: compactSchema(linkInput),
};
