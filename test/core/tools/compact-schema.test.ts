import { describe, expect, it } from 'vitest';
import { toolSchemas } from '../../../src/core/tools/contracts.ts';

describe('tool input schemas as sent to the model', () => {
  it('drop the $schema URL and the safe-integer bounds, and keep the bounds that mean something', () => {
    const search = JSON.stringify(toolSchemas.search.jsonSchema);
    expect(search).not.toContain('$schema');
    expect(search).not.toContain(String(Number.MAX_SAFE_INTEGER));
    expect(toolSchemas.search.jsonSchema).toMatchObject({
      type: 'object',
      additionalProperties: false,
      properties: { limit: { type: 'integer', minimum: 1, maximum: 10 }, min_reward: { type: 'integer', minimum: 0 } },
    });
    expect(toolSchemas.link.jsonSchema).toMatchObject({ required: ['program_id'], properties: { program_id: { type: 'integer', exclusiveMinimum: 0 } } });
  });

  it('still validate input with the full zod schema', async () => {
    const validate = toolSchemas.link.validate;
    if (!validate) throw new Error('no validator');
    expect(await validate({ program_id: 42 })).toMatchObject({ success: true, value: { program_id: 42 } });
    for (const bad of [{ program_id: -1 }, { program_id: 1.5 }, { program_id: Number.MAX_SAFE_INTEGER + 2 }, {}]) {
      expect((await validate(bad)).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
