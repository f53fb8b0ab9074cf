import { createRequire } from 'node:module';
import LinkifyIt from 'linkify-it';

// `tlds` is a JSON package: Node's ESM loader would want an import attribute, require() does not.
const tlds = createRequire(import.meta.url)('tlds') as string[];

/**
 * The one URL finder of the bot. The link guard, the program summaries the model reads, speech and the
 * offline model all ask it, so a URL form one of them would miss cannot slip through another.
 *
 * Text is first normalised the way a reader's eye does it: NFKC (full-width letters and dots become
 * ASCII), zero-width and invisible characters removed, and ideographic full stops read as dots.
 * Then linkify-it, with every IANA top-level domain, finds links with a scheme, bare domains
 * (`evil.tv`, `shop.fr/deal`) and IP addresses; any `scheme:` form (`javascript:`, `data:`, `x-foo://`)
 * is caught on top, since linkify-it knows only http(s), ftp and mailto.
 */
const linkify = new LinkifyIt().tlds(tlds, false).set({ fuzzyLink: true, fuzzyIP: true, fuzzyEmail: true });

/** Zero-width, bidi-control and other invisible characters a URL could be split with. */
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/g;
/**
 * Dots a reader sees as a dot but NFKC keeps (。 ．), read as dots between ASCII letters or digits
 * (`evil。com`); a Japanese sentence's full stop (`です。AI`) stays one. One UTF-16 unit each: indices hold.
 */
const DOT_LOOKALIKES = /(?<=[A-Za-z0-9])[\u3002\uFF0E\uFF61](?=[A-Za-z0-9])/g;
/**
 * Japanese text around an address (`詳しくはevil.comへ`) is no word boundary to linkify-it, so a second
 * pass reads it as spaces (same length, so indices hold). Both passes' finds are removed.
 */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303F\u30FC\uFF01-\uFF65]+/gu;
/**
 * Any scheme followed by `//`, and the schemes that run code or carry content without one. A scheme
 * starts after anything that cannot be part of one, so `x_https://…` is found too. `www.` starts a URL
 * whatever follows it.
 */
const SCHEME_FORM =
  /(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{0,31}:\/\/\S*|(?<![A-Za-z0-9+.-])(?:javascript|vbscript|data|file|blob|filesystem|mailto|tel|sms|intent|about|view-source|jar|ws|wss|ftp|hxxps?|https?):(?=\S)\S+|(?<![A-Za-z0-9.-])www\.\S+/gi;

export interface FoundUrl {
  /** Offsets into the normalised text. */
  start: number;
  end: number;
  text: string;
}

/** NFKC, invisible characters removed: the text every later step (and the user) sees. */
export function normaliseText(text: string): string {
  return text.normalize('NFKC').replace(INVISIBLE, '');
}

/** Every URL-like span of an already normalised text, in order, overlaps merged. */
export function findUrlsIn(normalised: string): FoundUrl[] {
  const detection = normalised.replace(DOT_LOOKALIKES, '.');
  const spaced = detection.replace(CJK, (run) => ' '.repeat(run.length));
  const spans: Array<[number, number]> = [];
  for (const text of [detection, spaced]) {
    for (const match of linkify.match(text) ?? []) spans.push([match.index, match.lastIndex]);
    for (const match of text.matchAll(SCHEME_FORM)) spans.push([match.index, match.index + match[0].length]);
  }
  spans.sort((a, b) => a[0] - b[0]);
  const merged: FoundUrl[] = [];
  for (const [start, end] of spans) {
    const last = merged.at(-1);
    if (last && start <= last.end) {
      last.end = Math.max(last.end, end);
      last.text = normalised.slice(last.start, last.end);
    } else merged.push({ start, end, text: normalised.slice(start, end) });
  }
  return merged;
}

/** Normalises `text` and returns it with its URL spans. */
export function findUrls(text: string): { text: string; urls: FoundUrl[] } {
  const normalised = normaliseText(text);
  return { text: normalised, urls: findUrlsIn(normalised) };
}

/**
 * The text with every URL replaced by `replacement(url)` (by default removed); `keep` spares the ones
 * that may stay (the conversation's own tracked links).
 */
export function replaceUrls(text: string, replacement: (url: FoundUrl) => string = () => '', keep: (url: FoundUrl) => boolean = () => false): string {
  const { text: normalised, urls } = findUrls(text);
  let out = '';
  let at = 0;
  for (const url of urls) {
    out += normalised.slice(at, url.start) + (keep(url) ? url.text : replacement(url));
    at = url.end;
  }
  return out + normalised.slice(at);
}
