import type { ModelMessage } from 'ai';
import type Keyv from 'keyv';
import type { Log } from '../log.ts';
import { createWriteBehindCache } from '../cache/write-behind-cache.ts';
import type { Channel, Locale } from './types.ts';

export interface SessionState {
  messages: ModelMessage[];
  locale: Locale | undefined;
  /** Ids of the links issued in this conversation: the only ones the guard lets through. */
  linkIds: string[];
  updatedAt: number;
}

export interface HistoryOptions {
  kv: Keyv;
  ttlMs: number;
  log: Log;
  /** Set when this process is the store's only writer (SQLite): history is then kept hot in memory and written in batches. */
  writeBehindMs?: number;
  /** Rough token budget for the history sent to the model (characters / 4). */
  tokenBudget?: number;
  maxTurns?: number;
}

const approxTokens = (message: ModelMessage) => Math.ceil(JSON.stringify(message.content).length / 4);

/** Keeps whole turns (a user message and what followed it), newest first, within the budget. */
export function trimHistory(messages: ModelMessage[], tokenBudget: number, maxTurns: number): ModelMessage[] {
  const starts = messages.flatMap((message, index) => (message.role === 'user' ? [index] : []));
  let from = messages.length;
  let tokens = 0;
  let turns = 0;
  for (let i = starts.length - 1; i >= 0; i--) {
    const start = starts[i] ?? 0;
    const cost = messages.slice(start, from).reduce((sum, message) => sum + approxTokens(message), 0);
    if (turns >= maxTurns || (turns > 0 && tokens + cost > tokenBudget)) break;
    tokens += cost;
    turns++;
    from = start;
  }
  return messages.slice(from);
}

/** Conversation history per channel and session, in keyv, expiring HISTORY_TTL_DAYS after the last turn. */
export function createHistory({ kv, ttlMs, log, writeBehindMs, tokenBudget = 3_000, maxTurns = 12 }: HistoryOptions) {
  const key = (channel: Channel, sessionId: string) => `${channel}:${sessionId}`;
  const store = createWriteBehindCache<SessionState>({ kv, ttlMs, log, writeBehindMs });
  return {
    async load(channel: Channel, sessionId: string): Promise<SessionState> {
      return (await store.get(key(channel, sessionId))) ?? { messages: [], locale: undefined, linkIds: [], updatedAt: 0 };
    },
    async save(channel: Channel, sessionId: string, state: SessionState): Promise<void> {
      const trimmed = { ...state, messages: trimHistory(state.messages, tokenBudget, maxTurns), linkIds: state.linkIds.slice(-50) };
      await store.set(key(channel, sessionId), trimmed);
    },
    async reset(channel: Channel, sessionId: string): Promise<void> {
      await store.delete(key(channel, sessionId));
    },
    /** Writes what is still only in memory (on shutdown). */
    flush: () => store.flush(),
  };
}

export type History = ReturnType<typeof createHistory>;
