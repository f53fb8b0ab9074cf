/**
 * Splits Telegram HTML into messages that each fit Telegram's limit (4096 characters of *parsed*
 * text, counted in UTF-16 code units, which is what Telegram counts). Cuts fall at a paragraph,
 * then a line, then a sentence, then a space, and only as a last resort between two characters;
 * never inside a tag, an entity or a surrogate pair. An element cut in two (a <b> running over the
 * boundary) is closed at the end of one part and opened again, with its attributes, in the next.
 */

export const TELEGRAM_TEXT_LIMIT = 4096;

export interface MessagePart {
  /** Balanced Telegram HTML. */
  html: string;
  /** The same part as Telegram will show it (tags removed, entities decoded): the plain fallback. */
  text: string;
}

type Token =
  | { kind: 'open'; name: string; raw: string }
  | { kind: 'close'; name: string; raw: string }
  | { kind: 'char'; raw: string; text: string };

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"' };
const TOKEN = /<(\/?)([a-zA-Z][\w-]*)(?:\s[^<>]*)?>|&(#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]+);|[\s\S]/gu;

function decodeEntity(body: string): string | undefined {
  if (body.startsWith('#')) {
    const code = body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
  }
  return NAMED[body.toLowerCase()];
}

function tokenize(html: string): Token[] {
  const tokens: Token[] = [];
  for (const match of html.matchAll(TOKEN)) {
    const [raw, slash, name, entity] = match;
    if (name !== undefined) tokens.push({ kind: slash ? 'close' : 'open', name: name.toLowerCase(), raw });
    else if (entity !== undefined) tokens.push({ kind: 'char', raw, text: decodeEntity(entity) ?? raw });
    else tokens.push({ kind: 'char', raw, text: raw });
  }
  return tokens;
}

/** The plain text Telegram shows for a piece of HTML. */
export function telegramHtmlToText(html: string): string {
  return tokenize(html)
    .map((token) => (token.kind === 'char' ? token.text : ''))
    .join('');
}

/** Open elements (their opening tags) before token `end`, outermost first. */
function openAt(tokens: Token[], end: number): Array<{ name: string; raw: string }> {
  const stack: Array<{ name: string; raw: string }> = [];
  for (let i = 0; i < end; i++) {
    const token = tokens[i];
    if (token?.kind === 'open') stack.push(token);
    else if (token?.kind === 'close') {
      const at = stack.map((open) => open.name).lastIndexOf(token.name);
      if (at >= 0) stack.splice(at, 1);
    }
  }
  return stack;
}

const isSpace = (token: Token | undefined) => token?.kind === 'char' && /^\s$/u.test(token.text);
const SENTENCE_END = /^[.!?…。！？]$/u;
const CJK_SENTENCE_END = /^[。！？]$/u;

/**
 * How good a cut before token `i` is: 4 paragraph, 3 line, 2 sentence, 1 space, 0 anywhere else.
 * A cut must sit between two characters; the tags right before it stay with the earlier part.
 */
function cutQuality(tokens: Token[], i: number, previousChar: Token | undefined): number {
  const token = tokens[i];
  if (token?.kind !== 'char' || previousChar?.kind !== 'char') return -1;
  if (token.text === '\n') {
    let next = i + 1;
    while (tokens[next] && tokens[next]?.kind !== 'char') next++;
    return tokens[next]?.kind === 'char' && (tokens[next] as { text: string }).text === '\n' ? 4 : 3;
  }
  if (isSpace(token)) return SENTENCE_END.test(previousChar.text) ? 2 : 1;
  if (CJK_SENTENCE_END.test(previousChar.text)) return 2;
  return 0;
}

export function splitTelegramHtml(html: string, limit: number = TELEGRAM_TEXT_LIMIT): MessagePart[] {
  const tokens = tokenize(html);
  const parts: MessagePart[] = [];
  const skip = (from: number) => {
    // Whitespace at a boundary is dropped; closing tags there belong to elements already closed.
    let i = from;
    while (i < tokens.length && (isSpace(tokens[i]) || tokens[i]?.kind === 'close')) i++;
    return i;
  };
  let start = skip(0);
  while (start < tokens.length) {
    // Walk as far as the limit allows, remembering the latest cut of each quality on the way.
    // Good cuts (paragraph, line, sentence, space) count only in the second half of the span, so
    // a part is never much shorter than it could be; a space anywhere still beats cutting a word.
    const minimum = Math.floor(limit / 2);
    const late = [-1, -1, -1, -1, -1]; // by quality; 0 (anywhere) is simply `end`
    let anySpace = -1;
    let units = 0;
    let end = start;
    let previousChar: Token | undefined;
    for (; end < tokens.length; end++) {
      const token = tokens[end];
      if (token?.kind !== 'char') continue;
      if (units + token.text.length > limit) break;
      const quality = cutQuality(tokens, end, previousChar);
      if (quality > 0 && units >= minimum) late[quality] = end;
      if (quality > 0) anySpace = end;
      units += token.text.length;
      previousChar = token;
    }
    let cut = tokens.length;
    if (end < tokens.length) {
      const level = [4, 3, 2, 1].find((quality) => (late[quality] ?? -1) > start);
      cut = level !== undefined ? (late[level] ?? end) : anySpace > start ? anySpace : keepGraphemes(tokens, start, end);
      // Tags opened right before the cut move to the next part, so no part ends with an empty element.
      while (cut > start + 1 && tokens[cut - 1]?.kind === 'open') cut--;
      if (cut <= start) cut = start + 1;
    }
    const reopen = openAt(tokens, start);
    const body = tokens.slice(start, cut);
    const close = openAt(tokens, cut);
    const text = body.map((token) => (token.kind === 'char' ? token.text : '')).join('');
    if (text.trim()) {
      parts.push({
        html: `${reopen.map((tag) => tag.raw).join('')}${body.map((token) => token.raw).join('')}${close
          .reverse()
          .map((tag) => `</${tag.name}>`)
          .join('')}`,
        text,
      });
    }
    start = skip(cut);
  }
  return trimParts(parts);
}

/** A hard cut steps back so an accent, a skin tone or a joined emoji stays with its base character. */
function keepGraphemes(tokens: Token[], start: number, end: number): number {
  const text = (i: number) => {
    const token = tokens[i];
    return token?.kind === 'char' ? token.text : '';
  };
  const joinsPrevious = (i: number) => /^(?:\p{M}|\p{Emoji_Modifier}|\u200d|[\ufe0e\ufe0f])$/u.test(text(i));
  const previousChar = (i: number) => {
    let j = i - 1;
    while (j > start && tokens[j]?.kind !== 'char') j--;
    return j;
  };
  let cut = end;
  for (let steps = 0; steps < 16 && cut > start; steps++) {
    const before = previousChar(cut);
    if (!joinsPrevious(cut) && text(before) !== '\u200d') return cut;
    cut = before;
  }
  return end;
}

/** Telegram trims a message's outer whitespace; do the same so `text` matches what it shows. */
function trimParts(parts: MessagePart[]): MessagePart[] {
  return parts.map((part) => ({ html: part.html.replace(/^\s+|\s+$/g, ''), text: part.text.trim() }));
}
