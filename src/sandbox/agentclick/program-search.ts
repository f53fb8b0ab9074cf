import { createTextIndex } from '../../shared/text-index.ts';
import type { SandboxProgram } from '../catalog.ts';

/** The sandbox's relevance search for `agent.recommend` and `keyword` filters: the kind of tool (category) weighs most. */
export function createProgramSearch(programs: readonly SandboxProgram[]) {
  return createTextIndex(
    programs,
    { name: 2, name_en: 2, keywords: 2, category_name: 3, category_name_en: 3, description: 1, description_en: 1 },
    (program, field) => {
      const value = program[field];
      return Array.isArray(value) ? value.join(' ') : String(value);
    },
  );
}

export type ProgramSearch = ReturnType<typeof createProgramSearch>;
