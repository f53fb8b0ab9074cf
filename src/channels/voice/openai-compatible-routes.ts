import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { IssuedLink } from '../../core/types.ts';
import { limitBody } from '../../http/body-limit.ts';
import { jsonError } from '../../http/errors.ts';
import { bearerAuth } from './bearer-auth.ts';
import type { DeadlineTurns } from './deadline-turn.ts';
import { chatCompletionRequestSchema, turnOf } from './openai-request.ts';
import { readJson } from '../../http/read-json.ts';
import { type LimitWindows, createLimiter } from '../../http/rate-limit.ts';
import { answerOf, speechOf } from './voice-answer.ts';

export interface OpenAICompatibleRoutesOptions {
  turns: DeadlineTurns;
  apiKey: string;
  perSessionPerMinute?: number;
  windows?: LimitWindows;
  maxBodyBytes?: number;
}

/**
 * `POST /v1/chat/completions` for voice platforms that take a custom LLM URL. The content is what the
 * platform will speak (disclosure first, no URL); the links ride in a non-standard top-level `links`
 * field on the response, or on the last chunk when streaming.
 */
export function createOpenAICompatibleRoutes({ turns, apiKey, perSessionPerMinute = 30, maxBodyBytes = 512 * 1024, windows }: OpenAICompatibleRoutesOptions): Hono {
  const app = new Hono();
  app.use('/v1/*', bearerAuth(apiKey, { realm: 'openai-compatible' }));
  app.use('/v1/*', limitBody(maxBodyBytes));
  const limited = createLimiter({ limit: perSessionPerMinute, what: 'conversation', name: 'voice-llm-conversation', windows });

  // Some platforms list the models before they accept the URL.
  app.get('/v1/models', (c) => c.json({ object: 'list', data: [{ id: 'bot', object: 'model', created: 0, owned_by: 'operator' }] }));

  app.post('/v1/chat/completions', async (c) => {
    const startedAt = turns.now();
    const body = await readJson(c, chatCompletionRequestSchema);
    if (!body.ok) return body.response;
    const turn = turnOf(body.value, c.req.header('x-session-id'));
    if (!turn.ok) return jsonError(c, 400, 'invalid_request', turn.message);
    const refused = await limited(c, turn.sessionId);
    if (refused) return refused;

    const id = `chatcmpl-${randomUUID()}`;
    const created = Math.floor(startedAt / 1000);
    const model = body.value.model;
    const answerNow = async () => {
      const answer = answerOf(await turns.run({ surface: 'openai', sessionId: turn.sessionId, text: turn.text }, startedAt));
      const links: IssuedLink[] = answer.card?.links ?? [];
      return { answer, links };
    };

    if (!body.value.stream) {
      const { answer, links } = await answerNow();
      return c.json({
        id,
        object: 'chat.completion',
        created,
        model,
        choices: [{ index: 0, message: { role: 'assistant', content: speechOf(answer) }, logprobs: null, finish_reason: 'stop' }],
        links,
      });
    }

    return streamSSE(c, async (stream) => {
      const chunk = (delta: Record<string, string>, finishReason: 'stop' | null, extra: Record<string, unknown> = {}) =>
        stream.writeSSE({ data: JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }], ...extra }) });
      // The role goes out at once: platforms count time to the first byte.
      await chunk({ role: 'assistant', content: '' }, null);
      const { answer, links } = await answerNow();
      const gap = answer.locale === 'ja' ? '' : ' ';
      for (const [index, segment] of answer.segments.entries()) await chunk({ content: index === 0 ? segment : `${gap}${segment}` }, null);
      await chunk({}, 'stop', { links });
      await stream.writeSSE({ data: '[DONE]' });
    });
  });

  return app;
}
