import { escapeHtml } from '../shared/html.ts';
import type { Commission } from '../syndicate/schemas.ts';
import type { Fetched } from '../cache/network-read-cache.ts';
import type { Earnings, PlanOffer } from './earnings.ts';
import { count, money, time } from './format.ts';
import { csrfField } from './layout.ts';
import { stackedBarChart } from './svg-charts.ts';
import { range, tableRegion } from './table.ts';

/** What the networks say: Syndicate commission (USD and JPY), AgentClick earnings and payouts, and the plan tiers. */

const unavailable = (error: string) => `<p class="unavailable"><strong>Unavailable</strong> <span class="muted">${escapeHtml(error)}</span></p>`;

/** 2026-06 -> "Jun" for an axis (the tooltip keeps the full month). */
const monthName = (month: string): string => {
  const date = new Date(`${month}-01T00:00:00Z`);
  return Number.isNaN(date.getTime()) || !/^\d{4}-\d{2}$/.test(month) ? '?' : date.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
};

function freshness<T>(fetched: Extract<Fetched<T>, { ok: true }>): string {
  return `<p class="muted small">As of ${time(fetched.fetchedAt)}${fetched.stale ? `; the last refresh failed (${escapeHtml(fetched.stale)})` : ''}</p>`;
}

function syndicateCard({ usd, jpy }: Earnings['syndicate']): string {
  const row = (label: string, fetched: Fetched<Commission>) =>
    fetched.ok
      ? `<tr><th scope="row">${label}</th><td class="num">${money(fetched.value.balance, fetched.value.currency)}</td><td class="num">${money(fetched.value.pending, fetched.value.currency)}</td><td class="num">${money(fetched.value.paid, fetched.value.currency)}</td></tr>`
      : `<tr><th scope="row">${label}</th><td colspan="3">${unavailable(fetched.error)}</td></tr>`;
  const first = [usd, jpy].find((f) => f.ok);
  return `<article class="card" aria-labelledby="h-syndicate"><h3 id="h-syndicate">Syndicate Links</h3>
${tableRegion({ id: 't-syndicate', caption: 'Agent commission', head: ['Currency', 'Balance', 'Pending', 'Paid'], rows: [row('USD', usd), row('JPY', jpy)], numeric: range(1, 3) })}
${first?.ok ? freshness(first) : ''}</article>`;
}

function agentclickCard({ summary, payouts, report }: Earnings['agentclick']): string {
  const parts = ['<article class="card" aria-labelledby="h-agentclick"><h3 id="h-agentclick">AgentClick</h3>'];
  if (summary.ok) {
    const s = summary.value;
    const currency = typeof s.currency === 'string' ? s.currency : 'JPY';
    const items: Array<[string, number]> = [['Unpaid balance', s.unpaid_balance], ['This month', s.current_month], ['Lifetime', s.lifetime_total], ['Paid out', s.paid_out]];
    parts.push(`<dl class="figures">${items.map(([label, value]) => `<div><dt>${label}</dt><dd>${money(value, currency)}</dd></div>`).join('')}</dl>`);
    if (s.trend.length > 0) {
      const format = (n: number) => money(n, currency);
      parts.push(
        stackedBarChart({ id: 'chart-agentclick-trend', title: 'AgentClick earnings per month', description: 'Earnings per month reported by AgentClick.', labels: s.trend.map((m) => m.month), series: [{ label: 'Earnings', className: 'ch-earnings', values: s.trend.map((m) => m.amount) }], format, tickLabel: monthName }),
      );
    }
    parts.push(freshness(summary));
  } else parts.push(unavailable(summary.error));

  if (report.ok) {
    const r = report.value;
    parts.push(`<p>Report ${escapeHtml(r.start_date)} to ${escapeHtml(r.end_date)}: <strong>${count(r.totals.clicks)}</strong> clicks, <strong>${count(r.totals.conversions)}</strong> conversions, <strong>${money(r.totals.reward, 'JPY')}</strong> reward.</p>`);
  } else parts.push(`<p>Report: ${unavailable(report.error)}</p>`);

  if (payouts.ok) {
    const rows = payouts.value.map(
      (p) =>
        `<tr><th scope="row">${escapeHtml(p.period ?? `#${p.id}`)}</th><td class="num">${money(p.gross_reward, 'JPY')}</td><td class="num">${money(p.withholding_tax, 'JPY')}</td><td class="num">${money(p.transfer_fee, 'JPY')}</td><td class="num">${money(p.net_payout, 'JPY')}</td><td>${escapeHtml(p.status ?? '')}</td><td>${escapeHtml(p.paid_at?.slice(0, 10) ?? '')}</td></tr>`,
    );
    parts.push(tableRegion({ id: 't-payouts', caption: 'Payouts', head: ['Period', 'Gross', 'Tax', 'Fee', 'Net', 'Status', 'Paid'], rows, numeric: range(1, 4), empty: 'No payouts yet.' }));
  } else parts.push(`<p>Payouts: ${unavailable(payouts.error)}</p>`);
  parts.push('</article>');
  return parts.join('\n');
}

export function earningsSection(earnings: Earnings): string {
  return `<section aria-labelledby="h-earnings" id="earnings"><h2 id="h-earnings">Earnings</h2><div class="cards two">${syndicateCard(earnings.syndicate)}${agentclickCard(earnings.agentclick)}</div></section>`;
}

export function planSection({ discovery, plans }: PlanOffer, { csrf, base }: { csrf: string; base: string }): string {
  const about = discovery.ok
    ? `<p class="muted">Machine payments: ${escapeHtml(discovery.value.protocol)} ${escapeHtml(discovery.value.version)} through ${escapeHtml(discovery.value.provider)}; ${escapeHtml(discovery.value.payment_methods.join(', '))}; ${escapeHtml(discovery.value.currencies.join(', '))}.</p>`
    : unavailable(discovery.error);
  const tiers = plans.ok
    ? `<ul class="plans">${plans.value
        .map(
          (plan) => `<li class="card plan"><h3>${escapeHtml(plan.name)}</h3><p class="price">${money(plan.price, plan.currency)}<span class="muted"> / ${escapeHtml(plan.interval)}</span></p>
<ul class="features">${plan.features.map((f) => `<li>${escapeHtml(f)}</li>`).join('')}</ul>
<form method="post" action="${escapeHtml(base)}/checkout">${csrfField(csrf)}<input type="hidden" name="planId" value="${escapeHtml(plan.id)}"><button type="submit" aria-label="Start checkout for the ${escapeHtml(plan.name)} plan">Start checkout</button></form></li>`,
        )
        .join('')}</ul>`
    : unavailable(plans.error);
  return `<section aria-labelledby="h-plan" id="plan"><h2 id="h-plan">Syndicate Links plan</h2>${about}${tiers}</section>`;
}
