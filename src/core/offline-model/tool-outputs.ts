/**
 * Type guards for the tools' outputs (src/core/tools/contracts.ts). Outputs arrive as plain JSON
 * from the prompt, so every field is checked before a template uses it.
 */
import type { CategoriesOutput, LinkOutput, ProgramCard, ProgramDetailsOutput } from '../tools/contracts.ts';
import type { LinkAvailability, Reward } from '../types.ts';

export type ProgramDetails = Omit<ProgramDetailsOutput['program'], 'reward'> & { reward?: Reward };
export type CategoryItem = CategoriesOutput['categories'][number];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** The structured reward, when it is well formed; a reward is never guessed from text. */
function rewardOf(value: unknown): Reward | undefined {
  if (!isRecord(value) || typeof value.amount !== 'number' || !Number.isFinite(value.amount) || value.amount < 0) return undefined;
  if (value.type !== 'cpa' && value.type !== 'cpc' && value.type !== 'cpi') return undefined;
  const currency = typeof value.currency === 'string' && /^[A-Z]{3}$/.test(value.currency) ? value.currency : 'JPY';
  return { type: value.type, amount: value.amount, currency };
}

function linkAvailabilityOf(value: unknown): LinkAvailability | undefined {
  return value === 'ready' || value === 'pending' || value === 'unavailable' ? value : undefined;
}

/** A program as the offline model reads it: the reward may be missing when the output did not carry a valid one. */
export type ListedProgram = Omit<ProgramCard, 'reward'> & { reward?: Reward };

function programCardOf(value: unknown): ListedProgram | undefined {
  if (!isRecord(value) || typeof value.id !== 'number' || typeof value.name !== 'string') return undefined;
  const summary = optionalString(value.summary);
  const reward = rewardOf(value.reward);
  const link = linkAvailabilityOf(value.link);
  return {
    id: value.id,
    name: value.name,
    category: typeof value.category === 'string' ? value.category : '',
    ...(reward === undefined ? {} : { reward }),
    ...(summary === undefined ? {} : { summary }),
    ...(link === undefined ? {} : { link }),
  };
}

export function errorOf(value: unknown): string | undefined {
  if (!isRecord(value) || !('error' in value)) return undefined;
  return typeof value.error === 'string' ? value.error : 'error';
}

export function programListOf(value: unknown): ListedProgram[] | undefined {
  if (!isRecord(value) || !Array.isArray(value.programs)) return undefined;
  return value.programs.flatMap((item) => {
    const card = programCardOf(item);
    return card === undefined ? [] : [card];
  });
}

export function detailsOf(value: unknown): ProgramDetails | undefined {
  if (!isRecord(value)) return undefined;
  const card = programCardOf(value.program);
  if (card === undefined || !isRecord(value.program)) return undefined;
  const raw = value.program;
  const partnership = raw.partnership === 'approved' || raw.partnership === 'pending' ? raw.partnership : 'none';
  const advertiser = optionalString(raw.advertiser);
  const conditions = optionalString(raw.conditions);
  return {
    ...card,
    partnership,
    ...(advertiser === undefined ? {} : { advertiser }),
    ...(conditions === undefined ? {} : { conditions }),
    ...(typeof raw.cookie_days === 'number' ? { cookie_days: raw.cookie_days } : {}),
  };
}

export function categoriesOf(value: unknown): CategoryItem[] | undefined {
  if (!isRecord(value) || !Array.isArray(value.categories)) return undefined;
  return value.categories.flatMap((item) => {
    if (!isRecord(item) || typeof item.slug !== 'string') return [];
    const name = typeof item.name === 'string' ? item.name : item.slug;
    return [typeof item.programs === 'number' ? { slug: item.slug, name, programs: item.programs } : { slug: item.slug, name }];
  });
}

export function linkOf(value: unknown): LinkOutput | undefined {
  if (!isRecord(value) || typeof value.program_id !== 'number') return undefined;
  const title = typeof value.title === 'string' ? value.title : '';
  const note = typeof value.note === 'string' ? value.note : '';
  if (value.status === 'ready' && typeof value.link_id === 'string') return { status: 'ready', link_id: value.link_id, program_id: value.program_id, title };
  if (value.status === 'pending') return { status: 'pending', program_id: value.program_id, title, note };
  if (value.status === 'unavailable') return { status: 'unavailable', program_id: value.program_id, note };
  return undefined;
}
