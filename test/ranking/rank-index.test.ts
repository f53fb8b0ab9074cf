import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRanker } from '../../src/ranking/create-ranker.ts';
import { fuseWithNetwork } from '../../src/ranking/fuse.ts';
import type { RankDoc } from '../../src/ranking/types.ts';

const ranker = createRanker();

function program(id: number, name: string, description_en: string, category_slug: string, reward_amount = 1000, reward_type: RankDoc['reward_type'] = 'cpa'): RankDoc {
  return { id, name, name_en: name, description_en, category_slug, category_name_en: category_slug, reward_type, reward_amount };
}

const small: RankDoc[] = [
  program(1, 'VoiceBridge', 'Transcribes recorded interviews and meetings into searchable text with speaker labels.', 'voice', 500),
  program(2, 'Narrator', 'A text-to-speech service that reads articles and blog posts aloud in natural voices.', 'voice', 9000),
  program(3, 'Paris Planner', 'Plans city trips with maps, museum tickets and restaurant bookings.', 'travel', 3000, 'cpc'),
  program(4, 'Tolk', 'A pocket interpreter: speak in your language and it translates the conversation aloud for the other person.', 'translation', 700),
  program(5, 'Slack Summit', 'Schedules team offsites and books venues.', 'events', 4000),
  program(6, 'GistBot', 'Summarizes long reports and PDFs into a few bullet points.', 'writing', 800, 'cpi'),
];

const ids = (text: string, docs = small, filters = {}) =>
  ranker
    .index(docs)
    .rank(text, filters)
    .map((hit) => hit.id);

describe('ranking a small catalog', () => {
  it('follows the direction: text to speech is not speech to text', () => {
    expect(ids('something that reads my blog out loud')[0]).toBe(2);
    expect(ids('turn my interview recordings into text')[0]).toBe(1);
    expect(ids('ブログを読み上げてほしい')[0]).toBe(2);
  });

  it('an incidental word in a program name does not beat the need', () => {
    // "Paris" names a place, "Slack" a tool the user works with: the needs are interpreting and summarising.
    expect(ids('I need an interpreter for my trip to Paris')[0]).toBe(4);
    expect(ids('give me the gist of the long reports people post in slack')[0]).toBe(6);
  });

  it('filler and request words alone match nothing', () => {
    expect(ids('hi, can you please recommend something good that works automatically')).toEqual(small.map((doc) => doc.id));
    expect(ids('zzzz qqqq')).toEqual([]);
  });

  it('applies filters without reordering what passes', () => {
    const all = ids('reads articles aloud or summarizes reports');
    const cheapOnesOut = ids('reads articles aloud or summarizes reports', small, { minReward: 1000 });
    expect(cheapOnesOut).toEqual(all.filter((id) => (small.find((doc) => doc.id === id)?.reward_amount ?? 0) >= 1000));
    expect(ids('', small, { rewardType: 'cpc' })).toEqual([3]);
  });

  it('reward never ranks: shuffled rewards give the same order', () => {
    const requests = ['reads my blog aloud', 'interpreter for travel', 'summarize reports', '会議の録音を文字起こし'];
    const before = requests.map((text) => ids(text));
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: small.length, maxLength: small.length }), fc.shuffledSubarray(['cpa', 'cpc', 'cpi'] as const, { minLength: 1 }), (amounts, types) => {
        const shuffled = small.map((doc, i) => ({ ...doc, reward_amount: amounts[i] ?? 0, reward_type: types[i % types.length] ?? 'cpa' }));
        expect(requests.map((text) => ids(text, shuffled))).toEqual(before);
      }),
      { numRuns: 40 },
    );
  });
});

describe('fusion with the network', () => {
  const ours = [
    { id: 1, score: 10 },
    { id: 2, score: 9.5 },
    { id: 3, score: 2 },
  ];
  it('lets the network decide a close call', () => {
    expect(fuseWithNetwork(ours, [2, 9], 0.3).slice(0, 2)).toEqual([2, 1]);
  });
  it('does not let the network outvote a clear reading of the need', () => {
    expect(fuseWithNetwork(ours, [3], 0.3)[0]).toBe(1);
  });
  it('keeps a program only the network knows', () => {
    expect(fuseWithNetwork(ours, [42], 0.3)).toContain(42);
  });
});

describe('a request that names a program', () => {
  it('is a lookup of that program alone when nothing else is asked', () => {
    expect(ids('GistBot')).toEqual([6]);
    expect(ids('a link for GistBot please')).toEqual([6]);
    expect(ids('GistBotのリンク')).toEqual([6]);
  });
  it('puts the named program first when a need comes with it', () => {
    expect(ids('is GistBot good for summarizing reports, or something else?')[0]).toBe(6);
  });
});

describe('a request that says what the user already has', () => {
  it('pushes programs mainly about it below the others', () => {
    const ranked = ids('we already have transcription, we need short summaries of the reports');
    expect(ranked[0]).toBe(6);
    expect(ranked.indexOf(1) === -1 || ranked.indexOf(1) > ranked.indexOf(6)).toBe(true);
    expect(ids('anything except translation').at(-1)).toBe(4);
  });
});
