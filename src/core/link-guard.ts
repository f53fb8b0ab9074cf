/**
 * The link guard: the only URLs a user may see are the tracked links this conversation issued.
 * Any other URL the model writes (its own, or one smuggled in through a program description) is removed;
 * a Markdown link to it keeps only its text.
 */
const TLDS = 'com|net|org|io|ai|co|jp|dev|app|xyz|info|biz|me|ly|gg|link|click|top|site|online|shop|store|us|uk|de|ru|cn|tk';
const URL_PATTERN = new RegExp(
  String.raw`(?:\b(?:https?|ftp|javascript|data):\/\/?[^\s<>"'()\[\]]*|\bwww\.[^\s<>"'()\[\]]+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:${TLDS})\b(?:\/[^\s<>"'()\[\]]*)?)`,
  'gi',
);
const MARKDOWN_LINK = /\[([^\]\n]{0,200})\]\(([^)\s]*)\)/g;
const AUTOLINK = /<((?:https?|ftp):[^>\s]*)>/gi;

export function guardText(text: string, allowed: ReadonlySet<string>): string {
  const keep = (url: string) => allowed.has(url.replace(/[.,;:!?]+$/, ''));
  return text
    .replace(MARKDOWN_LINK, (whole, label: string, url: string) => (keep(url) ? whole : label))
    .replace(AUTOLINK, (whole, url: string) => (keep(url) ? whole : ''))
    .replace(URL_PATTERN, (url) => (keep(url) ? url : ''))
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/\(\s*\)/g, '');
}

/**
 * The same guard over a stream of deltas: text is held back while it could still be the start of a
 * URL (the last word) or of a Markdown link (an open `[`), and released once it is complete.
 */
export function createStreamingGuard(allowed: ReadonlySet<string>) {
  let buffer = '';
  const boundary = () => {
    let cut = Math.max(buffer.lastIndexOf(' '), buffer.lastIndexOf('\n')) + 1;
    const open = buffer.lastIndexOf('[');
    if (open >= 0 && open < cut && !/\]\([^)]*\)/.test(buffer.slice(open)) && buffer.length - open < 400) cut = open;
    return cut;
  };
  return {
    push(delta: string): string {
      buffer += delta;
      const cut = boundary();
      if (cut <= 0) return '';
      const ready = buffer.slice(0, cut);
      buffer = buffer.slice(cut);
      return guardText(ready, allowed);
    },
    flush(): string {
      const rest = guardText(buffer, allowed);
      buffer = '';
      return rest;
    },
  };
}
