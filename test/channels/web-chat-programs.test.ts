import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningBot, startBot } from '../helpers/bot-harness.ts';
import { everyTurnModel, lastToolResult } from '../helpers/scripted-model.ts';

// The model lists what recommend_programs returned, and writes the ids it saw into its reply, so the
// test can compare them with the response's `programs` field without knowing how the tool ranks.
let running: RunningBot;
beforeAll(async () => {
  running = await startBot({
    model: everyTurnModel(
      { tool: 'recommend_programs', input: { use_case: 'meeting minutes transcription', limit: 3 } },
      { text: (options) => `ids ${JSON.stringify((lastToolResult(options) as { programs?: Array<{ id: number }> }).programs?.map((p) => p.id) ?? [])}` },
    ),
  });
});
afterAll(() => running.close());

const chat = async (message: string) => {
  const response = await fetch(`${running.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message }) });
  expect(response.status).toBe(200);
  return (await response.json()) as { reply: string; programs: number[] };
};

describe('POST /api/chat programs', () => {
  it('carries the listed program ids in the order of the answer', async () => {
    const body = await chat('notes of my meetings please');
    const seen = JSON.parse(/ids (\[.*\])/.exec(body.reply)?.[1] ?? 'null') as number[];
    expect(seen).toHaveLength(3);
    expect(body.programs).toEqual(seen);
  });
});
