import type { AgentClickClient } from '../agentclick/client.ts';
import { AgentClickError } from '../agentclick/errors.ts';
import type { Catalog } from '../catalog/catalog.ts';
import type { Log } from '../log.ts';
import { type PartnershipOverview, partnershipOverview } from './partnership-overview.ts';
import { BACKGROUND, createPartnershipReads } from './partnership-reads.ts';
import type { PartnershipRecord, PartnershipStore } from './partnership-store.ts';

export type { PartnershipOverview } from './partnership-overview.ts';

export interface PartnershipManagerOptions {
  client: AgentClickClient;
  catalog: Catalog;
  store: PartnershipStore;
  log: Log;
  now?: () => number;
  /** How often pending applications are re-read while the newest is young (the sandbox reviews in 2 minutes). */
  recheckMs?: number;
  /** Re-reads once every pending application is older than `youngMs` (real reviews take days). */
  slowRecheckMs?: number;
  youngMs?: number;
  /** How often the catalog is compared with what we applied for, to find new programs. */
  catalogCheckMs?: number;
  /** Runs `work` after `ms`; injectable so tests never wait on real time. */
  schedule?: (work: () => void, ms: number) => { cancel(): void };
}


const defaultSchedule = (work: () => void, ms: number) => {
  const timer = setTimeout(work, ms);
  timer.unref();
  return { cancel: () => clearTimeout(timer) };
};

/**
 * Background writes a minute the catalog pass leaves to programs being shown right now, so a list asked
 * for during the first minutes is applied for at once instead of after the catalog's next batch.
 */
const SHOWN_HEADROOM = 4;
/**
 * The catalog pass spreads its applications over the minute (18 a minute, one every 3.3 s) instead of
 * spending them in one burst: a burst at start-up would hold the window for a whole minute, just when the
 * first visitors' programs need applying for.
 */
const CATALOG_SPACING_MS = Math.ceil(60_000 / 18);
/**
 * While the manager runs, a shown program whose advertiser approves at once leaves this many background
 * writes to shown programs that are reviewed: those need their two minutes (or days) to start early, the
 * others get their link whenever they are applied for.
 */
const REVIEW_RESERVE = 8;
/** An application that failed (network down, refused) is tried again after this long. */
const FAILED_RETRY_MS = 10 * 60_000;

/**
 * Applies for partnerships before anyone asks for a link: first the programs being shown right now
 * (`request`), then the whole catalog and new programs as they appear (`tick`, run on a schedule by
 * `start`). What it learns is stored durably, so a restart applies for nothing twice. Pending
 * applications are re-read through the read API (one list call per 50 partnerships); rejections are
 * kept and never applied for again. A turn never waits for any of this: it reads `known`.
 */
export function createPartnershipManager({
  client,
  catalog,
  store,
  log,
  now = Date.now,
  recheckMs = 20_000,
  slowRecheckMs = 10 * 60_000,
  youngMs = 15 * 60_000,
  catalogCheckMs = 60_000,
  schedule = defaultSchedule,
}: PartnershipManagerOptions) {
  const inflight = new Map<number, Promise<PartnershipRecord | undefined>>();
  /** Programs shown to someone that could not be applied for yet (budget spent): first in line. */
  const urgent = new Set<number>();
  let synced = false;
  let nextRecheckAt = 0;
  let blockedUntil = 0;
  let pausedUntil = 0;
  let lastCatalogApplyAt = -Infinity;
  let timer: { cancel(): void } | undefined;
  let dueAt = Infinity;
  let running = false;
  let passing: Promise<number> | undefined;
  /** Programs whose advertiser reviews new partners: applied for first, so their reviews run while the rest is applied for. */
  let reviewed: Set<number> | undefined;
  /** Applications asked for by `request` and not yet answered, for `settled`. */
  const requested = new Map<number, Promise<void>>();
  /** Programs whose application failed for another reason than the budget, and when to try again. */
  const failedUntil = new Map<number, number>();
  const { withFallback, refreshFromNetwork, reviewingPrograms } = createPartnershipReads({ client, store, log, now });

  /** One application; resolves to what we learned, or undefined when it could not be made now. */
  function applyFor(programId: number): Promise<PartnershipRecord | undefined> {
    const current = inflight.get(programId);
    if (current) return current;
    const work = (async () => {
      try {
        const existing = await store.get(programId);
        if (existing) return existing;
        if (now() < blockedUntil) {
          urgent.add(programId);
          return undefined;
        }
        const applied = await client.applyForPartnership(programId, BACKGROUND);
        if (applied.status === 'cancelled') return undefined;
        let record: PartnershipRecord = {
          programId,
          partnershipId: applied.partnership_id,
          status: applied.status,
          trackingCode: applied.tracking_code ?? undefined,
          fallbackUrl: undefined,
          appliedAt: now(),
          checkedAt: now(),
        };
        if (record.status === 'approved') record = await withFallback(record);
        await store.put(record);
        urgent.delete(programId);
        if (record.status === 'pending') {
          nextRecheckAt = Math.min(nextRecheckAt || Infinity, now() + recheckMs);
          wake(recheckMs);
        }
        return record;
      } catch (error) {
        if (AgentClickError.isInstance(error) && error.code === 'budget_exhausted') {
          blockedUntil = now() + (error.retryAfterMs ?? 1_000);
          urgent.add(programId);
          if (running) wake(error.retryAfterMs ?? 1_000);
        } else {
          // A program the network refuses (gone, not open to this key) or cannot take now: tried again after a while, not on every pass.
          log.warn({ err: error, programId }, 'partnership application failed; tried again later');
          urgent.delete(programId);
          failedUntil.set(programId, now() + FAILED_RETRY_MS);
        }
        return undefined;
      }
    })().finally(() => inflight.delete(programId));
    inflight.set(programId, work);
    return work;
  }

  function recheckInterval(records: PartnershipRecord[]): number | undefined {
    const pending = records.filter((record) => record.status === 'pending');
    if (pending.length === 0) return undefined;
    const newest = Math.max(...pending.map((record) => record.appliedAt));
    return now() - newest < youngMs ? recheckMs : slowRecheckMs;
  }

  /**
   * The catalog's programs we have not applied for: those shown to someone first, then those whose
   * advertiser reviews (their review clock starts early), then the rest, in catalog order.
   */
  async function queue(): Promise<number[]> {
    const known = new Set((await store.all()).map((record) => record.programId));
    const programs = (await catalog.programs().catch(() => [])).map((program) => program.id);
    const open = programs.filter((id) => !known.has(id));
    if (open.length > 0 && reviewed === undefined) reviewed = await reviewingPrograms();
    const first = open.filter((id) => reviewed?.has(id));
    const due = (id: number) => !known.has(id) && now() >= (failedUntil.get(id) ?? 0);
    return [...new Set([...reviewingFirst([...urgent]), ...first, ...open])].filter(due);
  }

  function reviewingFirst(programIds: number[]): number[] {
    return programIds.sort((a, b) => Number(reviewed?.has(b) ?? false) - Number(reviewed?.has(a) ?? false));
  }

  /** Whether a shown program that approves at once should wait, so reviewed ones shown now can still be applied for. */
  async function leaveToReviewed(programId: number): Promise<boolean> {
    if (!running || reviewed === undefined || reviewed.has(programId)) return false;
    return (await client.writesRemaining('background')) <= REVIEW_RESERVE;
  }

  /** One pass of background work; returns how long until the next one is worth making. */
  async function pass(): Promise<number> {
    if (!synced || now() >= nextRecheckAt) {
      try {
        await refreshFromNetwork();
        synced = true;
        nextRecheckAt = now() + (recheckInterval(await store.all()) ?? slowRecheckMs);
      } catch (error) {
        if (!(AgentClickError.isInstance(error) && error.code === 'budget_exhausted')) log.warn({ err: error }, 'partnerships not re-read');
        nextRecheckAt = now() + recheckMs;
      }
    }
    for (const programId of await queue()) {
      if (now() < blockedUntil) break;
      if (urgent.has(programId) && (await leaveToReviewed(programId))) {
        // Shown programs waiting for room come before the catalog: nothing after this one goes now either.
        pausedUntil = now() + 5_000;
        break;
      }
      if (!urgent.has(programId)) {
        // Only pacing (shown programs may still apply at any time): the next pass comes a little later.
        if (now() - lastCatalogApplyAt < CATALOG_SPACING_MS) {
          pausedUntil = lastCatalogApplyAt + CATALOG_SPACING_MS;
          break;
        }
        if ((await client.writesRemaining('background')) <= SHOWN_HEADROOM) {
          pausedUntil = now() + 5_000;
          break;
        }
        lastCatalogApplyAt = now();
      }
      await applyFor(programId);
    }
    const waits = [nextRecheckAt - now(), catalogCheckMs];
    if (now() < blockedUntil) waits.push(blockedUntil - now());
    if (now() < pausedUntil) waits.push(pausedUntil - now());
    else if (urgent.size > 0) waits.push(5_000);
    return Math.max(50, Math.min(...waits));
  }

  /** Brings the next pass forward to `ms` from now; never pushes an earlier one back. */
  function wake(ms: number): void {
    if (!running) return;
    const at = now() + ms;
    if (timer && at >= dueAt) return;
    timer?.cancel();
    dueAt = at;
    timer = schedule(() => {
      timer = undefined;
      dueAt = Infinity;
      void loop();
    }, ms);
  }

  async function loop(): Promise<void> {
    if (!running) return;
    let wait = catalogCheckMs;
    try {
      wait = await tick();
    } catch (error) {
      log.warn({ err: error }, 'partnership manager pass failed');
    }
    wake(wait);
  }

  function tick(): Promise<number> {
    passing ??= pass().finally(() => {
      passing = undefined;
    });
    return passing;
  }

  return {
    /** What this bot knows about a program's partnership, without asking the network. */
    known: (programId: number): Promise<PartnershipRecord | undefined> => store.get(programId),

    /**
     * Programs being shown to someone now: applied for at once, ahead of the catalog. Returns without
     * waiting; `settled` waits for an application already in flight.
     */
    request(programIds: readonly number[]): Promise<void> {
      const work = (async () => {
        // When the budget allows only some now, the ones whose advertiser reviews go first: their review takes longest.
        const started: Array<Promise<PartnershipRecord | undefined>> = [];
        try {
          for (const programId of reviewingFirst([...programIds])) {
            if (await leaveToReviewed(programId)) {
              if (!(await store.get(programId))) {
                urgent.add(programId);
                wake(5_000);
              }
            } else started.push(applyFor(programId));
          }
        } catch (error) {
          // Callers do not wait for this (a turn hands programs over and goes on): it must never reject.
          log.warn({ err: error }, 'shown programs not handed to the partnership manager');
        }
        await Promise.all(started);
      })();
      // Registered at once, so `settled` right after this call waits for these applications.
      for (const programId of programIds) requested.set(programId, work);
      void work.finally(() => {
        for (const programId of programIds) if (requested.get(programId) === work) requested.delete(programId);
      });
      return work;
    },

    /** Resolves when no application is in flight (tests, and a clean stop). */
    async idle(): Promise<void> {
      while (inflight.size > 0 || requested.size > 0) await Promise.all([...inflight.values(), ...requested.values()]);
    },

    /** The application for a program that is in flight right now, awaited up to `timeoutMs`; otherwise what is known. */
    async settled(programId: number, timeoutMs: number): Promise<PartnershipRecord | undefined> {
      const current = inflight.get(programId) ?? requested.get(programId)?.then(() => store.get(programId));
      if (!current) return store.get(programId);
      let timeout: { cancel(): void } | undefined;
      const late = new Promise<undefined>((resolve) => {
        timeout = schedule(() => resolve(undefined), timeoutMs);
      });
      try {
        return (await Promise.race([current, late])) ?? (await store.get(programId));
      } finally {
        timeout?.cancel();
      }
    },

    tick,

    /** Starts the background passes (the app's start path; tests call `tick` themselves). */
    start(): void {
      if (running) return;
      running = true;
      wake(0);
    },

    async stop(): Promise<void> {
      running = false;
      timer?.cancel();
      timer = undefined;
      await passing?.catch(() => undefined);
      await Promise.allSettled([...inflight.values()]);
    },

    /** For the dashboard: what is approved, pending since when, rejected, and still without a link. */
    overview: (): Promise<PartnershipOverview> => partnershipOverview(store, catalog),
  };
}

export type PartnershipManager = ReturnType<typeof createPartnershipManager>;
