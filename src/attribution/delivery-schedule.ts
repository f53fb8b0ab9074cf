/**
 * When to try a failed delivery again: at once, then seconds, then minutes, capped at an hour, with
 * ±20 % jitter so that many purchases failing together do not retry together.
 */
const STEPS_MS = [0, 2_000, 10_000, 60_000, 5 * 60_000, 15 * 60_000, 30 * 60_000, 60 * 60_000];

export function nextAttemptDelay(failures: number, random: () => number = Math.random): number {
  const base = STEPS_MS[Math.min(failures, STEPS_MS.length - 1)] ?? 60 * 60_000;
  return Math.round(base * (0.8 + random() * 0.4));
}
