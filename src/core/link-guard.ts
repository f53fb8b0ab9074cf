import { replaceUrls } from '../shared/url-finder.ts';

/**
 * The link guard: the only URLs a user may see are the tracked links this conversation issued.
 * Any other URL the model writes (its own, or one smuggled in through a program description) is removed;
 * a Markdown link to it keeps only its text. URLs are found by the bot's one URL finder (after NFKC and
 * zero-width removal), so bare domains, IP addresses and `javascript:`/`data:` forms go too.
 */
const MARKDOWN_LINK = /\[([^\]\n]{0,200})\]\(([^)\s]*)\)/g;

export function guardText(text: string, allowed: ReadonlySet<string>): string {
  // A URL found in running text may carry the sentence's closing punctuation with it.
  const keep = (url: string) => allowed.has(url.replace(/[.,;:!?)\]}>"'」』）】*_]+$/u, ''));
  const withoutLinks = text.replace(MARKDOWN_LINK, (whole, label: string, url: string) => (keep(url) ? whole : label));
  return replaceUrls(withoutLinks, () => '', (url) => keep(url.text))
    .replace(/<\s*>/g, '')
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
