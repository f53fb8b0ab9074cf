import { z } from 'zod';
import { describeZodError } from '../../shared/zod-message.ts';
import { SandboxApiError } from './action-context.ts';

/**
 * Params are read the way a PHP endpoint would: "42" is as good as 42 and "true"/1 as true.
 * A missing required parameter is 422 (spec section 9); a present but wrong one is 400.
 */
export const intParam = z.union([z.number().int(), z.string().regex(/^-?\d+$/).transform(Number)]);
export const positiveIntParam = intParam.pipe(z.number().int().positive());
export const boolParam = z.union([
  z.boolean(),
  z.literal(1).transform(() => true),
  z.literal(0).transform(() => false),
  z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1'),
]);
export const stringParam = z.string().trim().min(1).max(500);
export const dateParam = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
export const pageParam = positiveIntParam.optional();

export function parseParams<S extends z.ZodRawShape>(raw: Record<string, unknown>, shape: S, required: (keyof S & string)[] = []): z.output<z.ZodObject<S>> {
  const missing = required.filter((name) => raw[name] === undefined || raw[name] === null || raw[name] === '');
  if (missing.length > 0) throw new SandboxApiError(422, `Missing required parameter: ${missing.join(', ')}`);
  const present = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== null && value !== ''));
  const result = z.object(shape).safeParse(present);
  if (!result.success) throw new SandboxApiError(400, `Invalid parameter: ${describeZodError(result.error)}`);
  return result.data;
}

/** Pagination as the spec gives it: `page` from 1, `per_page` default 20 and at most 50 (larger asks are capped). */
export function paginate<T>(items: readonly T[], page = 1, perPage = 20) {
  const size = Math.min(50, Math.max(1, perPage));
  const totalPages = Math.max(1, Math.ceil(items.length / size));
  return {
    items: items.slice((page - 1) * size, page * size),
    pagination: { page, per_page: size, total: items.length, total_pages: totalPages },
  };
}
