import { type Config, ConfigError, loadConfig } from './config.ts';

/**
 * For the commands (`npm start`, `npm run chat`, `npm run outbox`): the configuration, or one line naming
 * the bad variable and exit code 1. Anything else thrown here is a bug and keeps its stack.
 */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
