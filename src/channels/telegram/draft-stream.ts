import type { Log } from '../../log.ts';

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
  now?: () => number;
}

export function createDraftStream({ send, intervalMs = 700, log, now = Date.now }: DraftStreamOptions) {
  let latest = '';
  let shown = '';
  let lastSentAt = Number.NEGATIVE_INFINITY;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> | undefined;
  let failures = 0;
  let stopped = false;

  function schedule(): void {
    if (stopped || timer || inFlight || latest === shown) return;
    timer = setTimeout(flush, Math.max(0, lastSentAt + intervalMs - now()));
  }

  function flush(): void {
    timer = undefined;
    if (stopped || latest === shown) return;
    const text = latest;
    lastSentAt = now();
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
      if (timer) clearTimeout(timer);
      timer = undefined;
      await inFlight;
    },
  };
}
