import './clean-env.ts';
import { loadConfigOrExit } from './load-config-or-exit.ts';
import { openLedger } from './ledger/open-ledger.ts';
import { createLog } from './log.ts';

/**
 * `npm run outbox -- list` shows the delivery health and the dead letters with their reasons;
 * `npm run outbox -- replay [purchaseId]` puts dead letters back in the queue;
 * `npm run outbox -- retry` makes every waiting retry due now (after an outage ends).
 * The running bot delivers them. Works on the ledger the bot uses: PostgreSQL with DATABASE_URL, else
 * the SQLite file in DATA_DIR.
 */
const [command = 'list', argument] = process.argv.slice(2);
const config = loadConfigOrExit();
if (!['list', 'replay', 'retry'].includes(command)) {
  console.error('usage: npm run outbox -- list | replay [purchaseId] | retry');
  process.exit(2);
}
const purchaseId = command === 'replay' && argument !== undefined ? Number(argument) : undefined;
if (purchaseId !== undefined && !Number.isSafeInteger(purchaseId)) {
  console.error(`not a purchase id: ${argument}`);
  process.exit(2);
}

const ledger = await openLedger(config, { log: createLog({ level: 'warn' }) });
try {
  const purchases = ledger.purchases;
  if (command === 'list') {
    const health = await purchases.health();
    console.log(`deliveries: ${health.pending} pending, ${health.retrying} retrying, ${health.delivered} delivered, ${health.dead} dead`);
    for (const letter of await purchases.deadLetters()) {
      console.log(`#${letter.purchaseId}  ${letter.orderId}  ${letter.network}  ${letter.attempts} attempts  ${new Date(letter.receivedAt).toISOString()}\n    ${letter.reason}`);
    }
  } else if (command === 'replay') {
    console.log(`${await purchases.replay(purchaseId)} dead letter(s) queued again; the running bot delivers them.`);
  } else {
    console.log(`${await purchases.retryWaitingNow()} waiting delivery(ies) due now; the running bot delivers them.`);
  }
} finally {
  await ledger.close();
}
