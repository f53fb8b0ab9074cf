import { escapeHtml } from '../shared/html.ts';

/**
 * Server-rendered SVG charts for the dashboard: pure functions from figures to markup, every text
 * escaped, colours from CSS classes (admin.css), a <title> and <desc> for screen readers and a
 * <title> per bar for hover. A viewBox and no fixed size, so they scale to the column they sit in.
 */

export interface BarSeries {
  label: string;
  /** CSS class of the series' fill, e.g. "ch-web". */
  className: string;
  values: readonly number[];
}

export interface StackedBarsOptions {
  id: string;
  title: string;
  description: string;
  /** One per bar, e.g. 2026-05-14; shown through `tickLabel`, in full in the bar's tooltip. */
  labels: readonly string[];
  series: readonly BarSeries[];
  format?: (value: number) => string;
  tickLabel?: (label: string) => string;
  /** Counts get whole-number ticks. */
  integer?: boolean;
}

export interface FunnelStep {
  label: string;
  value: number;
}

const W = 400;
const fmt = (n: number) => (Math.round(n * 10) / 10).toString();
const safeId = (id: string) => id.toLowerCase().replace(/[^a-z0-9-]/g, '-');

/** A round step so that two steps reach at least `max`: 1, 2, 5 times a power of ten (at least 1 for counts). */
export function niceStep(max: number, integer: boolean): number {
  const half = max / 2;
  if (!(half > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(half));
  const fraction = half / power;
  const step = (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
  return integer ? Math.max(1, Math.ceil(step)) : step;
}

function open(id: string, title: string, description: string, height: number, className: string): string {
  const base = safeId(id);
  return `<svg xmlns="http://www.w3.org/2000/svg" class="chart ${className}" viewBox="0 0 ${W} ${height}" role="img" aria-labelledby="${base}-title ${base}-desc"><title id="${base}-title">${escapeHtml(title)}</title><desc id="${base}-desc">${escapeHtml(description)}</desc>`;
}

/** Bars per category, each split into its series (stacked bottom-up in series order), with a legend and a y axis. */
export function stackedBarChart({ id, title, description, labels, series, format = (n) => String(n), tickLabel = (label) => label, integer = false }: StackedBarsOptions): string {
  const H = 210;
  const right = 8;
  const top = series.length > 1 ? 30 : 14;
  const bottom = 24;
  const plotH = H - top - bottom;
  const totals = labels.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  const max = Math.max(0, ...totals);
  const step = niceStep(max, integer);
  const yMax = step * 2;
  // Room on the left for the longest tick label (about 6.5 units per character at 11 px).
  const left = Math.max(30, 10 + Math.max(...[0, step, yMax].map((t) => format(t).length)) * 6.5);
  const plotW = W - left - right;
  const y = (value: number) => top + plotH - (value / yMax) * plotH;
  const seriesTotals = series.map((s) => `${s.label} ${format(s.values.reduce((a, b) => a + b, 0))}`).join(', ');
  const parts = [open(id, title, `${description} Totals: ${seriesTotals}.`, H, 'bars')];

  // Legend (a single series needs none: the title names it)
  let lx = left;
  for (const s of series.length > 1 ? series : []) {
    parts.push(`<rect class="${escapeHtml(s.className)}" x="${lx}" y="8" width="10" height="10" rx="2"/><text class="legend" x="${lx + 14}" y="17">${escapeHtml(s.label)}</text>`);
    lx += 30 + s.label.length * 7.5;
  }

  // Grid and y axis
  for (const tick of [0, step, yMax]) {
    parts.push(`<line class="${tick === 0 ? 'axis' : 'grid'}" x1="${left}" x2="${W - right}" y1="${fmt(y(tick))}" y2="${fmt(y(tick))}"/>`);
    parts.push(`<text class="tick" x="${left - 6}" y="${fmt(y(tick) + 4)}" text-anchor="end">${escapeHtml(format(tick))}</text>`);
  }

  const band = labels.length > 0 ? plotW / labels.length : plotW;
  const barW = Math.max(1, band * 0.72);
  const every = Math.max(1, Math.ceil(labels.length / 7));
  labels.forEach((label, i) => {
    const x = left + i * band + (band - barW) / 2;
    let base = 0;
    for (const s of series) {
      const value = s.values[i] ?? 0;
      if (value <= 0) continue;
      const y0 = y(base);
      const y1 = y(base + value);
      parts.push(`<rect class="${escapeHtml(s.className)}" x="${fmt(x)}" y="${fmt(y1)}" width="${fmt(barW)}" height="${fmt(Math.max(0.5, y0 - y1))}"><title>${escapeHtml(`${label} · ${s.label}: ${format(value)}`)}</title></rect>`);
      base += value;
    }
    const total = totals[i] ?? 0;
    if (total > 0 && band >= 16) {
      // A label that would run past the right edge ends at the bar's right side instead.
      const text = format(total);
      const centre = x + barW / 2;
      const [tx, anchor] = centre + text.length * 3 > W ? [x + barW, 'end'] : [centre, 'middle'];
      parts.push(`<text class="value" x="${fmt(tx)}" y="${fmt(y(total) - 3)}" text-anchor="${anchor}">${escapeHtml(text)}</text>`);
    }
    // Ticks counted from the newest bar, so the latest day is always labelled.
    if ((labels.length - 1 - i) % every === 0) parts.push(`<text class="tick" x="${fmt(left + i * band + band / 2)}" y="${H - 8}" text-anchor="middle">${escapeHtml(tickLabel(label))}</text>`);
  });
  if (max === 0) parts.push(`<text class="empty" x="${left + plotW / 2}" y="${top + plotH / 2}" text-anchor="middle">No data in this period</text>`);
  parts.push('</svg>');
  return parts.join('');
}

/** A funnel: one centred bar per step, its width in proportion to the largest step, the step-to-step rate on the right. */
export function funnelChart({ id, title, description, steps, format = (n) => String(n) }: { id: string; title: string; description: string; steps: readonly FunnelStep[]; format?: (n: number) => string }): string {
  const rowH = 36;
  const H = 8 + steps.length * rowH;
  const labelW = 124;
  const rateW = 66;
  const barArea = W - labelW - rateW;
  const max = Math.max(0, ...steps.map((s) => s.value));
  const percent = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 });
  const rates = steps.map((s, i) => {
    const previous = steps[i - 1];
    return previous === undefined ? undefined : previous.value === 0 ? null : s.value / previous.value;
  });
  const rateText = (r: number | null) => (r === null ? 'n/a' : percent.format(r));
  const said = steps.map((s, i) => {
    const r = rates[i];
    return `${s.label} ${format(s.value)}${r === undefined ? '' : ` (${rateText(r)} of the step before)`}`;
  }).join(', ');
  const parts = [open(id, title, `${description} ${said}.`, H, 'funnel')];
  const widthOf = (value: number) => (max === 0 ? 0 : value > 0 ? Math.max(2, (value / max) * barArea) : 0);

  steps.forEach((step, i) => {
    const y = 4 + i * rowH;
    const w = widthOf(step.value);
    const x = labelW + (barArea - w) / 2;
    parts.push(`<text class="step" x="0" y="${y + 13}">${escapeHtml(step.label)}</text>`);
    parts.push(`<text class="value" x="0" y="${y + 29}">${escapeHtml(format(step.value))}</text>`);
    parts.push(`<rect class="funnel-track" x="${labelW}" y="${y + 4}" width="${barArea}" height="${rowH - 12}" rx="3"/>`);
    if (w > 0) parts.push(`<rect class="funnel-bar" x="${fmt(x)}" y="${y + 4}" width="${fmt(w)}" height="${rowH - 12}" rx="3"><title>${escapeHtml(`${step.label}: ${format(step.value)}`)}</title></rect>`);
    const next = steps[i + 1];
    if (next !== undefined) {
      const nw = widthOf(next.value);
      const nx = labelW + (barArea - nw) / 2;
      const yb = y + rowH - 8;
      if (w > 0 && nw > 0) parts.push(`<polygon class="funnel-neck" points="${fmt(x)},${yb} ${fmt(x + w)},${yb} ${fmt(nx + nw)},${yb + 8} ${fmt(nx)},${yb + 8}"/>`);
    }
    const r = rates[i];
    if (r !== undefined) parts.push(`<text class="rate" x="${W - rateW + 8}" y="${y + 22}"><tspan class="arrow">↳ </tspan>${escapeHtml(rateText(r))}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}
