import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { markdownToTelegramHtml } from '../../../src/channels/telegram/format-html.ts';
import { splitTelegramHtml, telegramHtmlToText } from '../../../src/channels/telegram/split-message.ts';
import { parseTelegramHtml } from '../../helpers/fake-telegram.ts';

const shown = (markdown: string) => parseTelegramHtml(markdownToTelegramHtml(markdown)).text;

describe('markdownToTelegramHtml', () => {
  it.each([
    ['**bold** and *italic* and `code`', '<b>bold</b> and <i>italic</i> and <code>code</code>'],
    ['__bold__ _italic_ ~~gone~~', '<b>bold</b> <i>italic</i> <s>gone</s>'],
    ['a_b*c <tag> & "q"', 'a_b*c &lt;tag&gt; &amp; &quot;q&quot;'],
    ['snake_case_name and 2 * 3', 'snake_case_name and 2 * 3'],
    ['---', '---'],
    ['# Title', '<b>Title</b>'],
    ['- one\n* two\n  - nested', '• one\n• two\n   • nested'],
    ['1. first\n2) second', '1. first\n2. second'],
    ['**bold with `code <x>`**', '<b>bold with <code>code &lt;x&gt;</code></b>'],
    ['[Site](https://example.com/a?b=1&c=2)', '<a href="https://example.com/a?b=1&amp;c=2">Site</a>'],
    ['[bad](javascript:alert(1))', '[bad](javascript:alert(1))'],
    ['```ts\nconst a = 1 < 2;\n```', '<pre><code class="language-ts">const a = 1 &lt; 2;</code></pre>'],
    ['> quoted **text**\n> more', '<blockquote>quoted <b>text</b>\nmore</blockquote>'],
    ['\\*not italic\\*', '*not italic*'],
    ['**太字**です、*斜体*も', '<b>太字</b>です、<i>斜体</i>も'],
    ['**unclosed bold', '**unclosed bold'],
  ])('%j -> %j', (markdown, html) => {
    expect(markdownToTelegramHtml(markdown)).toBe(html);
  });

  it('always produces HTML Telegram accepts, for any input', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('*', '_', '`', '~', '<', '>', '&', '"', '[', ']', '(', ')', '#', '-', '\n', ' ', 'a', 'b', 'h', 't', 'p', ':', '/', '😀', '\\') }), (markdown) => {
        expect(() => parseTelegramHtml(markdownToTelegramHtml(markdown))).not.toThrow();
      }),
      { numRuns: 2_000 },
    );
  });

  it('keeps every letter of text with no Markdown in it', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('<', 'a>', '&', '"', "'", 'x', ' ', 'é', '😀', '画') }), (text) => {
        expect(shown(text)).toBe(text);
      }),
    );
  });
});

describe('splitTelegramHtml', () => {
  it('keeps a short message whole', () => {
    expect(splitTelegramHtml('<b>hi</b> &amp; bye')).toEqual([{ html: '<b>hi</b> &amp; bye', text: 'hi & bye' }]);
  });

  it('cuts at a paragraph before a line, a sentence or a space', () => {
    const text = `${'a'.repeat(60)}\n\n${'b'.repeat(20)}. ${'c'.repeat(10)}\n${'d'.repeat(20)}`;
    expect(splitTelegramHtml(text, 100).map((part) => part.text)).toEqual(['a'.repeat(60), `${'b'.repeat(20)}. ${'c'.repeat(10)}\n${'d'.repeat(20)}`]);
    expect(splitTelegramHtml('One sentence here. Another one here. And more', 40).map((part) => part.text)).toEqual(['One sentence here. Another one here.', 'And more']);
  });

  it('counts entities as one character and UTF-16 units for emoji, never cutting a pair', () => {
    const parts = splitTelegramHtml('&amp;'.repeat(10), 4);
    expect(parts.map((part) => part.text)).toEqual(['&&&&', '&&&&', '&&']);
    expect(parts[0]?.html).toBe('&amp;&amp;&amp;&amp;');
    const emoji = splitTelegramHtml('😀'.repeat(5), 4);
    expect(emoji.map((part) => part.text)).toEqual(['😀😀', '😀😀', '😀']);
  });

  it('closes an element at the cut and opens it again, with its attributes, in the next part', () => {
    const parts = splitTelegramHtml('<b>one two <a href="https://x.example/?a=1&amp;b=2">three four</a> five</b>', 14);
    for (const part of parts) expect(() => parseTelegramHtml(part.html)).not.toThrow();
    expect(parts.map((part) => part.html)).toEqual(['<b>one two <a href="https://x.example/?a=1&amp;b=2">three</a></b>', '<b><a href="https://x.example/?a=1&amp;b=2">four</a> five</b>']);
  });

  it('never leaves an empty element at the end of a part', () => {
    const parts = splitTelegramHtml(`${'x'.repeat(10)} <i>${'y'.repeat(10)}</i>`, 12);
    expect(parts.map((part) => part.html)).toEqual(['x'.repeat(10), `<i>${'y'.repeat(10)}</i>`]);
  });

  it('any converted Markdown splits into valid parts within the limit, losing only whitespace at the cuts', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('**', '*', '_', '`', '<', '&', '\n', '\n\n', ' ', '. ', 'word', '😀', '。', 'e\u0301') }),
        fc.integer({ min: 8, max: 60 }),
        (markdown, limit) => {
          const html = markdownToTelegramHtml(markdown);
          const parts = splitTelegramHtml(html, limit);
          for (const part of parts) {
            const parsed = parseTelegramHtml(part.html);
            expect(parsed.text.trim()).toBe(part.text);
            expect(part.text.length).toBeLessThanOrEqual(limit);
          }
          const squash = (value: string) => value.replace(/\s+/g, '');
          expect(squash(parts.map((part) => part.text).join(''))).toBe(squash(telegramHtmlToText(html)));
        },
      ),
      { numRuns: 1_000 },
    );
  });
});
