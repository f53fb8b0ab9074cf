import { z } from 'zod';
import { type ActionHandler, SandboxApiError, notFound } from '../action-context.ts';
import { intParam, parseParams, positiveIntParam } from '../params.ts';

/** agent.track_click and agent.record_conversion */
export const trackClick: ActionHandler = ({ params, account, state, catalog, origin }) => {
  const p = parseParams(
    params,
    { partnership_id: positiveIntParam, context: z.string().trim().min(1).max(64).optional(), user_agent: z.string().max(1024).optional() },
    ['partnership_id'],
  );
  const found = account.partnerships.get(p.partnership_id);
  if (!found || found.status === 'cancelled') throw notFound(`Partnership ${p.partnership_id}`);
  const partnership = state.review(found);
  if (partnership.status !== 'approved') {
    throw new SandboxApiError(400, `Clicks can only be tracked on an approved partnership (this one is ${partnership.status})`);
  }
  const click = state.addClick(account, partnership, p.context, p.user_agent);
  const program = catalog.byId.get(partnership.programId);
  return {
    message: 'Click recorded',
    data: {
      click_id: click.id,
      tracking_url: `${origin}/agentclick/t/${partnership.trackingCode}?click_id=${click.id}`,
      lp_url: program ? `${origin}${program.lp_path}` : null,
    },
  };
};

export const recordConversion: ActionHandler = ({ params, state, catalog }) => {
  const p = parseParams(
    params,
    {
      tracking_code: z.string().regex(/^[0-9a-fA-F]{32}$/, 'tracking_code must be 32 hex characters'),
      order_id: z.union([z.string().trim().min(1).max(128), intParam.transform(String)]).optional(),
      amount: intParam.pipe(z.number().int().min(0)).optional(),
    },
    ['tracking_code'],
  );
  const partnership = state.byTrackingCode.get(p.tracking_code.toLowerCase());
  if (!partnership || partnership.status === 'cancelled') throw notFound('Tracking code');
  if (p.order_id !== undefined && state.orders.has(`${partnership.programId}:${p.order_id}`)) {
    throw new SandboxApiError(409, `Duplicate order_id: ${p.order_id} was already recorded`);
  }
  const program = catalog.byId.get(partnership.programId);
  const reward = program ? program.reward_amount : 0;
  const conversion = state.addConversion(partnership, p.order_id, p.amount, reward);
  return {
    message: 'Conversion recorded',
    data: {
      conversion_id: conversion.id,
      tracking_code: partnership.trackingCode,
      program_id: partnership.programId,
      order_id: conversion.orderId ?? null,
      amount: conversion.amount ?? null,
      reward_amount: reward,
      status: 'pending',
    },
  };
};
