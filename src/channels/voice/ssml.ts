const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
// Characters XML 1.0 forbids (C0 controls other than tab and line breaks, lone surrogates, U+FFFE/U+FFFF).
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text -> SSML character data: the five XML specials escaped, characters XML cannot carry removed. */
export function escapeSsml(text: string): string {
  return text.replace(NOT_XML, '').replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}

export interface SsmlOptions {
  /**
   * Language of the document (`xml:lang`, e.g. "en-US"), written with the standard SSML 1.1 header.
   * Alexa takes a bare `<speak>` (the skill's locale picks the voice), so leave it out there.
   */
  xmlLang?: string;
}

/** Speakable segments -> one `<speak>` document, a short pause between segments (after the disclosure). */
export function toSsml(segments: string[], { xmlLang }: SsmlOptions = {}): string {
  const body = segments
    .map((segment) => escapeSsml(segment.trim()))
    .filter(Boolean)
    .join('<break strength="medium"/>');
  const open = xmlLang ? `<speak version="1.1" xmlns="http://www.w3.org/2001/10/synthesis" xml:lang="${escapeSsml(xmlLang)}">` : '<speak>';
  return `${open}${body}</speak>`;
}
