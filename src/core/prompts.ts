import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Channel, Locale } from './types.ts';

export interface Prompts {
  instructions(channel: Channel, locale: Locale): string;
}

const DEFAULT_DIR = new URL('../../prompts/', import.meta.url).pathname;

/** The system prompt and one style note per channel, plain Markdown files in `prompts/`, read once. */
export function loadPrompts(dir: string = DEFAULT_DIR): Prompts {
  const read = (name: string) => readFileSync(join(dir, name), 'utf8').trim();
  const system = read('system.md');
  const channels: Record<Channel, string> = {
    web: read('channel-web.md'),
    telegram: read('channel-telegram.md'),
    voice: read('channel-voice.md'),
    line: read('channel-line.md'),
    mcp: read('channel-mcp.md'),
  };
  return {
    instructions: (channel, locale) => `${system}\n\n${channels[channel]}\n\nUser language: ${locale} (${locale === 'ja' ? 'Japanese' : 'English'})`,
  };
}
