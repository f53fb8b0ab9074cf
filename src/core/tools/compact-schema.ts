import { type JSONSchema7, type Schema, jsonSchema, zodSchema } from 'ai';
import type { z } from 'zod';

/**
 * A tool's input schema as the model is sent it, converted once, without what costs tokens on every
 * call and tells the model nothing: the `$schema` URL and the safe-integer bounds zod gives every
 * integer. Input is still validated by the full zod schema.
 */
export function compactSchema<T>(type: z.ZodType<T>): Schema<T> {
  const full = zodSchema(type);
  return jsonSchema<T>(withoutNoise(full.jsonSchema as JSONSchema7), { validate: full.validate });
}

function withoutNoise(schema: JSONSchema7): JSONSchema7 {
  const { $schema: _url, ...rest } = schema;
  const properties = Object.fromEntries(
    Object.entries(rest.properties ?? {}).map(([name, property]: [string, JSONSchema7 | boolean]) => {
      if (typeof property === 'boolean') return [name, property];
      const { minimum, maximum, ...field } = property;
      return [
        name,
        {
          ...field,
          ...(minimum !== undefined && minimum > Number.MIN_SAFE_INTEGER ? { minimum } : {}),
          ...(maximum !== undefined && maximum < Number.MAX_SAFE_INTEGER ? { maximum } : {}),
        },
      ];
    }),
  );
  return { ...rest, properties };
}
