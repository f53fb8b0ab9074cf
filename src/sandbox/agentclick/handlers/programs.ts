import { z } from 'zod';
import type { SandboxProgram } from '../../catalog.ts';
import { type ActionContext, type ActionHandler, notFound } from '../action-context.ts';
import { boolParam, intParam, pageParam, paginate, parseParams, positiveIntParam, stringParam } from '../params.ts';
import { catalogEntry, categoryView, programDetail, programSummary } from '../present.ts';

/** publisher.programs_search, publisher.programs_detail, publisher.selfback_list, agent.program_detail, agent.catalog, agent.categories */
const rewardType = z.enum(['cpa', 'cpc', 'cpi']);
const sorts = {
  newest: (a: SandboxProgram, b: SandboxProgram) => b.created_at.localeCompare(a.created_at) || a.id - b.id,
  reward_desc: (a: SandboxProgram, b: SandboxProgram) => b.reward_amount - a.reward_amount || a.id - b.id,
  reward_asc: (a: SandboxProgram, b: SandboxProgram) => a.reward_amount - b.reward_amount || a.id - b.id,
  name: (a: SandboxProgram, b: SandboxProgram) => a.name_en.localeCompare(b.name_en),
  confirmation_rate_desc: (a: SandboxProgram, b: SandboxProgram) => b.confirmation_rate - a.confirmation_rate || a.id - b.id,
  epc_desc: (a: SandboxProgram, b: SandboxProgram) => b.epc - a.epc || a.id - b.id,
};

const FLAGS = ['self_affiliate', 'allow_listing', 'has_product_link', 'itp_supported', 'is_campaign', 'is_new', 'auto_approve'] as const;

export const programsSearch: ActionHandler = ({ params, catalog, search }) => {
  const p = parseParams(params, {
    category_id: positiveIntParam.optional(),
    category_slug: stringParam.optional(),
    reward_type: rewardType.optional(),
    keyword: stringParam.optional(),
    min_reward: intParam.optional(),
    min_confirmation_rate: intParam.optional(),
    ...Object.fromEntries(FLAGS.map((flag) => [flag, boolParam.optional()])),
    sort: z.enum(Object.keys(sorts) as [keyof typeof sorts]).optional(),
    page: pageParam,
    per_page: positiveIntParam.optional(),
  });
  const flags = p as Partial<Record<(typeof FLAGS)[number], boolean>>;
  let programs = catalog.programs.filter(
    (program) =>
      (p.category_id === undefined || program.category_id === p.category_id) &&
      (p.category_slug === undefined || program.category_slug === p.category_slug) &&
      (p.reward_type === undefined || program.reward_type === p.reward_type) &&
      (p.min_reward === undefined || program.reward_amount >= p.min_reward) &&
      (p.min_confirmation_rate === undefined || program.confirmation_rate >= p.min_confirmation_rate) &&
      FLAGS.every((flag) => flags[flag] !== true || program[flag]),
  );
  if (p.keyword !== undefined) {
    // Keyword search narrows to the programs whose name or description mention it.
    const matching = new Set(search.search(p.keyword).map((hit) => hit.id));
    programs = programs.filter((program) => matching.has(program.id));
  }
  programs.sort(sorts[p.sort ?? 'newest']);
  const { items, pagination } = paginate(programs, p.page, p.per_page);
  return { data: { programs: items.map(programSummary), pagination } };
};

function requireProgram({ params, catalog }: ActionContext): SandboxProgram {
  const { program_id } = parseParams(params, { program_id: positiveIntParam }, ['program_id']);
  const program = catalog.byId.get(program_id);
  if (!program) throw notFound(`Program ${program_id}`);
  return program;
}

export const publisherProgramDetail: ActionHandler = (context) => {
  const program = requireProgram(context);
  const partnership = context.state.partnershipFor(context.account, program.id) ?? null;
  return { data: programDetail(program, context.origin, partnership) };
};

export const agentProgramDetail: ActionHandler = (context) => ({ data: programDetail(requireProgram(context), context.origin) });

export const selfbackList: ActionHandler = ({ params, catalog }) => {
  const p = parseParams(params, { page: pageParam, per_page: positiveIntParam.optional() });
  const eligible = catalog.programs.filter((program) => program.self_affiliate).sort(sorts.reward_desc);
  const { items, pagination } = paginate(eligible, p.page, p.per_page);
  return { data: { programs: items.map(programSummary), pagination } };
};

export const agentCatalog: ActionHandler = ({ catalog }) => ({ data: { programs: catalog.programs.map(catalogEntry) } });

export const agentCategories: ActionHandler = ({ catalog }) => ({
  data: {
    categories: catalog.categories.map((category) =>
      categoryView(category, catalog.programs.filter((program) => program.category_id === category.id).length),
    ),
  },
});
