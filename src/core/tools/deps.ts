import type { AgentClickClient } from '../../agentclick/client.ts';
import type { Catalog, Category } from '../../catalog/catalog.ts';
import type { LinkStore } from '../../links/link-store.ts';
import type { PartnershipManager } from '../../partnerships/partnership-manager.ts';
import type { Analytics } from '../../analytics/counters.ts';
import type { Log } from '../../log.ts';
import type { ApiAnswerCache } from '../../cache/api-answer-cache.ts';
import type { Channel, IssuedLink, Locale, ProgramCardView } from '../types.ts';

/** What the tools need from the rest of the app. */
export interface ToolDeps {
  agentclick: AgentClickClient;
  catalog: Catalog;
  /** What the tools need from the partnership manager: what it knows, and to apply for programs being shown. */
  partnerships: Pick<PartnershipManager, 'known' | 'request' | 'settled'>;
  links: LinkStore;
  /** Short-lived cache of recommendation answers, so repeated needs cost no API read. */
  cache: ApiAnswerCache;
  publicBaseUrl: string;
  log: Log;
  /** Counts what the dashboard shows: recommendations and links issued. */
  analytics?: Analytics;
  now?: () => number;
}

/** The turn the tools run in: who asks, in which language, and the links issued so far. */
export interface TurnScope {
  sessionId: string;
  channel: Channel;
  locale: Locale;
  issued: IssuedLink[];
  /** Program ids shown to the user in this turn. */
  shown: Set<number>;
  /** The programs the latest list of this turn showed, in its order, with their links where ready. */
  cards?: ProgramCardView[];
  /** Set when, after that list, one program's details or link was asked for: the answer is then about it alone. */
  focus?: number;
}

export async function categoryMap(catalog: Catalog): Promise<Map<string, Category>> {
  try {
    return new Map((await catalog.categories()).map((category) => [category.slug, category]));
  } catch {
    return new Map();
  }
}
