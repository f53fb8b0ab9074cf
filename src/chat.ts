import './clean-env.ts';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline/promises';
import { loadConfigOrExit } from './load-config-or-exit.ts';
import { createCoreServices } from './compose/create-core-services.ts';
import { selectModel } from './core/model.ts';
import { createLog } from './log.ts';
import { secretValues } from './log-secrets.ts';
import { resolveNetworks } from './resolve-networks.ts';
import { terminalCards } from './terminal-cards.ts';

/** `npm run chat`: the same core in a terminal. In demo mode its own sandbox runs on a free port. */
const config = loadConfigOrExit();
const { networks, close } = await resolveNetworks(config, { sandboxPort: 0 });
const log = createLog({ level: 'warn', destination: process.stderr, secrets: secretValues(config, networks) });
const { model, label } = selectModel(config);
// Only the core and what it stands on: no HTTP app, channels, outbox or metrics, and no background timer.
const bot = createCoreServices({ config, networks, model, log });
const sessionId = randomUUID();

console.log(`Terminal chat · model: ${label}\nAsk for an AI tool (English or Japanese). /reset forgets this chat, /quit leaves.\n`);
const terminal = createInterface({ input: process.stdin, output: process.stdout, prompt: 'you> ' });
// Line by line from the stream (not question()), so piped input is read in full too; when stdin ends
// first, the remaining lines are still answered, just without a prompt.
let inputEnded = false;
terminal.once('close', () => {
  inputEnded = true;
});
terminal.prompt();
try {
  for await (const line of terminal) {
    const text = line.trim();
    if (text === '/quit' || text === '/exit') break;
    if (text === '/reset') {
      await bot.core.resetSession('web', sessionId);
      console.log('(forgotten)\n');
    } else if (text) {
      process.stdout.write('bot> ');
      for await (const event of bot.core.streamTurn({ channel: 'web', sessionId, text })) {
        if (event.type === 'text') process.stdout.write(event.delta);
        if (event.type === 'done') process.stdout.write(terminalCards(event.result));
      }
      process.stdout.write('\n\n');
    }
    if (!inputEnded) terminal.prompt();
  }
} finally {
  terminal.close();
  await bot.close();
  await close();
}
