import { type Context, Hono } from 'hono';
import type Keyv from 'keyv';
import type { Core } from '../../core/create-core.ts';
import { jsonError } from '../../http/errors.ts';
import type { Log } from '../../log.ts';
import { createAlexaRoutes } from './alexa/routes.ts';
import type { FetchCertChain } from './alexa/chain-loader.ts';
import { createDeadlineTurns } from './deadline-turn.ts';
import { createGenericRoutes } from './generic-routes.ts';
import { createOpenAICompatibleRoutes } from './openai-compatible-routes.ts';
import type { LimitWindows } from '../../http/rate-limit.ts';
import type { Clock } from '../../shared/clock.ts';

export interface VoiceRoutesOptions {
  core: Core;
  log: Log;
  /** Bearer key of `/voice/webhook` and `/v1/chat/completions` (both off without it, outside demo mode). */
  voiceApiKey?: string;
  /**
   * Demo mode: `/voice/webhook` answers without a key, for trying it on one's own machine. Anywhere else an
   * open webhook lets anyone spend the model's budget, so it is off until VOICE_API_KEY is set.
   */
  openWithoutKey?: boolean;
  /** `/voice/alexa` is off without it. */
  alexaSkillId?: string;
  /** Longest a voice answer may take (VOICE_DEADLINE_MS); a slower turn gets the holding line. */
  deadlineMs: number;
  /** Where late answers wait for the next turn; memory when absent (use a shared store with several instances). */
  kv?: Keyv;
  /** Where the per-conversation limits are counted (Redis with several instances). */
  windows?: LimitWindows;
  /** The deadline's clock; tests pass a fake one. */
  clock?: Clock;
  alexa?: {
    fetchCertChain?: FetchCertChain;
    /** PEM roots. Leave unset in production (Node's bundled roots); tests inject their own CA. */
    trustedRoots?: string[];
    now?: () => number;
  };
}

/**
 * The voice channel, to be mounted at '/': `POST /voice/webhook`, `POST /voice/alexa`,
 * `POST /v1/chat/completions` (and `GET /v1/models`). All three share one core (channel 'voice', so
 * clicks carry the context voice-assistant) and one deadline runner.
 */
export function createVoiceRoutes({ core, log, voiceApiKey, openWithoutKey = false, alexaSkillId, deadlineMs, kv, windows, clock, alexa = {} }: VoiceRoutesOptions): Hono {
  const turns = createDeadlineTurns({ core, log, deadlineMs, kv, ...(clock ? { clock } : {}) });
  const app = new Hono();
  const off = (what: string, variable: string) => (c: Context) =>
    jsonError(c, 404, 'not_found', `No route ${c.req.method} ${c.req.path}: the ${what} is off (set ${variable}).`);

  if (voiceApiKey || openWithoutKey) app.route('/', createGenericRoutes({ turns, voiceApiKey, windows }));
  else app.all('/voice/webhook', off('voice webhook', 'VOICE_API_KEY'));
  if (alexaSkillId) app.route('/', createAlexaRoutes({ turns, log, skillId: alexaSkillId, ...alexa }));
  else app.all('/voice/alexa', off('Alexa endpoint', 'ALEXA_SKILL_ID'));
  if (voiceApiKey) app.route('/', createOpenAICompatibleRoutes({ turns, apiKey: voiceApiKey, windows }));
  else app.all('/v1/*', off('OpenAI-compatible endpoint', 'VOICE_API_KEY'));

  app.onError((error, c) => {
    log.error({ err: error, path: c.req.path }, 'voice route failed');
    return jsonError(c, 500, 'internal_error', 'Something went wrong on our side.');
  });
  return app;
}
