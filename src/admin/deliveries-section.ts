import { escapeHtml } from '../shared/html.ts';
import { count, time } from './format.ts';
import { csrfField } from './layout.ts';
import type { Deliveries } from './summary.ts';
import { tableRegion } from './table.ts';

const NETWORK_LABELS: Record<string, string> = { agentclick: 'AgentClick', syndicate: 'Syndicate Links' };

/** Delivery health of purchases to the networks, the dead letters with their reasons, and Replay. */
export function deliveriesSection({ health, deadLetters }: Deliveries, { csrf, base }: { csrf: string; base: string }): string {
  const tiles: Array<[string, number, string]> = [
    ['Delivered', health.delivered, 'ok'],
    ['Pending', health.pending, health.pending > 0 ? 'info' : ''],
    ['Retrying', health.retrying, health.retrying > 0 ? 'warn' : ''],
    ['Dead letters', health.dead, health.dead > 0 ? 'bad' : ''],
  ];
  const replay = (label: string, purchaseId?: number) =>
    `<form method="post" action="${escapeHtml(base)}/dead-letters/replay" class="inline">${csrfField(csrf)}${purchaseId === undefined ? '' : `<input type="hidden" name="purchaseId" value="${purchaseId}">`}<button type="submit" class="small">${escapeHtml(label)}</button></form>`;
  const rows = deadLetters.map(
    (d) =>
      `<tr><th scope="row"><code>${escapeHtml(d.orderId)}</code></th><td>${escapeHtml(NETWORK_LABELS[d.network] ?? d.network)}</td><td class="num">${count(d.attempts)}</td><td class="reason">${escapeHtml(d.reason ?? '')}</td><td>${time(d.receivedAt)}</td><td>${replay('Replay', d.purchaseId)}</td></tr>`,
  );
  const table = tableRegion({
    id: 't-dead',
    caption: 'Dead letters: deliveries a network refused',
    head: ['Order', 'Network', 'Attempts', 'Reason', 'Received', '<span class="visually-hidden">Action</span>'],
    rows,
    numeric: [2],
    empty: 'No dead letters: every purchase was accepted or is still being tried.',
  });
  return `<section aria-labelledby="h-deliveries" id="deliveries"><h2 id="h-deliveries">Delivery health</h2>
<ul class="kpis health">${tiles.map(([label, value, tone]) => `<li class="${tone}"><span class="kpi-label">${label}</span><span class="kpi-value">${count(value)}</span></li>`).join('')}</ul>
${table}${deadLetters.length > 1 ? `<div class="actions">${replay(`Replay all ${deadLetters.length}`)}</div>` : ''}
</section>`;
}
