import fc from 'fast-check';
import tlds from 'tlds';

/** The forms the audit proved got through, each in a sentence. */
export const AUDIT_FORMS = [
  'evil.tv',
  'shop.fr/deal',
  'bit.do/x',
  '203.0.113.7/login',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'evil\u200b.com',
  'evil。com',
  'x_https://evil.tech',
  'Evil.tech',
  'ｅｖｉｌ．ｃｏｍ',
  'hxxps://evil.example',
  'HTTPS://EVIL.COM/x',
  '//evil.com/path',
  'mailto:someone@evil.com',
  'someone@evil.com',
  'evil\u2060.shop',
  'evil\uFEFF.com',
];

/** What a reader would still recognise: the normalised text with ideographic dots read as dots. */
export const readable = (text: string) => text.normalize('NFKC').replace(/[\u200B-\u200F\u2060-\u2064\uFEFF]/g, '').replace(/[\u3002\uFF0E\uFF61]/g, '.').toLowerCase();

const ASCII_TLDS = tlds.filter((tld) => /^[a-z]{2,}$/.test(tld));
const label = fc.stringMatching(/^[a-z][a-z0-9]{2,10}$/);
const host = fc.oneof(
  fc.tuple(label, fc.constantFrom(...ASCII_TLDS)).map(([name, tld]) => `${name}.${tld}`),
  fc.tuple(label, label, fc.constantFrom(...ASCII_TLDS)).map(([sub, name, tld]) => `${sub}.${name}.${tld}`),
  fc.tuple(fc.integer({ min: 1, max: 223 }), fc.nat(255), fc.nat(255), fc.integer({ min: 1, max: 254 })).map((parts) => parts.join('.')),
);
const prefix = fc.constantFrom('', 'http://', 'https://', 'HTTPS://', '//', 'ftp://', 'hxxp://', 'x_https://', 'www.', 'https://www.', 'git+ssh://');
const path = fc.constantFrom('', '/', '/login', '/deal?x=1', '/a/b#frag', ':8080/x');
/** Ways to hide a dot or break a word a reader still reads through. */
const disguise = fc.constantFrom<(url: string) => string>(
  (url) => url,
  (url) => url.replace('.', '\u200b.'),
  (url) => url.replace('.', '.\u200d'),
  (url) => url.replace(/\./g, '。'),
  (url) => url.replace(/\./g, '．'),
  (url) => url.replace(/[a-z]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0)),
  (url) => url.toUpperCase(),
);
const around = fc.constantFrom(['', ''], ['see ', ' now'], ['(', ')'], ['<', '>'], ['"', '"'], ['「', '」'], ['[x](', ')'], ['visit ', '.'], ['**', '**'], ['詳しくは', 'へどうぞ'], ['です。', '。次']);
export const urlForm = fc.tuple(prefix, host, path, disguise, around).map(([scheme, name, rest, hide, [before, after]]) => ({
  host: name,
  text: `${before}${hide(`${scheme}${name}${rest}`)}${after}`,
}));
export const scriptForm = fc.tuple(fc.constantFrom('javascript', 'JavaScript', 'data', 'vbscript', 'file'), fc.stringMatching(/^[a-z0-9(),/]{1,20}$/)).map(([scheme, body]) => ({ host: `${scheme.toLowerCase()}:`, text: `${scheme}:${body}` }));

