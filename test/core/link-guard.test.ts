import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createStreamingGuard, guardText } from '../../src/core/link-guard.ts';
import { findUrls } from '../../src/shared/url-finder.ts';
import { AUDIT_FORMS, readable, scriptForm, urlForm } from '../helpers/url-forms.ts';

const OWN = 'https://bot.example/r/abc123';
const allowed = new Set([OWN]);

describe('link guard: the audit forms', () => {
  it.each(AUDIT_FORMS)('removes %s', (form) => {
    const out = guardText(`Have a look at ${form} for more, or ${OWN}.`, allowed);
    expect(findUrls(out).urls.map((url) => url.text)).toEqual([OWN + '.']);
    expect(readable(out)).not.toContain('evil');
    expect(out).toContain(OWN);
  });

  it('keeps the conversation\'s own link and plain prose', () => {
    const text = `Image tools: see [the card](${OWN}). It costs ¥9,800 per sale; 3.5 stars. 画像生成のツールです。ご確認ください。`;
    expect(guardText(text, allowed)).toBe(text);
  });

  it('keeps Japanese prose whose sentences run on into Latin words', () => {
    const text = 'おすすめです。AIツールです。Appleにも対応。App版もあります。';
    expect(guardText(text, allowed)).toBe(text);
  });

  it('removes a domain written straight into Japanese text', () => {
    for (const text of ['詳しくはevil.comへどうぞ', 'evil。comへ', 'サイトはevil.tv。次へ']) expect(readable(guardText(text, allowed)), text).not.toContain('evil');
  });

  it('a Markdown link to a foreign URL keeps only its text', () => {
    expect(guardText('Try [this tool](https://evil.example/x) now', allowed)).toBe('Try this tool now');
  });
});

describe('link guard: generated URL forms (property)', () => {
  it('no generated URL form survives guardText', () => {
    fc.assert(
      fc.property(fc.oneof(urlForm, scriptForm), fc.string({ maxLength: 20 }), ({ host: name, text }, filler) => {
        const out = guardText(`${filler} ${text} ${filler}`, allowed);
        expect(readable(out)).not.toContain(name.toLowerCase());
        expect(findUrls(out).urls).toEqual([]);
      }),
      { numRuns: 600 },
    );
  });

  it('none survives the streaming guard, whatever the chunking', () => {
    fc.assert(
      fc.property(urlForm, fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 30 }), ({ host: name, text }, sizes) => {
        const whole = `Look: ${text} and more.`;
        const guard = createStreamingGuard(allowed);
        let out = '';
        let at = 0;
        for (let i = 0; at < whole.length; i++) {
          const size = sizes[i % sizes.length] ?? 3;
          out += guard.push(whole.slice(at, at + size));
          at += size;
        }
        out += guard.flush();
        expect(readable(out)).not.toContain(name.toLowerCase());
      }),
      { numRuns: 300 },
    );
  });
});
