/**
 * Money as integer minor units (cents), so no cent is ever lost to floating point.
 * Decimal strings ("149.99") come in from the networks and go out in responses.
 */
const DECIMAL = /^(-)?(\d+)(?:\.(\d{1,2}))?$/;

/** Parses "149.99", "149.9", "149" or a number with at most two decimals into cents. */
export function toCents(value: string | number): number {
  const text = typeof value === 'number' ? numberToPlainString(value) : value.trim();
  const match = DECIMAL.exec(text);
  if (!match) throw new RangeError(`not a money amount with at most two decimals: ${JSON.stringify(text)}`);
  const [, sign, whole = '0', fraction = ''] = match;
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  if (!Number.isSafeInteger(cents)) throw new RangeError(`money amount too large: ${text}`);
  return sign ? -cents : cents;
}

/** Formats cents as a decimal string with exactly two decimals: 1499 -> "14.99". */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** True for a JSON number or string that is a money amount with at most two decimals. */
export function isMoney(value: unknown): value is string | number {
  if (typeof value !== 'string' && typeof value !== 'number') return false;
  try {
    toCents(value);
    return true;
  } catch {
    return false;
  }
}

function numberToPlainString(value: number): string {
  // Shortest round-trip form: 149.99 -> "149.99"; exponent forms are rejected by the pattern above.
  return Number.isFinite(value) ? String(value) : 'NaN';
}
