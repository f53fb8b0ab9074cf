import { Hono } from 'hono';
import { z } from 'zod';
import { limitBody } from '../../http/body-limit.ts';
import { jsonError } from '../../http/errors.ts';
import { bearerAuth } from './bearer-auth.ts';
import type { DeadlineTurns } from './deadline-turn.ts';
import { readJson } from '../../http/read-json.ts';
import { type LimitWindows, createLimiter } from '../../http/rate-limit.ts';
import { answerOf, speechOf, ssmlOf, xmlLangOf } from './voice-answer.ts';

/** `POST /voice/webhook`: `{ sessionId, text, locale? }`. Extra fields a platform adds are ignored. */
export const webhookRequestSchema = z.object({
  sessionId: z.string().regex(/^[A-Za-z0-9._:@-]{1,200}$/, 'sessionId must be 1-200 characters of A-Z, a-z, 0-9 and . _ : @ -'),
  text: z.string().trim().min(1, 'text must not be empty').max(2_000, 'text must be at most 2000 characters'),
  locale: z.string().regex(/^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$/, 'locale must be a language tag like "en-US" or "ja-JP"').optional(),
});

export interface GenericRoutesOptions {
  turns: DeadlineTurns;
  voiceApiKey: string | undefined;
  perSessionPerMinute?: number;
  windows?: LimitWindows;
  maxBodyBytes?: number;
}

/**
 * The generic voice webhook for any platform that can POST JSON and speak the reply:
 * `{ speech, ssml, card?: { title, text, links }, endSession }`. Links only ever travel in the card.
 */
export function createGenericRoutes({ turns, voiceApiKey, perSessionPerMinute = 30, maxBodyBytes = 16 * 1024, windows }: GenericRoutesOptions): Hono {
  const app = new Hono();
  app.use('/voice/webhook', bearerAuth(voiceApiKey));
  app.use('/voice/webhook', limitBody(maxBodyBytes));
  const limited = createLimiter({ limit: perSessionPerMinute, what: 'conversation', name: 'voice-conversation', windows });

  app.post('/voice/webhook', async (c) => {
    const startedAt = turns.now();
    const body = await readJson(c, webhookRequestSchema);
    if (!body.ok) return body.response;
    const { sessionId, text, locale } = body.value;
    const refused = await limited(c, sessionId);
    if (refused) return refused;
    const answer = answerOf(await turns.run({ surface: 'webhook', sessionId, text, locale }, startedAt));
    return c.json({
      speech: speechOf(answer),
      ssml: ssmlOf(answer, { xmlLang: xmlLangOf(answer, locale) }),
      ...(answer.card ? { card: answer.card } : {}),
      endSession: false,
    });
  });
  return app;
}
