/**
 * What `npm start` runs. Node's compile cache keeps the compiled code of every module on disk (in the
 * OS temp folder), so every start after the first skips most parsing: about a third off start-up here.
 * It has to be on before the bot's modules load, hence this file and the dynamic import.
 */
import { enableCompileCache } from 'node:module';

enableCompileCache();
await import('./main.ts');
