import { Writable } from 'node:stream';

/** A log destination that keeps every line, for tests that read what was logged. */
export function captureLines(): { destination: Writable; lines: string[]; text: () => string } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { destination, lines, text: () => lines.join('\n') };
}
