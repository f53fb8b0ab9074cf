import { z } from 'zod';
import { type ActionHandler, SandboxApiError, notFound } from '../action-context.ts';
import { boolParam, dateParam, pageParam, paginate, parseParams, positiveIntParam } from '../params.ts';
import { seedEarningsTrend, seedPayouts } from '../seed-account.ts';

/** publisher.report, publisher.earnings_summary / _payouts, publisher.notifications_list / _read */
const day = (at: number) => new Date(at).toISOString().slice(0, 10);

export const report: ActionHandler = ({ params, account, state, catalog }) => {
  const today = day(state.now());
  const p = parseParams(params, { start_date: dateParam.optional(), end_date: dateParam.optional(), group_by: z.enum(['program', 'daily']).optional() });
  const start = p.start_date ?? `${today.slice(0, 8)}01`;
  const end = p.end_date ?? today;
  if (start > end) throw new SandboxApiError(400, 'Invalid parameter: start_date is after end_date');
  const groupBy = p.group_by ?? 'daily';
  const rows = new Map<string, { date: string | null; program_id: number | null; program_name: string | null; clicks: number; conversions: number; approved: number; reward: number }>();
  const row = (at: number, programId: number) => {
    const key = groupBy === 'daily' ? day(at) : String(programId);
    let entry = rows.get(key);
    if (!entry) {
      entry =
        groupBy === 'daily'
          ? { date: key, program_id: null, program_name: null, clicks: 0, conversions: 0, approved: 0, reward: 0 }
          : { date: null, program_id: programId, program_name: catalog.byId.get(programId)?.name ?? null, clicks: 0, conversions: 0, approved: 0, reward: 0 };
      rows.set(key, entry);
    }
    return entry;
  };
  const inRange = (at: number) => day(at) >= start && day(at) <= end;
  for (const click of account.clicks.filter((c) => inRange(c.at))) {
    const entry = row(click.at, click.programId);
    entry.clicks++;
    if (catalog.byId.get(click.programId)?.reward_type === 'cpc') entry.reward += catalog.byId.get(click.programId)?.reward_amount ?? 0;
  }
  for (const conversion of account.conversions.filter((c) => inRange(c.at))) {
    const entry = row(conversion.at, conversion.programId);
    entry.conversions++;
    entry.reward += conversion.reward;
  }
  const list = [...rows.values()].sort((a, b) => (a.date ?? '').localeCompare(b.date ?? '') || (a.program_id ?? 0) - (b.program_id ?? 0));
  const totals = list.reduce((sum, r) => ({ clicks: sum.clicks + r.clicks, conversions: sum.conversions + r.conversions, reward: sum.reward + r.reward }), { clicks: 0, conversions: 0, reward: 0 });
  return { data: { start_date: start, end_date: end, group_by: groupBy, rows: list, totals } };
};

export const earningsSummary: ActionHandler = ({ account, state }) => {
  const trend = seedEarningsTrend(state.now(), account.userId);
  const thisMonth = day(state.now()).slice(0, 7);
  const live = account.conversions.filter((c) => day(c.at).startsWith(thisMonth)).reduce((sum, c) => sum + c.reward, 0);
  const last = trend[trend.length - 1];
  if (last) last.amount += live;
  const payouts = seedPayouts(trend);
  const lifetime = trend.reduce((sum, m) => sum + m.amount, 0);
  const paidOut = payouts.reduce((sum, payout) => sum + payout.gross_reward, 0);
  return {
    data: { unpaid_balance: lifetime - paidOut, current_month: last?.amount ?? 0, lifetime_total: lifetime, paid_out: paidOut, currency: 'JPY', trend },
  };
};

export const earningsPayouts: ActionHandler = ({ params, account, state }) => {
  const p = parseParams(params, { page: pageParam, per_page: positiveIntParam.optional() });
  const { items, pagination } = paginate(seedPayouts(seedEarningsTrend(state.now(), account.userId)), p.page, p.per_page);
  return { data: { payouts: items, pagination } };
};

export const notificationsList: ActionHandler = ({ params, account }) => {
  const p = parseParams(params, { unread_only: boolParam.optional(), page: pageParam, per_page: positiveIntParam.optional() });
  const newestFirst = [...account.notifications].reverse().filter((n) => !p.unread_only || !n.is_read);
  const { items, pagination } = paginate(newestFirst, p.page, p.per_page);
  return { data: { notifications: items, unread_count: account.notifications.filter((n) => !n.is_read).length, pagination } };
};

export const notificationsRead: ActionHandler = ({ params, account }) => {
  const p = parseParams(params, { notification_id: positiveIntParam.optional() });
  if (p.notification_id !== undefined) {
    const notification = account.notifications.find((n) => n.id === p.notification_id);
    if (!notification) throw notFound(`Notification ${p.notification_id}`);
    const updated = notification.is_read ? 0 : 1;
    notification.is_read = true;
    return { message: 'Notification marked as read', data: { updated, notification_id: notification.id } };
  }
  const unread = account.notifications.filter((n) => !n.is_read);
  for (const notification of unread) notification.is_read = true;
  return { message: 'All notifications marked as read', data: { updated: unread.length } };
};
