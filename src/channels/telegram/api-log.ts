import type { Transformer } from 'grammy';
import type { Log } from '../../log.ts';

/**
 * Logs every Bot API call that fails, naming the method and Telegram's description (payloads are
 * left out: they hold users' messages). Installed innermost, so each retry attempt shows up.
 */
export function logFailedCalls(log: Log): Transformer {
  return async (prev, method, payload, signal) => {
    try {
      const response = await prev(method, payload, signal);
      if (!response.ok) log.warn({ method, errorCode: response.error_code, description: response.description }, `telegram ${method} failed`);
      return response;
    } catch (error) {
      // By message only: grammY's errors carry the request URL, and a Bot API URL holds the bot token.
      if (!signal?.aborted) log.warn({ method, error: error instanceof Error ? error.message : String(error) }, `telegram ${method} failed`);
      throw error;
    }
  };
}
