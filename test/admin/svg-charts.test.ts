import { describe, expect, it } from 'vitest';
import { funnelChart, niceStep, stackedBarChart } from '../../src/admin/svg-charts.ts';
import { xmlProblems } from './harness.ts';

const days = ['2026-05-01', '2026-05-02', '2026-05-03'];

describe('svg charts', () => {
  it('stacked bars: well-formed, titled, one rect per non-zero value, stacked bottom-up', () => {
    const svg = stackedBarChart({
      id: 'clicks',
      title: 'Clicks per day',
      description: 'Clicks.',
      labels: days,
      series: [
        { label: 'Web', className: 'ch-web', values: [1, 0, 3] },
        { label: 'Telegram', className: 'ch-telegram', values: [2, 0, 0] },
      ],
      integer: true,
    });
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]* role="img" aria-labelledby="clicks-title clicks-desc">/);
    expect(svg).toContain('<title id="clicks-title">Clicks per day</title>');
    expect(svg).toContain('Totals: Web 4, Telegram 2.');
    const bars = [...svg.matchAll(/<rect class="ch-(web|telegram)" x="[\d.]+" y="([\d.]+)" width="[\d.]+" height="([\d.]+)"><title>([^<]+)<\/title>/g)];
    expect(bars.map((b) => b[4])).toEqual(['2026-05-01 · Web: 1', '2026-05-01 · Telegram: 2', '2026-05-03 · Web: 3']);
    // Telegram sits on top of Web on the first day: its top is higher (smaller y) and its bottom meets Web's top.
    const [web, telegram] = bars;
    expect(Number(telegram?.[2]) + Number(telegram?.[3])).toBeCloseTo(Number(web?.[2]), 0);
    expect(svg).not.toContain('No data');
  });

  it('escapes every text and says so when there is nothing to show', () => {
    const svg = stackedBarChart({ id: 'x"><script>', title: '<b>&"', description: "it's <i>", labels: ['<day>'], series: [{ label: 'A&B<', className: 'c"x', values: [0] }] });
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('&lt;b&gt;&amp;&quot;');
    expect(svg).toContain('No data in this period');
  });

  it('funnel: a bar per step in proportion, the step-to-step rates, and an empty funnel stays well-formed', () => {
    const svg = funnelChart({ id: 'f', title: 'Funnel', description: 'Steps.', steps: [{ label: 'Recommendations', value: 10 }, { label: 'Links', value: 5 }, { label: 'Clicks', value: 1 }, { label: 'Purchases', value: 0 }] });
    expect(xmlProblems(svg)).toEqual([]);
    const widths = [...svg.matchAll(/<rect class="funnel-bar" x="[\d.]+" y="\d+" width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(widths).toHaveLength(3);
    expect(widths[0]).toBeCloseTo((widths[1] ?? 0) * 2, 0);
    expect(svg).toContain('50%');
    expect(svg).toContain('20%');
    expect(svg).toContain('0%');
    expect(svg).toContain('Links 5 (50% of the step before)');
    expect(xmlProblems(funnelChart({ id: 'e', title: 'Empty', description: '', steps: [{ label: 'A', value: 0 }, { label: 'B', value: 0 }] }))).toEqual([]);
  });

  it('ticks are round numbers, whole for counts', () => {
    expect(niceStep(0, true)).toBe(1);
    expect(niceStep(1, true)).toBe(1);
    expect(niceStep(3, true)).toBe(2);
    expect(niceStep(7, true)).toBe(5);
    expect(niceStep(12, true)).toBe(10);
    expect(niceStep(1960, false)).toBe(1000);
    expect(niceStep(0.3, false)).toBeCloseTo(0.2);
  });
});
