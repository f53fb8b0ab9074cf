import type { Log } from '../../log.ts';

/**
 * Shows "typing…" while a turn runs. Telegram clears the indicator after about five seconds or when
 * a message arrives, so it is renewed every four seconds until `stop()`. Failures only lose the
 * indicator, never the answer, so they are logged and otherwise ignored.
 */
export function startTyping(send: () => Promise<unknown>, { intervalMs = 4_000, log }: { intervalMs?: number; log: Log }) {
  const tick = () => void send().catch((error: unknown) => log.debug({ err: error }, 'typing action failed'));
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref?.();
  return { stop: () => clearInterval(timer) };
}
