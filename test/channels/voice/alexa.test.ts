import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AlexaTestPki, type ChainName, createAlexaTestPki } from '../../helpers/alexa-certs.ts';
import { SKILL_ID, type VoiceBot, browser, expectWellFormedSsml, startVoiceBot } from './voice-bot.ts';

const CERT_BASE = 'https://s3.amazonaws.com/echo.api';
let pki: AlexaTestPki;
let running: VoiceBot;
const fetched: string[] = [];

beforeAll(async () => {
  pki = createAlexaTestPki();
  running = await startVoiceBot({
    alexaSkillId: SKILL_ID,
    alexa: {
      // Serves the test chains at Amazon-looking URLs: /echo.api/<chain name>.pem
      fetchCertChain: async (url) => {
        fetched.push(url);
        const name = /\/echo\.api\/(\w+)\.pem$/.exec(new URL(url).pathname)?.[1] as ChainName | undefined;
        if (!name || !(name in pki.chains)) throw new Error(`no chain at ${url}`);
        return pki.chains[name];
      },
      trustedRoots: [pki.rootPem],
    },
  });
});
afterAll(() => running?.close());

interface Envelope {
  request: Record<string, unknown>;
  skillId?: string;
  sessionId?: string;
  timestamp?: string;
  locale?: string;
}

function envelope({ request, skillId = SKILL_ID, sessionId = 'amzn1.echo-api.session.test-1', timestamp = new Date().toISOString(), locale = 'en-US' }: Envelope) {
  const application = { applicationId: skillId };
  return JSON.stringify({
    version: '1.0',
    session: { new: false, sessionId, application, user: { userId: 'amzn1.ask.account.test' } },
    context: { System: { application, user: { userId: 'amzn1.ask.account.test' }, device: { deviceId: 'd1' } } },
    request: { requestId: `amzn1.echo-api.request.${Math.random()}`, timestamp, locale, ...request },
  });
}

const ask = (query: string) => ({ type: 'IntentRequest', intent: { name: 'AskIntent', confirmationStatus: 'NONE', slots: { query: { name: 'query', value: query } } } });
const intent = (name: string) => ({ type: 'IntentRequest', intent: { name, slots: {} } });

function sendAlexa(body: string, { certUrl = `${CERT_BASE}/valid.pem`, signature = pki.sign(body) }: { certUrl?: string; signature?: string } = {}) {
  return fetch(`${running.voice.url}/voice/alexa`, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', SignatureCertChainUrl: certUrl, 'Signature-256': signature },
    body,
  });
}

interface AlexaBody {
  version: string;
  response: {
    outputSpeech?: { type: string; ssml: string };
    reprompt?: { outputSpeech: { ssml: string } };
    card?: { type: string; title: string; content: string };
    shouldEndSession?: boolean;
  };
}

describe('POST /voice/alexa: accepted requests', () => {
  it('a signed LaunchRequest gets the welcome, and the session stays open', async () => {
    const response = await sendAlexa(envelope({ request: { type: 'LaunchRequest' } }));
    expect(response.status).toBe(200);
    const body = (await response.json()) as AlexaBody;
    expect(body.version).toBe('1.0');
    expect(body.response.outputSpeech).toEqual({ type: 'SSML', ssml: '<speak>Hi! Tell me what you want to do with AI, and I will suggest a tool that fits.</speak>' });
    expect(body.response.shouldEndSession).toBe(false);
    expect(body.response.reprompt?.outputSpeech.ssml).toContain('<speak>');
  });

  it('a signed IntentRequest is answered with SSML (disclosure first, no URL) and a card with the link; the click is a voice-assistant click', async () => {
    const response = await sendAlexa(envelope({ request: ask('a link for a product image generator') }));
    expect(response.status).toBe(200);
    const body = (await response.json()) as AlexaBody;
    const ssml = body.response.outputSpeech?.ssml ?? '';
    expectWellFormedSsml(ssml);
    expect(ssml.startsWith('<speak>This answer includes ads; the operator may earn a commission.')).toBe(true);
    expect(ssml).not.toMatch(/https?:|\/r\/|evil/);
    expect(ssml).toContain('&amp;');
    expect(body.response.shouldEndSession).toBe(false);
    const card = body.response.card;
    expect(card).toMatchObject({ type: 'Simple', title: 'Links (ads)' });
    const url = /(http:\/\/\S+\/r\/[A-Za-z0-9_-]+)/.exec(card?.content ?? '')?.[1] ?? '';
    expect(url.startsWith(`${running.bot.url}/r/`)).toBe(true);

    const click = await fetch(url, { redirect: 'manual', headers: browser });
    expect(click.status).toBe(302);
    const clicks = running.bot.sandbox.events.list().filter((event) => event.network === 'agentclick' && event.type === 'click');
    expect(clicks.at(-1)?.data.context).toBe('voice-assistant');
  });

  it('Japanese skill locale: Japanese speech with the Japanese disclosure', async () => {
    const body = (await (await sendAlexa(envelope({ request: ask('画像のリンクをください'), locale: 'ja-JP', sessionId: 'amzn1.echo-api.session.ja' }))).json()) as AlexaBody;
    expect(body.response.outputSpeech?.ssml.startsWith('<speak>この回答には広告が含まれます。運営者が報酬を得る場合があります。')).toBe(true);
    expect(body.response.card?.title).toBe('リンク（広告）');
  });

  it('built-in intents and SessionEndedRequest', async () => {
    const speak = async (request: Record<string, unknown>) => ((await (await sendAlexa(envelope({ request }))).json()) as AlexaBody).response;
    expect((await speak(intent('AMAZON.HelpIntent'))).outputSpeech?.ssml).toContain('Describe a task');
    expect(await speak(intent('AMAZON.StopIntent'))).toMatchObject({ outputSpeech: { ssml: '<speak>Goodbye!</speak>' }, shouldEndSession: true });
    expect((await speak(intent('AMAZON.CancelIntent'))).shouldEndSession).toBe(true);
    expect((await speak(intent('AMAZON.FallbackIntent'))).outputSpeech?.ssml).toContain('did not catch that');
    expect((await speak({ type: 'IntentRequest', intent: { name: 'AskIntent', slots: { query: { name: 'query' } } } })).outputSpeech?.ssml).toContain('did not catch that');
    expect(await speak({ type: 'SessionEndedRequest', reason: 'USER_INITIATED' })).toEqual({});
  });

  it('the certificate chain is downloaded once per URL; URL spellings Alexa allows are accepted', async () => {
    const before = fetched.length;
    for (const certUrl of [`${CERT_BASE}/valid.pem`, 'HTTPS://S3.AMAZONAWS.COM/echo.api/valid.pem', 'https://s3.amazonaws.com:443/echo.api/valid.pem', 'https://s3.amazonaws.com/echo.api/../echo.api/valid.pem']) {
      const response = await sendAlexa(envelope({ request: { type: 'LaunchRequest' } }), { certUrl });
      expect(response.status, certUrl).toBe(200);
    }
    expect(fetched.slice(before)).toEqual([]);
    expect(fetched.filter((url) => url === `${CERT_BASE}/valid.pem`)).toHaveLength(1);
  });
});

describe('POST /voice/alexa: rejected requests (400 JSON, nothing reaches the core)', () => {
  const launch = () => envelope({ request: ask('a link please') });
  const cases: Array<[string, () => Parameters<typeof sendAlexa>, RegExp]> = [
    ['a tampered body', () => { const body = launch(); return [body.replace('a link please', 'a link pleaze'), { signature: pki.sign(body) }]; }, /signature/],
    ['a signature by another key', () => { const body = launch(); return [body, { signature: pki.signWithStrangerKey(body) }]; }, /signature/],
    ['no signature', () => [launch(), { signature: '' }], /Signature-256/],
    ['an old timestamp (> 150 s)', () => [envelope({ request: ask('x'), timestamp: new Date(Date.now() - 151_000).toISOString() })], /timestamp/],
    ['a timestamp from the future (> 150 s)', () => [envelope({ request: ask('x'), timestamp: new Date(Date.now() + 151_000).toISOString() })], /timestamp/],
    ['an http certificate URL', () => [launch(), { certUrl: 'http://s3.amazonaws.com/echo.api/valid.pem' }], /https/],
    ['another host', () => [launch(), { certUrl: 'https://notamazon.com/echo.api/valid.pem' }], /s3\.amazonaws\.com/],
    ['a look-alike host', () => [launch(), { certUrl: 'https://s3.amazonaws.com.evil.example/echo.api/valid.pem' }], /s3\.amazonaws\.com/],
    ['a path outside /echo.api/', () => [launch(), { certUrl: 'https://s3.amazonaws.com/EcHo.aPi/valid.pem' }], /\/echo\.api\//],
    ['a path that climbs out of /echo.api/', () => [launch(), { certUrl: 'https://s3.amazonaws.com/echo.api/../invalid.pem' }], /\/echo\.api\//],
    ['a wrong port', () => [launch(), { certUrl: 'https://s3.amazonaws.com:563/echo.api/valid.pem' }], /port 443/],
    ['a certificate without echo-api.amazon.com', () => [launch(), { certUrl: `${CERT_BASE}/wrongSan.pem` }], /echo-api\.amazon\.com/],
    ['an expired certificate', () => [launch(), { certUrl: `${CERT_BASE}/expired.pem` }], /expired/],
    ['a chain that does not lead to the trusted root', () => [launch(), { certUrl: `${CERT_BASE}/untrusted.pem` }], /trusted root/],
    ['a chain that cannot be downloaded', () => [launch(), { certUrl: `${CERT_BASE}/missing.pem` }], /downloaded/],
    ['another skill id', () => [envelope({ request: ask('x'), skillId: 'amzn1.ask.skill.00000000-0000-0000-0000-000000000000' })], /another skill/],
  ];

  it.each(cases)('%s', async (_name, make, reason) => {
    const calls = running.model.doStreamCalls.length;
    const response = await sendAlexa(...make());
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('invalid_alexa_request');
    expect(body.error.message).toMatch(reason);
    expect(running.model.doStreamCalls.length).toBe(calls);
  });

  it('bad URLs are refused before anything is downloaded', async () => {
    const before = fetched.length;
    await sendAlexa(launch(), { certUrl: 'https://evil.example/echo.api/valid.pem' });
    await sendAlexa(launch(), { certUrl: 'http://s3.amazonaws.com/echo.api/valid.pem' });
    expect(fetched.length).toBe(before);
  });
});
