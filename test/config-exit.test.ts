import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** Every command stops on a bad variable with one line that names it, and exit code 1, before doing anything. */
describe('a bad configuration', () => {
  for (const entry of ['src/start.ts', 'src/chat.ts', 'src/outbox-cli.ts']) {
    it(`${entry} prints one line naming the variable and exits 1`, () => {
      const run = spawnSync(process.execPath, [entry], {
        env: { PATH: process.env.PATH ?? '', PORT: 'not-a-port', DATA_DIR: '/nonexistent-never-created' },
        encoding: 'utf8',
        input: '',
        timeout: 60_000,
      });
      expect(run.status).toBe(1);
      const lines = run.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^Invalid configuration: PORT: /);
      expect(run.stdout).toBe('');
    });
  }
});
