import { z } from 'zod';
import { type ActionContext, type ActionHandler, SandboxApiError, notFound } from '../action-context.ts';
import { pageParam, paginate, parseParams, positiveIntParam } from '../params.ts';
import { partnershipView } from '../present.ts';
import type { Partnership } from '../state.ts';

/** publisher.partnerships_apply / _cancel / _list, publisher.links_generate, publisher.selfback_apply */
function requirePartnership({ params, account, state }: ActionContext): Partnership {
  const { partnership_id } = parseParams(params, { partnership_id: positiveIntParam }, ['partnership_id']);
  const partnership = account.partnerships.get(partnership_id);
  if (!partnership) throw notFound(`Partnership ${partnership_id}`);
  return state.review(partnership);
}

export const apply: ActionHandler = ({ params, account, state, catalog }) => {
  const { program_id } = parseParams(params, { program_id: positiveIntParam }, ['program_id']);
  const program = catalog.byId.get(program_id);
  if (!program) throw notFound(`Program ${program_id}`);
  if (state.partnershipFor(account, program_id)) throw new SandboxApiError(409, `A partnership with program ${program_id} already exists`);
  const partnership = state.createPartnership(account, program_id, program.auto_approve);
  return {
    message: partnership.status === 'approved' ? 'Partnership approved' : 'Application submitted; awaiting the advertiser\'s review',
    data: {
      partnership_id: partnership.id,
      status: partnership.status,
      tracking_code: partnership.status === 'approved' ? partnership.trackingCode : null,
    },
  };
};

export const cancel: ActionHandler = (context) => {
  const partnership = requirePartnership(context);
  if (partnership.status !== 'pending') {
    throw new SandboxApiError(400, `Only pending applications can be cancelled (this one is ${partnership.status})`);
  }
  partnership.status = 'cancelled';
  partnership.reviewAt = undefined;
  return { message: 'Application cancelled', data: { partnership_id: partnership.id, status: partnership.status } };
};

export const list: ActionHandler = ({ params, account, state, catalog }) => {
  const p = parseParams(params, {
    status: z.enum(['pending', 'approved', 'rejected', 'suspended']).optional(),
    page: pageParam,
    per_page: positiveIntParam.optional(),
  });
  const partnerships = [...account.partnerships.values()]
    .map((partnership) => state.review(partnership))
    .filter((partnership) => partnership.status !== 'cancelled' && (p.status === undefined || partnership.status === p.status))
    .sort((a, b) => a.id - b.id);
  const { items, pagination } = paginate(partnerships, p.page, p.per_page);
  return { data: { partnerships: items.map((partnership) => partnershipView(partnership, catalog.byId.get(partnership.programId))), pagination } };
};

export const linksGenerate: ActionHandler = (context) => {
  const partnership = requirePartnership(context);
  if (partnership.status !== 'approved') {
    throw new SandboxApiError(400, `Links can only be generated for an approved partnership (this one is ${partnership.status})`);
  }
  const program = context.catalog.byId.get(partnership.programId);
  const url = `${context.origin}/agentclick/t/${partnership.trackingCode}`;
  const name = program?.name ?? 'program';
  return {
    data: {
      partnership_id: partnership.id,
      tracking_code: partnership.trackingCode,
      url,
      html_tag: `<a href="${url}" rel="sponsored noopener" target="_blank">${name}</a>`,
      js_tag: `<script src="${context.origin}/agentclick/js/${partnership.trackingCode}.js" async></script>`,
      disclosure: '【PR】本リンクはアフィリエイトリンクです。リンク経由でのご購入により、運営者が報酬を受け取ることがあります。',
    },
  };
};

export const selfbackApply: ActionHandler = ({ params, account, state, catalog, origin }) => {
  const { program_id } = parseParams(params, { program_id: positiveIntParam }, ['program_id']);
  const program = catalog.byId.get(program_id);
  if (!program) throw notFound(`Program ${program_id}`);
  if (!program.self_affiliate) throw new SandboxApiError(400, `Program ${program_id} is not eligible for self-back`);
  if (account.selfbacks.has(program_id)) throw new SandboxApiError(409, `Self-back for program ${program_id} was already applied`);
  let partnership = state.partnershipFor(account, program_id);
  if (partnership && partnership.status !== 'approved') {
    throw new SandboxApiError(400, `The partnership with program ${program_id} is ${partnership.status}`);
  }
  partnership ??= state.createPartnership(account, program_id, true);
  const click = state.addClick(account, partnership, 'selfback', undefined);
  account.selfbacks.add(program_id);
  return {
    data: {
      partnership_id: partnership.id,
      click_id: click.id,
      tracking_code: partnership.trackingCode,
      redirect_url: `${origin}/agentclick/t/${partnership.trackingCode}?click_id=${click.id}`,
    },
  };
};
