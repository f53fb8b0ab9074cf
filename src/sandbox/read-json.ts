import type { z } from 'zod';
import { describeZodError } from '../shared/zod-message.ts';

export type JsonResult<T> = { ok: true; value: T } | { ok: false; message: string };

/** Reads a request body as JSON and validates it; a failure says in one line what was wrong. */
export async function readJson<T>(request: Request, schema: z.ZodType<T>): Promise<JsonResult<T>> {
  let raw: unknown;
  try {
    const text = await request.text();
    raw = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    return { ok: false, message: 'request body is not valid JSON' };
  }
  const result = schema.safeParse(raw);
  if (!result.success) return { ok: false, message: describeZodError(result.error) };
  return { ok: true, value: result.data };
}
