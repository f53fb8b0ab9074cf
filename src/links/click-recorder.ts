import { createHmac } from 'node:crypto';
import type Keyv from 'keyv';
import type { AgentClickClient } from '../agentclick/client.ts';
import type { Analytics } from '../analytics/counters.ts';
import type { Log } from '../log.ts';
import type { SyndicateClient } from '../syndicate/client.ts';
import type { StoredLink } from './link-store.ts';
import { deviceType } from './preview.ts';

export interface ClickInput {
  link: StoredLink;
  ip: string;
  userAgent: string | undefined;
}

interface PendingClick {
  linkId: string;
  partnershipId: number;
  context: string;
  userAgent: string | undefined;
  at: number;
}

export interface ClickRecorderOptions {
  client: AgentClickClient;
  kv: Keyv;
  log: Log;
  /** Keys the IP hash; IP addresses are never stored in the clear. */
  ipSalt: string;
  publicBaseUrl: string;
  syndicate?: SyndicateClient;
  /** The operator's Syndicate Links tracking code for a program, if it has one. */
  syndicateCodeFor?: (programId: number) => string | undefined;
  now?: () => number;
  dedupeMs?: number;
  analytics?: Analytics;
}

const SAME_VISITOR_MS = 60_000;
/** Longer than any program's cookie duration, so a late purchase still finds its link. */
const CLICK_MEMORY_MS = 120 * 86_400_000;

/**
 * Records a person's click on a link: once per visitor per minute, through `agent.track_click` with the
 * channel's context, and (where mapped) as a Syndicate Links ai-referral. When the click cannot be
 * recorded now (write budget spent, network down) the person still gets where they were going and
 * the click is kept to be recorded later.
 */
export function createClickRecorder({ client, kv, log, ipSalt, publicBaseUrl, syndicate, syndicateCodeFor, analytics, now = Date.now, dedupeMs = SAME_VISITOR_MS }: ClickRecorderOptions) {
  const hashIp = (ip: string) => createHmac('sha256', ipSalt).update(ip).digest('hex').slice(0, 32);

  async function queue(click: PendingClick) {
    const pending = (await kv.get<PendingClick[]>('pending')) ?? [];
    pending.push(click);
    await kv.set('pending', pending);
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
      const visitorKey = `seen:${link.id}:${hashIp(`${ip}|${userAgent ?? ''}`)}`;
      const seen = await kv.get<string>(visitorKey);
      if (seen) return { location: seen, recorded: false };

      analytics?.count(link.channel, 'clicks', 1, link.programId);
      const context = link.channel === 'voice' ? 'voice-assistant' : 'chatbot';
      let location: string | undefined;
      try {
        const click = await client.call('agent.track_click', { partnership_id: link.partnershipId, context, ...(userAgent ? { user_agent: userAgent.slice(0, 512) } : {}) });
        location = click.tracking_url;
        // A merchant's postback may name the purchase by AgentClick's click id: remember which link it was.
        await kv.set(`click:${click.click_id}`, link.id, CLICK_MEMORY_MS);
      } catch (error) {
        log.warn({ err: error, linkId: link.id }, 'click not recorded now; queued for later');
        await queue({ linkId: link.id, partnershipId: link.partnershipId, context, userAgent, at: now() });
      }
      referral(link, ipHash, userAgent);
      const tracking = location ?? link.fallbackUrl;
      if (!tracking) throw new Error(`no tracking URL for link ${link.id}`);
      const target = withSubId(tracking, link.id);
      await kv.set(visitorKey, target, dedupeMs);
      return { location: target, recorded: location !== undefined };
    },

    /** Records queued clicks while the budget allows; the rest stay queued. */
    async flushPending(): Promise<number> {
      const pending = (await kv.get<PendingClick[]>('pending')) ?? [];
      const left: PendingClick[] = [];
      let sent = 0;
      for (const click of pending) {
        if (left.length > 0) {
          left.push(click);
          continue;
        }
        try {
          await client.call('agent.track_click', { partnership_id: click.partnershipId, context: click.context, ...(click.userAgent ? { user_agent: click.userAgent.slice(0, 512) } : {}) });
          sent++;
        } catch (error) {
          log.warn({ err: error }, 'queued click still not recorded');
          left.push(click);
        }
      }
      await kv.set('pending', left);
      return sent;
    },

    /** The link a recorded AgentClick click id came from. */
    async linkIdForClick(clickId: string): Promise<string | undefined> {
      return (await kv.get<string>(`click:${clickId}`)) ?? undefined;
    },

    async pendingCount(): Promise<number> {
      return ((await kv.get<PendingClick[]>('pending')) ?? []).length;
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
