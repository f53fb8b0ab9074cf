import Keyv from 'keyv';
import type { Core } from '../../core/create-core.ts';
import { detectLocale } from '../../core/locale.ts';
import type { Locale, TurnInput } from '../../core/types.ts';
import type { Log } from '../../log.ts';
import { type Clock, systemClock, unlessAborted } from '../../shared/clock.ts';
import type { TurnOutcome } from './voice-answer.ts';

/**
 * Runs core turns against a voice platform's deadline. A turn that misses it keeps running; its answer
 * is parked (keyv, keyed by surface and session) and delivered on the session's next turn.
 *
 * Policy: while an answer is parked or still being worked on, the next turn of that session delivers it
 * INSTEAD of starting a new turn (the holding line asked the user to ask again, so the new words are
 * almost always the same question; running them too would answer twice and double the history).
 * A parked answer nobody asks for expires after `parkTtlMs`; then the session starts fresh.
 */
export interface DeadlineTurnsOptions {
  core: Pick<Core, 'handleTurn' | 'resetSession'>;
  log: Log;
  deadlineMs: number;
  /** Parked answers; shared by every instance when it is Redis. In memory when absent. */
  kv?: Keyv;
  parkTtlMs?: number;
  /**
   * A turn still running after this is aborted. The real core answers an aborted turn with its apology,
   * which is then what the next turn hears; a turn that rejects leaves nothing parked.
   */
  maxTurnMs?: number;
  /** How often an instance that is not running the turn looks for its parked answer. */
  pollMs?: number;
  /** Deadlines, polls and the turn limit run on it; tests advance a fake one. */
  clock?: Clock;
}

export type DeadlineResult =
  | { kind: 'answer'; outcome: TurnOutcome; /** Parked by an earlier request of the session. */ late: boolean }
  | { kind: 'holding'; locale: Locale }
  | { kind: 'failed'; locale: Locale };

export interface VoiceTurnInput extends Omit<TurnInput, 'channel'> {
  /** Which endpoint asked ('webhook' | 'alexa' | 'openai'): sessions never cross endpoints. */
  surface: string;
}

/** The core's session id of a voice session: the endpoint's name first, so one caller cannot reach another endpoint's history. */
export const coreSessionId = (surface: string, sessionId: string) => `${surface}:${sessionId}`;

type Parked = { state: 'pending'; startedAt: number } | { state: 'ready'; outcome: TurnOutcome };
type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown } | undefined;

export function createDeadlineTurns({ core, log, deadlineMs, kv = new Keyv(), parkTtlMs = 10 * 60_000, maxTurnMs = 60_000, pollMs = 150, clock = systemClock }: DeadlineTurnsOptions) {
  /** Waits for the promise until the deadline: undefined when the deadline came first. */
  function until<T>(promise: Promise<T>, deadlineAt: number): Promise<Settled<T>> {
    const settled = promise.then(
      (value): Settled<T> => ({ ok: true, value }),
      (error: unknown): Settled<T> => ({ ok: false, error }),
    );
    // `settled` never rejects: a rejection here is the deadline.
    return unlessAborted(settled, clock.timeout(deadlineAt - clock.now())).catch(() => undefined);
  }

  /** Turns this instance parked and is still running. */
  const running = new Map<string, Promise<TurnOutcome | undefined>>();
  const keyOf = (surface: string, sessionId: string) => `voice-parked:${surface}:${sessionId}`;

  async function take(key: string, outcome: TurnOutcome): Promise<DeadlineResult> {
    await kv.delete(key);
    return { kind: 'answer', outcome, late: true };
  }

  /** Another instance runs the turn: look in the store until the deadline. */
  async function waitForStore(key: string, deadlineAt: number, locale: Locale): Promise<DeadlineResult> {
    for (;;) {
      const parked = await kv.get<Parked>(key);
      if (parked?.state === 'ready') return take(key, parked.outcome);
      if (!parked) return { kind: 'failed', locale };
      if (clock.now() + pollMs >= deadlineAt) return { kind: 'holding', locale };
      await clock.sleep(pollMs);
    }
  }

  function park(key: string, turn: Promise<TurnOutcome>): Promise<unknown> {
    const marked = kv.set(key, { state: 'pending', startedAt: clock.now() } satisfies Parked, maxTurnMs + 5_000);
    const parked = turn
      .then(
        async (outcome) => {
          await marked.catch(() => undefined);
          await kv.set(key, { state: 'ready', outcome } satisfies Parked, parkTtlMs);
          return outcome;
        },
        async (error: unknown) => {
          log.warn({ err: error }, 'late voice turn failed');
          await marked.catch(() => undefined);
          await kv.delete(key);
          return undefined;
        },
      )
      .catch((error: unknown) => {
        log.error({ err: error }, 'could not park a late voice answer');
        return undefined;
      })
      .finally(() => running.delete(key));
    running.set(key, parked);
    return marked;
  }

  /** One voice turn, answered by the deadline: the answer, a holding line, or (our fault) an apology. */
  async function run(input: VoiceTurnInput, startedAt = clock.now()): Promise<DeadlineResult> {
    const locale = detectLocale(input.text, undefined, input.locale);
    try {
      return await attempt(input, startedAt + deadlineMs, locale);
    } catch (error) {
      log.error({ err: error, surface: input.surface }, 'voice turn failed');
      return { kind: 'failed', locale };
    }
  }

  async function attempt(input: VoiceTurnInput, deadlineAt: number, locale: Locale): Promise<DeadlineResult> {
    const key = keyOf(input.surface, input.sessionId);

    const mine = running.get(key);
    if (mine) {
      const settled = await until(mine, deadlineAt);
      if (!settled) return { kind: 'holding', locale };
      return settled.ok && settled.value ? take(key, settled.value) : { kind: 'failed', locale };
    }
    const parked = await kv.get<Parked>(key);
    if (parked?.state === 'ready') return take(key, parked.outcome);
    if (parked?.state === 'pending') return waitForStore(key, deadlineAt, locale);

    const controller = new AbortController();
    const limit = clock.timeout(maxTurnMs);
    const stop = () => controller.abort(new Error(`voice turn still running after ${maxTurnMs} ms`));
    limit.addEventListener('abort', stop, { once: true });
    const turn = core
      .handleTurn({ channel: 'voice', sessionId: coreSessionId(input.surface, input.sessionId), text: input.text, locale: input.locale }, controller.signal)
      .then(({ reply, links, locale: answered, recommended }): TurnOutcome => ({ reply, links, locale: answered, recommended }))
      .finally(() => limit.removeEventListener('abort', stop));
    const settled = await until(turn, deadlineAt);
    if (settled?.ok) return { kind: 'answer', outcome: settled.value, late: false };
    if (settled) {
      log.error({ err: settled.error, surface: input.surface }, 'voice turn failed');
      return { kind: 'failed', locale };
    }
    log.info({ surface: input.surface, deadlineMs }, 'voice turn missed the deadline; answer parked for the next turn');
    await park(key, turn).catch((error: unknown) => log.error({ err: error }, 'could not mark a voice turn as pending'));
    return { kind: 'holding', locale };
  }

  return {
    run,
    /** The deadline's clock: routes take a request's start time from it, so validation counts against the deadline. */
    now: () => clock.now(),
    /** The conversation ended: its history and anything parked for it are dropped. */
    async end(surface: string, sessionId: string): Promise<void> {
      await Promise.all([kv.delete(keyOf(surface, sessionId)), core.resetSession('voice', coreSessionId(surface, sessionId))]);
    },
  };
}

export type DeadlineTurns = ReturnType<typeof createDeadlineTurns>;
