import type { LanguageModelV4CallOptions, LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { simulateReadableStream } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';

/**
 * A scripted model for the Telegram tests: what it answers depends on a keyword in the user's
 * message, so one bot serves every scenario. "link" first calls get_link for program 42.
 */
export const TRAP = 'Trap: a_b*c <tag> & **bold** `x<y>` snake_case_name\n---\nend & done';
/** What Telegram should show for TRAP. */
export const TRAP_SHOWN = 'Trap: a_b*c <tag> & bold x<y> snake_case_name\n---\nend & done';

/** A long answer (> 8,000 characters): a numbered list, a bold paragraph across a split, Japanese and emoji. */
export function longAnswer(): string {
  const items = Array.from({ length: 30 }, (_, n) => `${n + 1}. **Tool ${n + 1}** makes images from text. It costs little & works well <fast>.`);
  const bold = `**${'This sentence is bold and long. '.repeat(90).trim()}**`;
  const japanese = '画像生成AIのおすすめです😀。'.repeat(120);
  return ['Here are the options:', items.join('\n'), bold, japanese, 'That is all.'].join('\n\n');
}

/** The text Telegram shows for longAnswer(), whitespace-normalised. */
export function longAnswerShown(): string {
  return longAnswer().replaceAll('**', '').replace(/\s+/g, ' ');
}

const usage = { inputTokens: { total: 10, noCache: 10, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 5, text: 5, reasoning: 0 } };

function lastUserText(options: LanguageModelV4CallOptions): string {
  const user = options.prompt.findLast((message) => message.role === 'user');
  if (!user || typeof user.content === 'string') return '';
  return user.content.map((part) => (part.type === 'text' ? part.text : '')).join(' ');
}

function textParts(text: string): LanguageModelV4StreamPart[] {
  return [
    { type: 'stream-start', warnings: [] },
    { type: 'text-start', id: 't' },
    ...text.split(/(?<= )/).map((delta): LanguageModelV4StreamPart => ({ type: 'text-delta', id: 't', delta })),
    { type: 'text-end', id: 't' },
    { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage },
  ];
}

/** `beforeWait` runs before a "wait" turn answers: the harness holds it at a gate the test opens. */
export function telegramModel({ beforeWait = async () => {} }: { beforeWait?: () => Promise<void> } = {}) {
  let call = 0;
  return new MockLanguageModelV4({
    doStream: async (options) => {
      call++;
      const asked = lastUserText(options);
      const afterTool = options.prompt.at(-1)?.role === 'tool';
      if (/link/i.test(asked) && !afterTool) {
        const chunks: LanguageModelV4StreamPart[] = [
          { type: 'stream-start', warnings: [] },
          { type: 'tool-call', toolCallId: `call-${call}`, toolName: 'get_link', input: JSON.stringify({ program_id: 42 }) },
          { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_calls' }, usage },
        ];
        return { stream: simulateReadableStream({ chunks, chunkDelayInMs: null, initialDelayInMs: null }) };
      }
      let text = 'Hello! What kind of AI tool are you looking for?';
      let chunkDelayInMs: number | null = null;
      if (/long/i.test(asked)) text = longAnswer();
      else if (/trap/i.test(asked)) text = TRAP;
      else if (/link/i.test(asked)) text = 'Here is **the link** you asked for.';
      if (/slow/i.test(asked)) {
        text = 'Let me think about that. ' + 'Image tools differ a lot in price and quality. '.repeat(4) + '**Done**.';
        chunkDelayInMs = 90;
      }
      if (/wait/i.test(asked)) await beforeWait();
      return { stream: simulateReadableStream({ chunks: textParts(text), chunkDelayInMs, initialDelayInMs: null }) };
    },
  });
}
