import { afterEach, describe, expect, it } from 'vitest';
import { type RunningBot, startBot } from '../helpers/bot-harness.ts';
import { lastToolResult, scriptedModel } from '../helpers/scripted-model.ts';

let running: RunningBot | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

describe('handleTurn with a scripted model', () => {
  it('after a step that listed programs, offers only the details and link tools; after an empty list, all five', async () => {
    const model = scriptedModel([
      { tool: 'recommend_programs', input: { use_case: 'generate product images' } },
      { tool: 'get_link', input: { program_id: 42 } },
      { text: 'Here it is.' },
      { tool: 'search_catalog', input: { query: 'zzzz-qqqq-xxxx' } },
      { text: 'Nothing found.' },
    ]);
    running = await startBot({ model });
    const toolNames = (call: number) => (model.doStreamCalls[call]?.tools ?? []).map((tool) => tool.name).sort();
    const all = ['get_link', 'list_categories', 'program_details', 'recommend_programs', 'search_catalog'];
    const first = await running.bot.core.handleTurn({ channel: 'web', sessionId: 'tools-per-step', text: 'product images, and the link for FlyerKit' });
    expect(first.links).toHaveLength(1);
    expect(toolNames(0)).toEqual(all);
    expect(toolNames(1)).toEqual(['get_link', 'program_details']);
    expect(toolNames(2)).toEqual(all);
    await running.bot.core.handleTurn({ channel: 'web', sessionId: 'tools-per-step', text: 'find zzzz' });
    expect(toolNames(4)).toEqual(all);
  });

  it('recommends, issues a tracked link with its disclosure, and keeps history', async () => {
    const model = scriptedModel([
      { tool: 'recommend_programs', input: { use_case: 'generate product images' } },
      {
        text: (options) => {
          const result = lastToolResult(options) as { programs: Array<{ id: number; name: string }> };
          return `Try **${result.programs[0]?.name}** (#${result.programs[0]?.id}).`;
        },
      },
      { tool: 'get_link', input: { program_id: 42 } },
      { text: 'Here is the link below.' },
    ]);
    running = await startBot({ model });
    const { core } = running.bot;
    const first = await core.handleTurn({ channel: 'web', sessionId: 'session-1', text: 'I need an AI that generates product images' });
    expect(first.locale).toBe('en');
    expect(first.reply).toMatch(/^Try \*\*.+\*\* \(#\d+\)\.$/);
    expect(first.links).toEqual([]);

    const second = await core.handleTurn({ channel: 'web', sessionId: 'session-1', text: 'give me the link' });
    expect(second.links).toHaveLength(1);
    const link = second.links[0];
    expect(link?.url).toBe(`${running.url}/r/${link?.id}`);
    expect(link?.disclosure).toMatch(/^Ad · /);
    expect(second.reply).toContain('Ad: these are affiliate links');
    // The second turn's first model call saw the first turn in its history.
    const prompt = model.doStreamCalls[2]?.prompt ?? [];
    expect(JSON.stringify(prompt)).toContain('I need an AI that generates product images');
    const calls = prompt.flatMap((m) => (m.role === 'assistant' ? m.content.filter((p) => p.type === 'tool-call').map((p) => p.toolName) : []));
    const results = prompt.flatMap((m) => (m.role === 'tool' ? m.content.map((p) => p.type) : []));
    expect(calls).toEqual(['recommend_programs']);
    expect(results).toEqual(['tool-result']);
  });

  it('answers in Japanese with the 【PR】 disclosure', async () => {
    const model = scriptedModel([{ tool: 'get_link', input: { program_id: 42 } }, { text: 'リンクはこちらです。' }]);
    running = await startBot({ model });
    const result = await running.bot.core.handleTurn({ channel: 'web', sessionId: 'session-ja', text: '42番のリンクをください' });
    expect(result.locale).toBe('ja');
    expect(result.links[0]?.disclosure).toMatch(/^【PR】/);
    expect(result.reply).toContain('【PR】');
    expect(model.doStreamCalls[0]?.prompt[0]).toMatchObject({ role: 'system' });
    expect(JSON.stringify(model.doStreamCalls[0]?.prompt[0])).toContain('User language: ja');
  });

  it('the link guard removes every URL the model writes except links issued in this conversation', async () => {
    let issued = '';
    const model = scriptedModel([
      { tool: 'get_link', input: { program_id: 42 } },
      {
        text: (options) => {
          const result = lastToolResult(options) as { link_id: string };
          issued = `${running?.url}/r/${result.link_id}`;
          return `Open ${issued} or [this deal](https://evil.example/buy?x=1) or www.evil.example/a or evil.com, and see <https://phish.example>. `;
        },
      },
    ]);
    running = await startBot({ model });
    const events: string[] = [];
    let reply = '';
    for await (const event of running.bot.core.streamTurn({ channel: 'web', sessionId: 'guard-1', text: 'link please' })) {
      if (event.type === 'text') events.push(event.delta);
      if (event.type === 'done') reply = event.result.reply;
    }
    expect(reply).toContain(issued);
    expect(reply).toContain('this deal');
    expect(reply).not.toMatch(/evil|phish/);
    expect(events.join('')).toBe(reply);
    // A link id from another conversation is not allowed here.
    const other = scriptedModel([{ text: `Old link: ${issued} ok` }]);
    await running.close();
    running = await startBot({ model: other });
    const stranger = await running.bot.core.handleTurn({ channel: 'web', sessionId: 'guard-2', text: 'hi' });
    expect(stranger.reply).not.toContain('/r/');
  });

  it('a failing model becomes a short apology, never a stack trace', async () => {
    running = await startBot({ model: scriptedModel([{ error: 'upstream exploded at /srv/secret/path.ts:12' }]) });
    const result = await running.bot.core.handleTurn({ channel: 'web', sessionId: 'err-1', text: 'hello' });
    expect(result.reply).toBe('Sorry, something went wrong on my side. Please try again in a moment.');
    expect(result.reply).not.toContain('exploded');
  });

  it('a pending partnership is reported honestly and no link is issued', async () => {
    running = await startBot({ model: scriptedModel([{ tool: 'get_link', input: { program_id: 0 } }, { text: 'x' }]) });
    const programs = running.sandbox.agentclick.catalog.programs;
    const reviewed = programs.find((program) => !program.auto_approve);
    if (!reviewed) throw new Error('the seed needs a reviewed program');
    let seen: unknown;
    const model = scriptedModel([
      { tool: 'get_link', input: { program_id: reviewed.id } },
      {
        text: (options) => {
          seen = lastToolResult(options);
          return 'The advertiser reviews partners first.';
        },
      },
    ]);
    await running.close();
    running = await startBot({ model });
    const result = await running.bot.core.handleTurn({ channel: 'web', sessionId: 'pending-1', text: 'link for it' });
    expect(seen).toMatchObject({ status: 'pending', program_id: reviewed.id });
    expect(result.links).toEqual([]);
  });
});
