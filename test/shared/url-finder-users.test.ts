import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plainSpeech } from '../../src/channels/voice/speech.ts';
import { cleanText, safeSentences } from '../../src/core/offline-model/sanitize.ts';
import { untrustedSummary } from '../../src/core/tools/program-card.ts';
import { AUDIT_FORMS, readable, scriptForm, urlForm } from '../helpers/url-forms.ts';

/** Every place that shows untrusted or model text uses the one URL finder: the same forms go everywhere. */
const USERS: Array<[string, (text: string) => string]> = [
  ['untrustedSummary (what the model reads of a program)', (text) => untrustedSummary(text, 2_000) ?? ''],
  ['speech (what a voice assistant says)', (text) => plainSpeech(text, 'en', 10)],
  ['offline model cleanText', (text) => cleanText(text)],
  ['offline model safeSentences', (text) => safeSentences(text).join(' ')],
];

describe.each(USERS)('%s', (_name, clean) => {
  it.each(AUDIT_FORMS)('drops %s', (form) => {
    expect(readable(clean(`Great image tool. Learn more at ${form} today. Fast and cheap.`))).not.toContain('evil');
  });

  it('drops every generated URL form (property)', () => {
    fc.assert(
      fc.property(fc.oneof(urlForm, scriptForm), ({ host, text }) => {
        expect(readable(clean(`Great image tool. Try ${text} today.`))).not.toContain(host.toLowerCase());
      }),
      { numRuns: 200 },
    );
  });
});
