import { tool } from 'ai';
import { type CategoriesOutput, type ToolErrorOutput, toolSchemas } from './contracts.ts';
import type { ToolDeps, TurnScope } from './deps.ts';

/** `list_categories`: the catalog's categories with their slugs, for filters. */
export function listCategoriesTool(deps: ToolDeps, scope: TurnScope) {
  return tool({
    description: 'List the categories of AI tools in the catalog, with the slug to use as a filter.',
    inputSchema: toolSchemas.categories,
    execute: async (): Promise<CategoriesOutput | ToolErrorOutput> => {
      try {
        const categories = await deps.catalog.categories();
        return {
          categories: categories.map((category) => ({
            slug: category.slug,
            name: (scope.locale === 'en' ? category.name_en : category.name) ?? category.name,
            ...(category.program_count ? { programs: category.program_count } : {}),
          })),
        };
      } catch (error) {
        deps.log.warn({ err: error }, 'categories unavailable');
        return { error: 'The category list is unavailable right now.' };
      }
    },
  });
}
