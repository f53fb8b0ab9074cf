import { escapeHtml } from '../shared/html.ts';

const integer = new Intl.NumberFormat('en-US');
const percent = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 });
const currencies = new Map<string, Intl.NumberFormat>();

export const count = (n: number): string => integer.format(n);
export const rate = (r: number): string => percent.format(r);

/** An ISO 4217 code's shape: anything else from a network is not shown (it could be markup or a link). */
const CURRENCY_CODE = /^[A-Z]{3}$/;

/**
 * ¥1,234 / $12.34; an unknown but well-formed code falls back to "12.34 XYZ". Amounts and codes come from
 * the networks, so what is returned is always safe in HTML: a number that is not one shows as "—", and
 * a currency that is not a three-letter code as "(unknown currency)".
 */
export function money(amount: number | string, currency: string): string {
  const value = typeof amount === 'string' ? Number(amount) : amount;
  if (!Number.isFinite(value)) return '—';
  if (!CURRENCY_CODE.test(currency)) return `${value.toFixed(2)} (unknown currency)`;
  let format = currencies.get(currency);
  if (!format) {
    try {
      format = new Intl.NumberFormat('en-US', { style: 'currency', currency });
    } catch {
      return `${value.toFixed(2)} ${currency}`;
    }
    currencies.set(currency, format);
  }
  return format.format(value);
}

export const yen = (n: number | string): string => money(n, 'JPY');
export const usd = (n: number | string): string => money(n, 'USD');

/** 2026-05-14 -> 05-14 (axis ticks). */
export const shortDay = (day: string): string => day.slice(5);

/** An ISO time as "2026-05-14 09:30 UTC", in a <time> element. */
export function time(iso: string): string {
  return `<time datetime="${escapeHtml(iso)}">${escapeHtml(iso.slice(0, 16).replace('T', ' '))} UTC</time>`;
}

export const CHANNEL_LABELS: Record<string, string> = { web: 'Web', telegram: 'Telegram', voice: 'Voice', line: 'LINE', mcp: 'AI agents (MCP)' };
export const channelLabel = (channel: string): string => CHANNEL_LABELS[channel] ?? channel;
