import { z } from 'zod';
import { describeZodError } from '../../shared/zod-message.ts';

const sessionId = z.string().regex(/^[A-Za-z0-9_-]{8,128}$/, 'sessionId must be 8-128 characters of A-Z, a-z, 0-9, _ and -');
const message = z.string().trim().min(1, 'message must not be empty').max(2_000, 'message must be at most 2000 characters');
const locale = z.string().regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'locale must be a language tag like "en" or "ja-JP"').optional();

/** `POST /api/chat` and `/api/chat/stream`: `{ sessionId?, message, locale? }`. */
export const chatRequestSchema = z.object({ sessionId: sessionId.optional(), message, locale }).strict();

/** What `useChat` (AI SDK UI) sends: the chat id and the messages; the last user message is the turn. */
export const useChatRequestSchema = z.object({
  id: sessionId,
  messages: z
    .array(
      z.object({
        role: z.enum(['user', 'assistant', 'system']),
        parts: z.array(z.looseObject({ type: z.string(), text: z.string().optional() })).max(200),
      }).loose(),
    )
    .min(1)
    .max(200),
}).loose();

export interface ChatRequest {
  sessionId: string | undefined;
  message: string;
  locale: string | undefined;
}

/** Accepts either shape; the result says in one line what was wrong. */
export function parseChatRequest(body: unknown, allowUseChat: boolean): { ok: true; value: ChatRequest } | { ok: false; message: string } {
  const direct = chatRequestSchema.safeParse(body);
  if (direct.success) return { ok: true, value: { sessionId: direct.data.sessionId, message: direct.data.message, locale: direct.data.locale } };
  if (allowUseChat && body && typeof body === 'object' && 'messages' in body) {
    const ui = useChatRequestSchema.safeParse(body);
    if (!ui.success) return { ok: false, message: describeZodError(ui.error) };
    const last = [...ui.data.messages].reverse().find((m) => m.role === 'user');
    const text = message.safeParse(last?.parts.map((part) => (part.type === 'text' ? (part.text ?? '') : '')).join('') ?? '');
    if (!text.success) return { ok: false, message: `the last user message: ${text.error.issues[0]?.message ?? 'invalid'}` };
    return { ok: true, value: { sessionId: ui.data.id, message: text.data, locale: undefined } };
  }
  return { ok: false, message: describeZodError(direct.error) };
}
