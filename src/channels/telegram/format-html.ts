/**
 * The model's Markdown as Telegram HTML (parse_mode "HTML").
 *
 * Telegram rejects a whole message when one tag is unknown or unbalanced, so this converter never
 * passes model text through: every character is escaped, and the only tags in the output are the
 * ones it writes itself, always in balanced pairs. Markdown it cannot read stays literal text.
 */

/** Telegram's HTML mode knows only these named entities: escape exactly these characters. */
export function escapeTelegramHtml(text: string): string {
  return text.replace(/[&<>"]/g, (char) => (char === '&' ? '&amp;' : char === '<' ? '&lt;' : char === '>' ? '&gt;' : '&quot;'));
}

// Inline constructs, leftmost match wins; at the same position the earlier alternative wins.
// Emphasis needs a non-space just inside each marker (CommonMark's flanking rule); `_` also needs a
// non-word character outside, so snake_case and file_names stay as they are.
const INLINE = new RegExp(
  [
    String.raw`\\([\\` + '`' + String.raw`*_{}\[\]()#+\-.!~>|])`, // 1: backslash escape
    '`([^`\\n]+)`', // 2: code span
    String.raw`\[([^\]\n]+)\]\((https?:\/\/[^\s()<>"]+)\)`, // 3, 4: link
    String.raw`\*\*(\S(?:[^\n]*?\S)?)\*\*`, // 5: bold
    String.raw`(?<![\p{L}\p{N}_])__(\S(?:[^\n]*?\S)?)__(?![\p{L}\p{N}_])`, // 6: bold
    String.raw`~~(\S(?:[^\n]*?\S)?)~~`, // 7: strikethrough
    String.raw`(?<![*\\])\*([^\s*](?:[^*\n]*?[^\s*\\])?)\*(?!\*)`, // 8: italic
    String.raw`(?<![\p{L}\p{N}_\\])_([^\s_](?:[^_\n]*?[^\s_])?)_(?![\p{L}\p{N}_])`, // 9: italic
  ].join('|'),
  'gu',
);

/** One line of inline Markdown as HTML. */
export function inlineMarkdownToHtml(text: string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    const index = match.index;
    out += escapeTelegramHtml(text.slice(last, index));
    last = index + match[0].length;
    const [, escaped, code, linkText, linkUrl, bold, boldUnderscore, strike, italic, italicUnderscore] = match;
    if (escaped !== undefined) out += escapeTelegramHtml(escaped);
    else if (code !== undefined) out += `<code>${escapeTelegramHtml(code)}</code>`;
    else if (linkText !== undefined && linkUrl !== undefined) out += `<a href="${escapeTelegramHtml(linkUrl)}">${inlineMarkdownToHtml(linkText)}</a>`;
    else if (bold !== undefined || boldUnderscore !== undefined) out += `<b>${inlineMarkdownToHtml(bold ?? boldUnderscore ?? '')}</b>`;
    else if (strike !== undefined) out += `<s>${inlineMarkdownToHtml(strike)}</s>`;
    else out += `<i>${inlineMarkdownToHtml(italic ?? italicUnderscore ?? '')}</i>`;
  }
  return out + escapeTelegramHtml(text.slice(last));
}

const FENCE = /^\s{0,3}(`{3,}|~{3,})\s*([\w+#.-]*)\s*$/;
const HEADING = /^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$/;
const QUOTE = /^\s{0,3}>\s?(.*)$/;
const BULLET = /^(\s*)[-*+]\s+(.*)$/;
const NUMBERED = /^(\s*)(\d{1,9})[.)]\s+(.*)$/;
const RULE = /^\s{0,3}([-*_])(?:\s*\1){2,}\s*$/;

/** A nested list item keeps one level of indentation per two spaces (or a tab) the model used. */
function indent(spaces: string): string {
  const level = Math.min(4, Math.floor(spaces.replace(/\t/g, '  ').length / 2));
  return '   '.repeat(level);
}

/** A whole Markdown reply as Telegram HTML. Headings become bold lines, bullets "•", code fences <pre>. */
export function markdownToTelegramHtml(markdown: string): string {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const fence = FENCE.exec(line);
    if (fence) {
      const marker = fence[1] ?? '```';
      const body: string[] = [];
      while (i + 1 < lines.length && !(lines[i + 1] ?? '').trim().startsWith(marker)) body.push(lines[++i] ?? '');
      i++; // the closing fence (or the end of the text when the model never closed it)
      const language = fence[2] ? ` class="language-${escapeTelegramHtml(fence[2])}"` : '';
      const code = escapeTelegramHtml(body.join('\n'));
      out.push(language ? `<pre><code${language}>${code}</code></pre>` : `<pre>${code}</pre>`);
      continue;
    }
    if (QUOTE.test(line)) {
      const quoted: string[] = [];
      while (i < lines.length && QUOTE.test(lines[i] ?? '')) quoted.push(inlineMarkdownToHtml(QUOTE.exec(lines[i++] ?? '')?.[1] ?? ''));
      i--;
      out.push(`<blockquote>${quoted.join('\n')}</blockquote>`);
      continue;
    }
    // A horizontal rule stays as the model wrote it: Telegram has no rule, and "---" reads fine.
    if (RULE.test(line)) {
      out.push(escapeTelegramHtml(line));
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      out.push(`<b>${inlineMarkdownToHtml(heading[1] ?? '')}</b>`);
      continue;
    }
    const bullet = BULLET.exec(line);
    if (bullet) {
      out.push(`${indent(bullet[1] ?? '')}• ${inlineMarkdownToHtml(bullet[2] ?? '')}`);
      continue;
    }
    const numbered = NUMBERED.exec(line);
    if (numbered) {
      out.push(`${indent(numbered[1] ?? '')}${numbered[2]}. ${inlineMarkdownToHtml(numbered[3] ?? '')}`);
      continue;
    }
    out.push(inlineMarkdownToHtml(line));
  }
  return out.join('\n');
}
