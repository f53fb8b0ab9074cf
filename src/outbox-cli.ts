import './clean-env.ts';
import { createPurchaseLedger } from './attribution/purchase-ledger.ts';
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './db/open-database.ts';

/**
 * `npm run outbox -- list` shows the delivery health and the dead letters with their reasons;
 * `npm run outbox -- replay [purchaseId]` puts dead letters back in the queue (the running bot delivers them).
 */
const [command = 'list', argument] = process.argv.slice(2);
let dataDir: string;
try {
  dataDir = loadConfig().DATA_DIR;
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
const db = openDatabase(dataDir);
const ledger = createPurchaseLedger(db);

if (command === 'list') {
  const health = ledger.health();
  console.log(`deliveries: ${health.pending} pending, ${health.retrying} retrying, ${health.delivered} delivered, ${health.dead} dead`);
  for (const letter of ledger.deadLetters()) {
    console.log(`#${letter.purchaseId}  ${letter.orderId}  ${letter.network}  ${letter.attempts} attempts  ${new Date(letter.receivedAt).toISOString()}\n    ${letter.reason}`);
  }
} else if (command === 'replay') {
  const purchaseId = argument === undefined ? undefined : Number(argument);
  if (purchaseId !== undefined && !Number.isSafeInteger(purchaseId)) {
    console.error(`not a purchase id: ${argument}`);
    process.exit(2);
  }
  console.log(`${ledger.replay(purchaseId)} dead letter(s) queued again; the running bot delivers them.`);
} else {
  console.error('usage: npm run outbox -- list | replay [purchaseId]');
  process.exit(2);
}
db.close();
