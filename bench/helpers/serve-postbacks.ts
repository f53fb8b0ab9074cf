/**
 * The bot as a postback receiver, in a process of its own (forked by bench/postbacks.ts), on the ledger
 * named by argv: `sqlite` (DATA_DIR) or `postgres <url>`. It issues one tracked link through a real turn
 * and reports it with its URL, so the measuring process can post signed purchases for that link.
 */
import { openPostgresLedger } from '../../src/ledger/postgres/open-postgres-ledger.ts';
import { silentLog } from '../../src/log.ts';
import { startBenchBot } from './bench-bot.ts';
import { everyTurnModel } from './scripted-model.ts';

export const BENCH_POSTBACK_SECRET = 'bench-postback-secret-0123456789abcdef';

export interface PostbackTargetMessage {
  type: 'ready';
  url: string;
  linkId: string;
}

const [engine, url] = process.argv.slice(2);
const ledger = engine === 'postgres' && url ? await openPostgresLedger(url, { log: silentLog() }) : undefined;
const model = everyTurnModel({ tool: 'get_link', input: { program_id: 42 } }, { text: 'Here is the link.' });
const bot = await startBenchBot({ model, ...(ledger ? { ledger } : {}), postbackSecrets: [BENCH_POSTBACK_SECRET] });
const turn = await bot.app.core.handleTurn({ channel: 'web', sessionId: 'bench-postbacks', text: 'a link for FlyerKit' });
const linkId = turn.links[0]?.id;
if (!linkId) throw new Error('no link issued');

process.on('message', async (message: { type: string }) => {
  if (message.type === 'close') {
    await bot.close().catch(() => undefined);
    process.exit(0);
  }
});
process.on('disconnect', () => process.exit(0));
process.send?.({ type: 'ready', url: bot.url, linkId } satisfies PostbackTargetMessage);
