import { describe, expect, it } from 'vitest';
import { TOOL_NAMES } from '../../../src/core/tools/contracts.ts';
import { createConversation, JAPANESE, URL_PATTERN, type TurnOutcome } from './fixtures.ts';

function expectEnglishReply(outcome: TurnOutcome): void {
  expect(outcome.text.length).toBeGreaterThan(10);
  expect(outcome.text).not.toMatch(URL_PATTERN);
  expect(outcome.text).not.toMatch(JAPANESE);
  expect(outcome.text).not.toMatch(/```|\{"|evil|ignore previous/i);
}

/** A conversation that already holds a recommendation of PixelForge (#1) and ShotStudio (#2). */
async function afterImageList(options: { stream?: boolean } = {}) {
  const chat = createConversation({ lang: 'en', ...options });
  const first = await chat.say('I need something to make product images');
  expect(first.calls.map((call) => call.toolName)).toEqual([TOOL_NAMES.recommend]);
  return chat;
}

describe('offline model in English: single requests', () => {
  it.each([
    ['hi', /help you find AI tools/],
    ['Hello!', /help you find AI tools/],
    ['what can you do?', /recommend tools for a task/],
    ['help', /a link for #1/],
    ['thanks!', /welcome/],
    ['asdfgh', /didn't quite get that/],
  ])('answers %j with text and no tool call', async (message, expected) => {
    const outcome = await createConversation({ lang: 'en' }).say(message);
    expect(outcome.calls).toEqual([]);
    expect(outcome.text).toMatch(expected);
    expectEnglishReply(outcome);
  });

  it('recommends for a coding need, without repeating the injected instruction or its URL', async () => {
    const outcome = await createConversation({ lang: 'en' }).say('I need an AI that writes code');
    expect(outcome.calls).toEqual([{ toolName: TOOL_NAMES.recommend, input: { use_case: 'an AI that writes code', limit: 3 } }]);
    expect(outcome.text).toContain('**CodePilot X**');
    expect(outcome.text).toContain('An AI pair programmer that writes code in your editor.');
    expect(outcome.text).toContain('(reward for the operator: ¥9,800 per sale)');
    expectEnglishReply(outcome);
  });

  it('says per program whether its link is below or comes after the advertiser review', async () => {
    const outcome = await createConversation({ lang: 'en' }).say('I need something to make product images');
    expect(outcome.text).toMatch(/1\. \*\*PixelForge\*\*.* · link below\n2\. \*\*ShotStudio\*\*.* · link after the advertiser's review/);
    expect(outcome.text).toContain("The links for #1 are below. #2: the advertiser reviews new partners first, so the link comes after that review.");
    expect(outcome.text).not.toContain('a link for #1');
    expectEnglishReply(outcome);
  });

  it('a voice answer says the links are in the app, and which come after review', async () => {
    const outcome = await createConversation({ lang: 'en', voice: true }).say('I need something to make product images');
    expect(outcome.text).toBe("I found PixelForge and ShotStudio. The links are in your app. Some links come after the advertiser's review.");
  });

  it('keeps the need in the user words and lists programs in order', async () => {
    const outcome = await createConversation({ lang: 'en' }).say('Hi, could you recommend me a tool to make product images please?');
    expect(outcome.calls[0]?.input).toEqual({ use_case: 'a tool to make product images', limit: 3 });
    expect(outcome.text).toMatch(/1\. \*\*PixelForge\*\*[\s\S]*2\. \*\*ShotStudio\*\*/);
    expect(outcome.text).toMatch(/details on #2/);
    expectEnglishReply(outcome);
  });

  it('lists categories', async () => {
    const outcome = await createConversation({ lang: 'en' }).say('What categories do you have?');
    expect(outcome.calls).toEqual([{ toolName: TOOL_NAMES.categories, input: {} }]);
    expect(outcome.text).toMatch(/AI image generation \(2 programs\)/);
    expectEnglishReply(outcome);
  });

  it.each([
    ['Show me AI writing tools that pay per sale', { query: 'AI writing', reward_type: 'cpa' }],
    ['programs with a reward of at least 5000 yen', { min_reward: 5000 }],
    ['image tools paying per click over ¥3,000', { query: 'image', reward_type: 'cpc', min_reward: 3000 }],
    ['any cpi apps?', { reward_type: 'cpi' }],
    ['ai-code programs', { category: 'ai-code' }],
  ])('searches the catalog with filters for %j', async (message, input) => {
    const outcome = await createConversation({ lang: 'en' }).say(message);
    expect(outcome.calls[0]).toEqual({ toolName: TOOL_NAMES.search, input });
    expectEnglishReply(outcome);
  });

  it('says honestly when nothing fits, after checking the categories once', async () => {
    const outcome = await createConversation({ lang: 'en' }).say('a robot for underwater basket weaving');
    expect(outcome.calls.map((call) => call.toolName)).toEqual([TOOL_NAMES.recommend, TOOL_NAMES.categories]);
    expect(outcome.text).toMatch(/couldn't find a program/);
    expect(outcome.text).toMatch(/AI coding/);
    expectEnglishReply(outcome);
  });

  it('apologises for a tool error without internals', async () => {
    const outcome = await createConversation({ lang: 'en', failing: true }).say('I need an AI that writes code');
    expect(outcome.text).toMatch(/^Sorry, something went wrong/);
    expect(outcome.text).not.toMatch(/503|AgentClick|request id/);
    expectEnglishReply(outcome);
  });

  it('answers in text when the wanted tool is not offered', async () => {
    const outcome = await createConversation({ lang: 'en', only: [TOOL_NAMES.categories] }).say('I need an AI that writes code');
    expect(outcome.calls).toEqual([]);
    expect(outcome.text).toMatch(/can't do that right now/);
  });

  it('asks what the user is looking for when an ordinal has no list', async () => {
    const outcome = await createConversation({ lang: 'en' }).say('tell me more about the first one');
    expect(outcome.calls).toEqual([]);
    expect(outcome.text).toMatch(/don't have a list/);
  });

  it('looks up an unknown name, then gives that program details', async () => {
    const outcome = await createConversation({ lang: 'en' }).say('What about PixelForge?');
    expect(outcome.calls).toEqual([
      { toolName: TOOL_NAMES.search, input: { query: 'PixelForge' } },
      { toolName: TOOL_NAMES.details, input: { program_id: 101 } },
    ]);
    expect(outcome.text).toMatch(/\*\*PixelForge\*\*[\s\S]*Cookie duration: 30 days[\s\S]*Partnership: approved/);
    expectEnglishReply(outcome);
  });

  it('looks up an unknown name for a link request, then gets the link', async () => {
    const outcome = await createConversation({ lang: 'en' }).say('give me the link to BlogLeaf');
    expect(outcome.calls.map((call) => call.toolName)).toEqual([TOOL_NAMES.search, TOOL_NAMES.link]);
    expect(outcome.calls[1]?.input).toEqual({ program_id: 105 });
    expect(outcome.text).toMatch(/tracked link for \*\*BlogLeaf\*\* is attached below/);
    expectEnglishReply(outcome);
  });
});

describe('offline model in English: follow-ups across turns', () => {
  it.each([
    ['tell me more about the second one', TOOL_NAMES.details, 103],
    ['details of the 2nd', TOOL_NAMES.details, 103],
    ['the last one', TOOL_NAMES.details, 103],
    ['link for the first one', TOOL_NAMES.link, 101],
    ['send me a link for #2', TOOL_NAMES.link, 103],
    ['sign up for the second', TOOL_NAMES.link, 103],
    ['give me the link to PixelForge', TOOL_NAMES.link, 101],
    ['what about ShotStudio?', TOOL_NAMES.details, 103],
  ])('%j resolves against the earlier list', async (message, toolName, programId) => {
    const chat = await afterImageList();
    const outcome = await chat.say(message);
    expect(outcome.calls).toEqual([{ toolName, input: { program_id: programId } }]);
    expectEnglishReply(outcome);
  });

  it('gives honest pending and ready link replies and never writes a URL', async () => {
    const chat = await afterImageList();
    const pending = await chat.say('link for #2');
    expect(pending.text).toMatch(/reviews partnerships before links are issued[\s\S]*no link yet/);
    const ready = await chat.say('and the link for the first one');
    expect(ready.text).toBe('Here you go: the tracked link for **PixelForge** is attached below.');
    expectEnglishReply(pending);
    expectEnglishReply(ready);
  });

  it('says "yes" to the offered link after details', async () => {
    const chat = await afterImageList();
    await chat.say('tell me more about the first one');
    const outcome = await chat.say('yes please');
    expect(outcome.calls).toEqual([{ toolName: TOOL_NAMES.link, input: { program_id: 101 } }]);
  });

  it('tells the user when the number is past the end of the list', async () => {
    const chat = await afterImageList();
    const outcome = await chat.say('#5');
    expect(outcome.calls).toEqual([]);
    expect(outcome.text).toMatch(/only listed 2 programs/);
  });

  it('asks which one when a link is requested without a pick', async () => {
    const chat = await afterImageList();
    const outcome = await chat.say('send me the link');
    expect(outcome.calls).toEqual([]);
    expect(outcome.text).toMatch(/Which one would you like the link for/);
  });

  it('streams the answer in several text deltas', async () => {
    const chat = await afterImageList({ stream: true });
    const outcome = await chat.say('tell me more about the first one');
    expect(outcome.calls).toEqual([{ toolName: TOOL_NAMES.details, input: { program_id: 101 } }]);
    expect(outcome.deltas).toBeGreaterThan(5);
    expectEnglishReply(outcome);
  });
});

describe('offline model in English: further options', () => {
  it('"any others?" repeats the latest list\'s call past what was shown, and says so when nothing is left', async () => {
    const chat = await afterImageList();
    const outcome = await chat.say('any others?');
    expect(outcome.calls).toEqual([{ toolName: TOOL_NAMES.recommend, input: { use_case: 'something to make product images', limit: 3, skip: 2 } }]);
    expect(outcome.text).toMatch(/no further programs for that need/);
    expectEnglishReply(outcome);
  });

  it('"any others?" after looking at one program still pages the list; a bare "more" there is more about it', async () => {
    const chat = await afterImageList();
    await chat.say('details on #1');
    const others = await chat.say('any others?');
    expect(others.calls).toEqual([{ toolName: TOOL_NAMES.recommend, input: { use_case: 'something to make product images', limit: 3, skip: 2 } }]);
    const chat2 = await afterImageList();
    const details = await chat2.say('details on #1');
    const more = await chat2.say('more');
    expect(more.calls).toEqual(details.calls);
  });

  it('"other options" with no list yet is a new request, not a follow-up', async () => {
    const outcome = await createConversation({ lang: 'en' }).say('other options');
    const skipped = outcome.calls.filter((call) => typeof call.input === 'object' && call.input !== null && 'skip' in call.input);
    expect(skipped).toEqual([]);
    expect(outcome.text).not.toMatch(/further programs|more programs for the same need/);
  });
});

