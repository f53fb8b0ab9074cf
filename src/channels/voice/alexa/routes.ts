import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { jsonError } from '../../../http/errors.ts';
import type { Log } from '../../../log.ts';
import type { DeadlineTurns } from '../deadline-turn.ts';
import { localeOf, phrases } from '../phrases.ts';
import { answerOf, fixedAnswer } from '../voice-answer.ts';
import type { AlexaEnvelope } from './envelope.ts';
import { utteranceOf } from './envelope.ts';
import { alexaResponse, emptyAlexaResponse } from './responses.ts';
import { type AlexaVerifierOptions, createAlexaVerifier } from './verify-request.ts';

export interface AlexaRoutesOptions extends AlexaVerifierOptions {
  turns: DeadlineTurns;
  log: Log;
  /** The catch-all slot of the interaction model (an AMAZON.SearchQuery slot). */
  slotName?: string;
  maxBodyBytes?: number;
}

const END = new Set(['AMAZON.StopIntent', 'AMAZON.CancelIntent']);
const HELP = new Set(['AMAZON.HelpIntent', 'AMAZON.NavigateHomeIntent']);

/**
 * `POST /voice/alexa`: an Alexa custom-skill endpoint. Every request is verified first (any failure is
 * a 400 JSON error and reaches nothing else); then Launch, Help, Stop/Cancel, Fallback, the catch-all
 * intent and SessionEnded are answered. The session stays open after an answer so the user can go on.
 */
export function createAlexaRoutes({ turns, log, slotName = 'query', maxBodyBytes = 128 * 1024, ...verifier }: AlexaRoutesOptions): Hono {
  const verify = createAlexaVerifier(verifier);
  const app = new Hono();
  app.use('/voice/alexa', bodyLimit({ maxSize: maxBodyBytes, onError: (c) => jsonError(c, 400, 'invalid_alexa_request', 'The request body is too large.') }));

  app.post('/voice/alexa', async (c) => {
    const startedAt = turns.now();
    const body = Buffer.from(await c.req.arrayBuffer());
    const checked = await verify({ certUrl: c.req.header('SignatureCertChainUrl'), signature: c.req.header('Signature-256'), body });
    if (!checked.ok) {
      log.warn({ reason: checked.reason }, 'alexa request rejected');
      return jsonError(c, 400, 'invalid_alexa_request', `Request verification failed: ${checked.reason}.`);
    }
    return c.json(await respond(checked.envelope, startedAt));
  });

  async function respond(envelope: AlexaEnvelope, startedAt: number) {
    const { request } = envelope;
    const locale = localeOf(request.locale);
    const said = phrases(locale);
    const sessionId = envelope.session?.sessionId;
    const say = (text: string, endSession = false) => alexaResponse(fixedAnswer(text, locale), { endSession, reprompt: fixedAnswer(said.reprompt, locale) });

    if (request.type === 'SessionEndedRequest') {
      if (sessionId) await turns.end('alexa', sessionId).catch((error: unknown) => log.warn({ err: error }, 'alexa session cleanup failed'));
      return emptyAlexaResponse();
    }
    if (request.type === 'LaunchRequest') return say(said.welcome);
    if (request.type !== 'IntentRequest' || !request.intent) return emptyAlexaResponse();

    const intent = request.intent.name;
    if (END.has(intent)) return say(said.goodbye, true);
    if (HELP.has(intent)) return say(said.help);
    if (intent === 'AMAZON.FallbackIntent') return say(said.notUnderstood);
    const words = utteranceOf(envelope, slotName);
    if (!words || !sessionId) return say(said.notUnderstood);

    const result = await turns.run({ surface: 'alexa', sessionId, text: words, locale: request.locale }, startedAt);
    const answer = answerOf(result);
    const reprompt = fixedAnswer(result.kind === 'holding' ? said.holding : said.reprompt, answer.locale);
    return alexaResponse(answer, { endSession: false, reprompt });
  }

  return app;
}
