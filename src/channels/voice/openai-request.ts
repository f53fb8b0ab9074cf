import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * A Chat Completions request as voice platforms send it. Only what the bot uses is checked; the
 * platform's own fields (temperature, tools, stream_options, metadata...) are accepted and ignored.
 */
const part = z.looseObject({ type: z.string(), text: z.string().optional() });
const message = z.looseObject({
  role: z.string(),
  content: z.union([z.string(), z.array(part), z.null()]).optional(),
});

export const chatCompletionRequestSchema = z.looseObject({
  model: z.string().min(1, 'model must not be empty').max(200),
  messages: z.array(message).min(1, 'messages must not be empty').max(1_000),
  stream: z.boolean().nullish(),
  user: z.string().max(256).nullish(),
});

export type ChatCompletionRequest = z.output<typeof chatCompletionRequestSchema>;
type Message = ChatCompletionRequest['messages'][number];

export function textOf(message: Message): string {
  if (typeof message.content === 'string') return message.content;
  return (message.content ?? []).map((p) => (p.type === 'text' ? (p.text ?? '') : '')).join('');
}

const SESSION_HEADER = /^[A-Za-z0-9._:@-]{1,200}$/;

/**
 * The bot keeps the conversation itself, so only the last user message is the turn. The session is the
 * request's `user`, else the `x-session-id` header, else a hash of the first user message (platforms
 * that send neither still get one conversation per call, as long as it opens differently).
 */
export function turnOf(request: ChatCompletionRequest, sessionHeader: string | undefined): { ok: true; sessionId: string; text: string } | { ok: false; message: string } {
  const users = request.messages.filter((m) => m.role === 'user');
  const text = users.length ? textOf(users[users.length - 1] as Message).trim() : '';
  if (!text) return { ok: false, message: 'messages: the last user message has no text' };
  const user = request.user?.trim();
  if (user) return { ok: true, sessionId: `u-${createHash('sha256').update(user).digest('hex').slice(0, 32)}`, text };
  const header = sessionHeader?.trim();
  if (header) {
    if (!SESSION_HEADER.test(header)) return { ok: false, message: 'x-session-id must be 1-200 characters of A-Z, a-z, 0-9 and . _ : @ -' };
    return { ok: true, sessionId: `s-${header}`, text };
  }
  const first = textOf(users[0] as Message);
  return { ok: true, sessionId: `h-${createHash('sha256').update(first).digest('hex').slice(0, 32)}`, text };
}
