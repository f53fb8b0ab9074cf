import { createHmac } from 'node:crypto';
import type Keyv from 'keyv';
import type { AgentClickClient } from '../agentclick/client.ts';
import { AgentClickError } from '../agentclick/errors.ts';
import { nextAttemptDelay } from '../attribution/delivery-schedule.ts';
import type { Analytics } from '../analytics/counters.ts';
import type { Log } from '../log.ts';
import type { SyndicateClient } from '../syndicate/client.ts';
import type { StoredLink } from './link-store.ts';
import type { PendingClicks } from '../ledger/types.ts';
import { type LimitWindows, memoryWindows } from '../http/rate-limit.ts';
import { deviceType } from './preview.ts';
import { clickContext } from './click-context.ts';

export interface ClickInput {
  link: StoredLink;
  ip: string;
  userAgent: string | undefined;
}

export interface ClickRecorderOptions {
  client: AgentClickClient;
  kv: Keyv;
  /** Clicks waiting to be recorded, kept in the ledger. */
  pending: PendingClicks;
  /** How long a pass holds the queued clicks it took before another pass (or instance) may take them. */
  leaseMs?: number;
  log: Log;
  /** Keys the IP hash; IP addresses are never stored in the clear. */
  ipSalt: string;
  publicBaseUrl: string;
  syndicate?: SyndicateClient;
  /** The operator's Syndicate Links tracking code for a program, if it has one. */
  syndicateCodeFor?: (programId: number) => string | undefined;
  now?: () => number;
  random?: () => number;
  dedupeMs?: number;
  analytics?: Analytics;
  /** Counters of the click limits: this process, or shared by every instance (Redis). */
  windows?: LimitWindows;
  limits?: Partial<ClickLimits>;
}

/** How many clicks one address may have recorded, and how many may wait in the queue. */
export interface ClickLimits {
  /** Clicks recorded for one address, over all links, per `windowMs`. */
  recordedPerAddress: number;
  /** Clicks queued (network down or budget spent) for one address, per `windowMs`. */
  queuedPerAddress: number;
  /** Clicks queued for one link, per `windowMs`. */
  queuedPerLink: number;
  windowMs: number;
}

export const CLICK_LIMITS: ClickLimits = { recordedPerAddress: 10, queuedPerAddress: 3, queuedPerLink: 30, windowMs: 10 * 60_000 };

/** One address clicking one link again within this time is the same click (whatever its user agent says). */
const SAME_VISITOR_MS = 30 * 60_000;
/** Longer than any program's cookie duration, so a late purchase still finds its link. */
const CLICK_MEMORY_MS = 120 * 86_400_000;

/**
 * Records a person's click on a link: once per address and link per half hour (a user agent is the
 * client's to choose, so it does not make a new visitor), through `agent.track_click` with the channel's
 * context, and (where mapped) as a Syndicate Links ai-referral. When the click cannot be recorded now
 * (write budget spent, network down) the person still gets where they were going and the click is kept
 * to be recorded later. One address gets only a few clicks recorded or queued, and one link only so
 * many queued, so a flood from one place can neither inflate clicks nor spend the network's write budget.
 */
export function createClickRecorder({ client, kv, pending, log, ipSalt, publicBaseUrl, syndicate, syndicateCodeFor, analytics, now = Date.now, random = Math.random, dedupeMs = SAME_VISITOR_MS, leaseMs = 60_000, windows = memoryWindows, limits }: ClickRecorderOptions) {
  const hashIp = (ip: string) => createHmac('sha256', ipSalt).update(ip).digest('hex').slice(0, 32);
  const caps = { ...CLICK_LIMITS, ...limits };
  const recordedPerAddress = windows({ name: 'clicks-recorded-address', limit: caps.recordedPerAddress, windowMs: caps.windowMs });
  const queuedPerAddress = windows({ name: 'clicks-queued-address', limit: caps.queuedPerAddress, windowMs: caps.windowMs });
  const queuedPerLink = windows({ name: 'clicks-queued-link', limit: caps.queuedPerLink, windowMs: caps.windowMs });
  let flushing: Promise<number> | undefined;

  async function trackClick(linkId: string, partnershipId: number, context: string, userAgent: string | undefined) {
    const click = await client.call('agent.track_click', { partnership_id: partnershipId, context, ...(userAgent ? { user_agent: userAgent.slice(0, 512) } : {}) });
    // A merchant's postback may name the purchase by AgentClick's click id: remember which link it was.
    // The click itself is recorded by now, so a store failure here must not queue it a second time.
    await kv.set(`click:${click.click_id}`, linkId, CLICK_MEMORY_MS).catch((error: unknown) => log.error({ err: error, linkId }, 'click id not remembered'));
    return click;
  }

  /** One pass over the due clicks; stops at the first "not now" (the others would hear the same). */
  async function flushDue(): Promise<number> {
    let sent = 0;
    const taken = await pending.take(50, leaseMs);
    for (const [index, click] of taken.entries()) {
      try {
        await trackClick(click.linkId, click.partnershipId, click.context, click.userAgent);
        await pending.remove(click.id);
        sent++;
      } catch (error) {
        if (AgentClickError.isInstance(error) && !error.retryable) {
          await pending.remove(click.id);
          log.error({ linkId: click.linkId, code: error.code, status: error.status }, 'queued click refused by the network; dropped');
          continue;
        }
        await pending.retryLater(click.id, now() + Math.max(nextAttemptDelay(click.attempts + 1, random), 5_000), error instanceof Error ? error.message : String(error));
        // The rest were not tried: give them back for the next pass instead of holding them to the lease's end.
        await pending.release(taken.slice(index + 1).map((rest) => rest.id));
        log.warn({ err: error, linkId: click.linkId }, 'queued click still not recorded');
        break;
      }
    }
    return sent;
  }

  function referral(link: StoredLink, ipHash: string, userAgent: string | undefined) {
    const trackingCode = syndicateCodeFor?.(link.programId);
    if (!syndicate || !trackingCode) return;
    syndicate
      .trackAiReferral({ trackingCode, ipHash, userAgent, deviceType: deviceType(userAgent), referrer: `${publicBaseUrl}/channels/${link.channel}` })
      .catch((error: unknown) => log.warn({ err: error, programId: link.programId }, 'Syndicate ai-referral not recorded'));
  }

  return {
    /** Returns where to send the person. */
    async record({ link, ip, userAgent }: ClickInput): Promise<{ location: string; recorded: boolean }> {
      const ipHash = hashIp(ip);
      const visitorKey = `seen:${link.id}:${ipHash}`;
      const seen = await kv.get<string>(visitorKey);
      if (seen) return { location: seen, recorded: false };

      // Over its share, an address still gets where it was going (the plain tracking URL), unrecorded.
      if (link.fallbackUrl && !(await recordedPerAddress.take(ipHash)).allowed) {
        log.warn({ linkId: link.id }, 'click not recorded: this address is over its click limit');
        return { location: withSubId(link.fallbackUrl, link.id), recorded: false };
      }

      analytics?.count(link.channel, 'clicks', 1, link.programId);
      const context = clickContext(link.channel);
      let location: string | undefined;
      try {
        location = (await trackClick(link.id, link.partnershipId, context, userAgent)).tracking_url;
      } catch (error) {
        const [byAddress, byLink] = await Promise.all([queuedPerAddress.take(ipHash), queuedPerLink.take(link.id)]);
        if (byAddress.allowed && byLink.allowed) {
          log.warn({ err: error, linkId: link.id }, 'click not recorded now; queued for later');
          // The person still gets where they were going, even when the ledger cannot take the click either.
          await pending.add({ linkId: link.id, partnershipId: link.partnershipId, context, userAgent, clickedAt: now() }).catch((failure: unknown) => log.error({ err: failure, linkId: link.id }, 'click neither recorded nor queued'));
        } else {
          log.warn({ err: error, linkId: link.id, over: byAddress.allowed ? 'link' : 'address' }, 'click not recorded now, and not queued: over the queue cap');
        }
      }
      referral(link, ipHash, userAgent);
      const tracking = location ?? link.fallbackUrl;
      if (!tracking) throw new Error(`no tracking URL for link ${link.id}`);
      const target = withSubId(tracking, link.id);
      await kv.set(visitorKey, target, dedupeMs);
      return { location: target, recorded: location !== undefined };
    },

    /** Records the queued clicks that are due, while the network takes them; returns how many. */
    async flushPending(): Promise<number> {
      // One pass at a time: a second caller waits for the pass in flight instead of sending the same clicks.
      flushing ??= flushDue().finally(() => {
        flushing = undefined;
      });
      return flushing;
    },

    /** The link a recorded AgentClick click id came from. */
    async linkIdForClick(clickId: string): Promise<string | undefined> {
      return (await kv.get<string>(`click:${clickId}`)) ?? undefined;
    },

    pendingCount(): Promise<number> {
      return pending.count();
    },
  };
}

/** Our link id rides along as a sub-id, so the merchant's postback can name the link even when the click id is unknown. */
function withSubId(trackingUrl: string, linkId: string): string {
  try {
    const url = new URL(trackingUrl);
    url.searchParams.set('bot_link', linkId);
    return url.toString();
  } catch {
    return trackingUrl;
  }
}

export type ClickRecorder = ReturnType<typeof createClickRecorder>;
