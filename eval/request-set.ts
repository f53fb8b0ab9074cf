import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** The splits of the labelled set: tune on `dev` only; `test` is the figure that counts. */
export const splits = ['dev', 'test'] as const;
export type Split = (typeof splits)[number];
export type Lang = 'en' | 'ja';

/** 2 = exactly the need, 1 = partially useful; a program not listed is graded 0. */
const grade = z.union([z.literal(1), z.literal(2)]);

export const labelledRequestSchema = z
  .object({
    id: z.string().regex(/^(dev|test)-(en|ja)-\d{2,3}$/),
    lang: z.enum(['en', 'ja']),
    split: z.enum(splits),
    text: z.string().trim().min(1).max(500),
    grades: z.record(z.string().regex(/^[1-9]\d*$/, 'program ids are positive integers'), grade),
    note: z.string().min(1),
  })
  .strict()
  .refine((request) => Object.values(request.grades).includes(2), { message: 'every request needs at least one program graded 2' })
  .refine((request) => request.id.startsWith(`${request.split}-${request.lang}-`), { message: 'the id names its split and language' });

export type LabelledRequest = z.infer<typeof labelledRequestSchema>;

export const requestSetSchema = z.array(labelledRequestSchema);

const files: Record<Split, URL> = {
  dev: new URL('./dev.json', import.meta.url),
  test: new URL('./test.json', import.meta.url),
};

/** Reads and validates one split file, or both (dev first). */
export function loadRequestSet(which: Split | 'all' = 'all'): LabelledRequest[] {
  const wanted = which === 'all' ? splits : [which];
  return wanted.flatMap((split) => requestSetSchema.parse(JSON.parse(readFileSync(files[split], 'utf8'))));
}

/** The grades as a map from program id to grade, the shape the metrics take. */
export function gradeMap(request: Pick<LabelledRequest, 'grades'>): Map<number, 1 | 2> {
  return new Map(Object.entries(request.grades).map(([id, value]) => [Number(id), value]));
}
