import type { z } from 'zod';

/** One line naming each offending field: "orderId: Invalid input: expected string, received undefined". */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}
