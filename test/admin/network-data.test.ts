import { describe, expect, it } from 'vitest';
import { earningsSection, planSection } from '../../src/admin/earnings-section.ts';
import type { Earnings, PlanOffer } from '../../src/admin/earnings.ts';
import { money } from '../../src/admin/format.ts';
import type { Commission, Plan } from '../../src/syndicate/schemas.ts';

/** What the networks answer reaches the dashboard's HTML only checked or escaped. */
const HOSTILE = '<a href="https://evil.example/login">Re-enter your token</a><img src=x onerror=alert(1)>';
const at = '2026-05-14T09:30:00Z';

describe('network data on the dashboard', () => {
  it('money() shows an unknown currency as such, never its text', () => {
    expect(money(1234, 'JPY')).toBe('¥1,234');
    expect(money(12.5, 'XYZ')).toMatch(/^XYZ\s12\.50$/);
    expect(money(12.5, HOSTILE)).toBe('12.50 (unknown currency)');
    expect(money('<b>1</b>', 'USD')).toBe('—');
  });

  it('a hostile currency and month from earnings_summary render as text, with no markup or link', () => {
    const earnings: Earnings = {
      syndicate: {
        usd: { ok: true, fetchedAt: at, value: { balance: '1', pending: '2', paid: '3', currency: HOSTILE } satisfies Commission },
        jpy: { ok: false, error: HOSTILE },
      },
      agentclick: {
        summary: { ok: true, fetchedAt: at, value: { unpaid_balance: 1, current_month: 2, lifetime_total: 3, paid_out: 4, currency: HOSTILE, trend: [{ month: HOSTILE, amount: 5 }] } },
        payouts: { ok: false, error: 'down' },
        report: { ok: false, error: 'down' },
      },
    };
    const html = earningsSection(earnings);
    expect(html).not.toContain('<a href');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('evil.example/login">');
    expect(html).toContain('(unknown currency)');
  });

  it('a hostile plan currency renders as text', () => {
    const offer: PlanOffer = {
      discovery: { ok: false, error: 'down' },
      plans: { ok: true, fetchedAt: at, value: [{ id: 'p1', name: 'Pro', price: '10', currency: HOSTILE, interval: 'month', features: [], limits: {} }] satisfies Plan[] },
    };
    const html = planSection(offer, { csrf: 'x', base: '/admin' });
    expect(html).not.toContain('<a href');
    expect(html).not.toContain('<img');
  });
});
