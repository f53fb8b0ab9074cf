import type Keyv from 'keyv';
import type { AgentClickClient } from '../agentclick/client.ts';
import type { Log } from '../log.ts';
import { createStaleWhileRefresh } from '../cache/stale-while-refresh.ts';

/** What the lightweight `agent.catalog` leaves out and the ranker reads: descriptions in both languages. */
export interface ProgramText {
  id: number;
  description?: string | null;
  description_en?: string | null;
  category_name?: string | null;
  keywords?: string[] | null;
}

const PER_PAGE = 50;

/**
 * Program descriptions, read page by page through `publisher.programs_search` (50 a page) and kept
 * for six hours: descriptions change far more rarely than rewards, so 160 programs cost 4 reads per
 * six hours, and 5,000 programs 100. `maxPages` bounds what one refresh may spend of the read
 * budget; programs beyond it are ranked by name and category until a later refresh.
 */
export function createProgramTexts({ client, kv, log, now = Date.now, ttlMs = 6 * 60 * 60_000, maxPages = 40 }: {
  client: AgentClickClient;
  kv: Keyv;
  log: Log;
  now?: () => number;
  ttlMs?: number;
  maxPages?: number;
}) {
  const loader = createStaleWhileRefresh<ProgramText[]>({
    kv,
    key: 'texts',
    ttlMs,
    keepMs: ttlMs * 4 * 7,
    log,
    now,
    load: async () => {
      const texts: ProgramText[] = [];
      for (let page = 1; page <= maxPages; page++) {
        const { programs, pagination } = await client.call('publisher.programs_search', { page, per_page: PER_PAGE, sort: 'name' });
        for (const program of programs) {
          texts.push({
            id: program.id,
            description: program.description,
            description_en: program.description_en,
            category_name: program.category_name,
            ...(program.keywords ? { keywords: program.keywords } : {}),
          });
        }
        if (programs.length < PER_PAGE || (pagination !== undefined && page >= pagination.total_pages)) break;
      }
      return texts;
    },
  });
  return { get: () => loader.get() };
}
