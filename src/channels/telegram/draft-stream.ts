import type { Log } from '../../log.ts';
import { type Clock, systemClock } from '../../shared/clock.ts';

/**
 * Streams a growing answer as a Telegram message draft (private chats only): at most one draft per
 * `intervalMs`, never two in flight, always the newest text, and nothing after `finish()`, so the
 * real message that follows is the last thing the user sees. Drafts are a preview: when Telegram
 * refuses them twice (an old client, a parse error in a half-written answer) the stream goes quiet
 * and the final message still comes.
 */
export interface DraftStreamOptions {
  send: (text: string) => Promise<unknown>;
  intervalMs?: number;
  log: Log;
  /** Paces the drafts; tests pass a fake one. */
  clock?: Clock;
}

export function createDraftStream({ send, intervalMs = 700, log, clock = systemClock }: DraftStreamOptions) {
  let latest = '';
  let shown = '';
  let lastSentAt = Number.NEGATIVE_INFINITY;
  /** The wait for the next draft's slot; aborted by `finish()`. */
  let waiting: AbortController | undefined;
  let inFlight: Promise<void> | undefined;
  let failures = 0;
  let stopped = false;

  function schedule(): void {
    if (stopped || waiting || inFlight || latest === shown) return;
    const controller = new AbortController();
    waiting = controller;
    clock.sleep(Math.max(0, lastSentAt + intervalMs - clock.now()), controller.signal).then(flush, () => undefined);
  }

  function flush(): void {
    waiting = undefined;
    if (stopped || latest === shown) return;
    const text = latest;
    lastSentAt = clock.now();
    inFlight = send(text)
      .then(() => {
        shown = text;
      })
      .catch((error: unknown) => {
        shown = text; // do not retry the same text
        if (++failures >= 2) stopped = true;
        log.debug({ err: error }, 'telegram draft not shown');
      })
      .finally(() => {
        inFlight = undefined;
        schedule();
      });
  }

  return {
    /** The whole answer so far (not a delta). */
    update(text: string): void {
      if (!text.trim()) return;
      latest = text;
      schedule();
    },
    /** Stops drafting and waits for a draft already on its way, so it cannot land after the answer. */
    async finish(): Promise<void> {
      stopped = true;
      waiting?.abort();
      waiting = undefined;
      await inFlight;
    },
  };
}
