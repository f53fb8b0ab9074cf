import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

function folders(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => [`${dir}/${entry.name}`, ...folders(`${dir}/${entry.name}`)]);
}

/** The README's Layout block, so a newcomer's map of the tree cannot drift from the tree. */
function layoutBlock(): string {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Layout'));
  return section.slice(section.indexOf('```') + 3, section.indexOf('```', section.indexOf('```') + 3));
}

describe('README Layout', () => {
  it('names every folder under src/, bench/, eval/ and test/', () => {
    const block = layoutBlock();
    const missing = ['src', 'bench', 'eval', 'test']
      .flatMap((top) => folders(top))
      .filter((folder) => !block.includes(`${folder.split('/').at(-1)}/`));
    expect(missing).toEqual([]);
  });

  it('names no folder that is not there', () => {
    const block = layoutBlock();
    const existing = new Set(['src', 'bench', 'eval', 'test', 'prompts'].flatMap((top) => [top, ...folders(top)]).map((folder) => folder.split('/').at(-1)));
    // Folder names in the block: a word ending in "/" at the start of a line, or in test/'s list.
    const named = [...block.matchAll(/(?:^|[\s(,])([a-z][a-z-]*)\/(?=[\s,):;]|$)/gm)].map((match) => match[1] as string);
    expect(named.filter((name) => !existing.has(name))).toEqual([]);
  });
});
