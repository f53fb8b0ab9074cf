import { escapeHtml } from '../shared/html.ts';
import { CHANNEL_LABELS, channelLabel, count, rate, shortDay, usd, yen } from './format.ts';
import { CHANNELS, type Summary } from './summary.ts';
import { type BarSeries, funnelChart, stackedBarChart } from './svg-charts.ts';
import { range, tableRegion } from './table.ts';

/** The figures: totals, charts, per channel, per day and top programs. */

type Row = Summary['daily'][number];

const seriesOf = (summary: Summary, days: string[], pick: (r: Row) => number): BarSeries[] =>
  CHANNELS.map((channel) => {
    const byDay = new Map(summary.daily.filter((r) => r.channel === channel).map((r) => [r.day, pick(r)]));
    return { label: CHANNEL_LABELS[channel] ?? channel, className: `ch-${channel}`, values: days.map((day) => byDay.get(day) ?? 0) };
  });

const num = (text: string) => `<td class="num">${text}</td>`;
/** A rate, or a dash when there is nothing to divide by (0 % would claim a failure that did not happen). */
const ratio = (part: number, whole: number) => (whole === 0 ? '<span aria-hidden="true">—</span><span class="visually-hidden">n/a</span>' : rate(part / whole));

function kpis(summary: Summary): string {
  const t = summary.totals;
  const items: Array<[string, string, string?]> = [
    ['Turns', count(t.turns)],
    ['Recommendations', count(t.recommendations)],
    ['Links issued', count(t.links)],
    ['Clicks', count(t.clicks), t.links > 0 ? `${rate(summary.funnel.clickPerLink)} of links` : undefined],
    ['Purchases', count(t.purchases), t.clicks > 0 ? `${rate(summary.funnel.purchasePerClick)} of clicks` : undefined],
    ['Commission (JPY)', yen(t.commissionJpy)],
    ['Commission (USD)', usd(t.commissionUsd)],
  ];
  return `<ul class="kpis">${items
    .map(([label, value, note]) => `<li><span class="kpi-label">${label}</span><span class="kpi-value">${value}</span>${note ? `<span class="kpi-note">${escapeHtml(note)}</span>` : ''}</li>`)
    .join('')}</ul>`;
}

function charts(summary: Summary): string {
  const days = [...new Set(summary.daily.map((r) => r.day))];
  const period = `${summary.since} to ${summary.until}`;
  const figure = (svg: string, caption: string) => `<figure class="card chart-card">${svg}<figcaption>${escapeHtml(caption)}</figcaption></figure>`;
  const figures = [
    figure(
      stackedBarChart({ id: 'chart-clicks', title: 'Clicks per day by channel', description: `Clicks on tracked links per day, ${period}, stacked by channel.`, labels: days, series: seriesOf(summary, days, (r) => r.clicks), tickLabel: shortDay, integer: true }),
      'Clicks per day, stacked by channel',
    ),
    figure(
      stackedBarChart({ id: 'chart-purchases', title: 'Purchases per day by channel', description: `Attributed purchases per day, ${period}, stacked by channel.`, labels: days, series: seriesOf(summary, days, (r) => r.purchases), tickLabel: shortDay, integer: true }),
      'Purchases per day, stacked by channel',
    ),
    figure(
      funnelChart({
        id: 'chart-funnel',
        title: 'Conversion funnel',
        description: `From recommendations shown to purchases, ${period}.`,
        steps: [
          { label: 'Recommendations', value: summary.totals.recommendations },
          { label: 'Links issued', value: summary.totals.links },
          { label: 'Clicks', value: summary.totals.clicks },
          { label: 'Purchases', value: summary.totals.purchases },
        ],
        format: count,
      }),
      'Funnel: each step with its rate from the step before',
    ),
    figure(
      stackedBarChart({ id: 'chart-commission-jpy', title: 'Commission per day (JPY) by channel', description: `Commission confirmed by the networks in yen per day, ${period}.`, labels: days, series: seriesOf(summary, days, (r) => r.commissionJpy), tickLabel: shortDay, format: yen }),
      'Commission per day in JPY (both networks), by channel',
    ),
  ];
  if (summary.totals.commissionUsd > 0) {
    figures.push(
      figure(
        stackedBarChart({ id: 'chart-commission-usd', title: 'Commission per day (USD) by channel', description: `Commission confirmed by the networks in US dollars per day, ${period}.`, labels: days, series: seriesOf(summary, days, (r) => r.commissionUsd), tickLabel: shortDay, format: usd }),
        'Commission per day in USD (both networks), by channel',
      ),
    );
  }
  return `<div class="charts">${figures.join('')}</div>`;
}

function perChannel(summary: Summary): string {
  const rows = summary.channels.map(
    (c) =>
      `<tr><th scope="row">${escapeHtml(channelLabel(c.channel))}</th>${num(count(c.turns))}${num(count(c.recommendations))}${num(count(c.links))}${num(count(c.clicks))}${num(count(c.purchases))}${num(yen(c.commissionJpy))}${num(usd(c.commissionUsd))}${num(ratio(c.clicks, c.links))}${num(ratio(c.purchases, c.clicks))}</tr>`,
  );
  const t = summary.totals;
  rows.push(
    `<tr class="total"><th scope="row">All</th>${num(count(t.turns))}${num(count(t.recommendations))}${num(count(t.links))}${num(count(t.clicks))}${num(count(t.purchases))}${num(yen(t.commissionJpy))}${num(usd(t.commissionUsd))}${num(ratio(t.clicks, t.links))}${num(ratio(t.purchases, t.clicks))}</tr>`,
  );
  return tableRegion({ id: 't-channels', caption: 'Per channel', head: ['Channel', 'Turns', 'Recommended', 'Links', 'Clicks', 'Purchases', 'JPY', 'USD', 'Click / link', 'Buy / click'], rows, numeric: range(1, 9) });
}

function perDay(summary: Summary): string {
  const active = summary.daily.filter((r) => r.turns + r.recommendations + r.links + r.clicks + r.purchases > 0).reverse();
  const rows = active.map(
    (r) =>
      `<tr><th scope="row">${escapeHtml(r.day)}</th><td>${escapeHtml(channelLabel(r.channel))}</td>${num(count(r.turns))}${num(count(r.recommendations))}${num(count(r.links))}${num(count(r.clicks))}${num(count(r.purchases))}${num(yen(r.commissionJpy))}${num(usd(r.commissionUsd))}</tr>`,
  );
  return tableRegion({ id: 't-daily', caption: 'Per day and channel, newest first', head: ['Day', 'Channel', 'Turns', 'Recommended', 'Links', 'Clicks', 'Purchases', 'JPY', 'USD'], rows, numeric: range(2, 8), empty: 'No activity in this period (quiet days are left out).' });
}

function topPrograms(summary: Summary): string {
  const rows = summary.topPrograms.map(
    (p) =>
      `<tr><th scope="row">${p.name === null ? `Program #${p.programId}` : `${escapeHtml(p.name)} <span class="muted">#${p.programId}</span>`}</th>${num(count(p.links))}${num(count(p.clicks))}${num(count(p.purchases))}${num(ratio(p.clicks, p.links))}</tr>`,
  );
  return tableRegion({ id: 't-programs', caption: 'Top programs by clicks', head: ['Program', 'Links', 'Clicks', 'Purchases', 'Click / link'], rows, numeric: range(1, 4), empty: 'No links issued in this period.' });
}

export function figuresSection(summary: Summary): string {
  return `<section aria-labelledby="h-totals"><h2 id="h-totals">Totals</h2>${kpis(summary)}</section>
<section aria-labelledby="h-charts"><h2 id="h-charts">Charts</h2>${charts(summary)}</section>
<section aria-labelledby="h-channels" id="channels"><h2 id="h-channels">Channels and days</h2>${perChannel(summary)}${perDay(summary)}</section>
<section aria-labelledby="h-programs" id="programs"><h2 id="h-programs">Top programs</h2>${topPrograms(summary)}</section>`;
}
