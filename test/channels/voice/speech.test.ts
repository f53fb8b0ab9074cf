import { describe, expect, it } from 'vitest';
import { plainSpeech, speechLength, toSpeakable } from '../../../src/channels/voice/speech.ts';
import { escapeSsml, toSsml } from '../../../src/channels/voice/ssml.ts';
import { answerFromTurn, speechOf, ssmlOf } from '../../../src/channels/voice/voice-answer.ts';
import type { IssuedLink } from '../../../src/core/types.ts';
import { replyDisclosure } from '../../../src/links/disclosure.ts';
import { MESSY_EN, MESSY_JA, expectWellFormedSsml } from './voice-bot.ts';

const link: IssuedLink = { id: 'abc', programId: 42, title: 'Program 42', url: 'http://bot.test/r/abc', disclosure: 'Ad' };
const EN_DISCLOSURE = 'This answer includes ads; the operator may earn a commission.';
const JA_DISCLOSURE = 'この回答には広告が含まれます。運営者が報酬を得る場合があります。';

describe('speech', () => {
  it('strips Markdown, code, URLs, HTML and emoji, keeps at most three options as one sentence', () => {
    const plain = plainSpeech(MESSY_EN, 'en');
    expect(plain).not.toMatch(/https?:|www\.|evil\.example|\*|`|🎨|<b>|console\.log/);
    expect(plain).toContain('Program 42');
    expect(plain).toContain('Third tool');
    expect(plain).not.toContain('Fourth tool');
    expect(plain.startsWith('Here are four great picks for product images: Program 42')).toBe(true);
    expect(plain).toContain('Open the site or for more.');
  });

  it('shortens to two sentences and the word budget, cutting an over-long first sentence', () => {
    const short = toSpeakable('One two three. Four five six. Seven eight nine.', 'en');
    expect(short).toBe('One two three. Four five six.');
    const long = toSpeakable(`${'word '.repeat(60)}end.`, 'en', { maxWords: 20 });
    expect(speechLength(long, 'en')).toBeLessThanOrEqual(20);
    expect(long.endsWith('.')).toBe(true);
  });

  it('Japanese: characters as the budget, no spaces between sentences', () => {
    const spoken = toSpeakable(MESSY_JA, 'ja');
    expect(spoken).not.toMatch(/https?:|evil|\*|🎉/);
    expect(spoken).toContain('商品画像メーカー');
    expect(speechLength(spoken, 'ja')).toBeLessThanOrEqual(110);
  });

  it('escapes the five XML specials and wraps in <speak> with xml:lang', () => {
    expect(escapeSsml(`Tom & Jerry's <"best">`)).toBe('Tom &amp; Jerry&apos;s &lt;&quot;best&quot;&gt;');
    const ssml = toSsml(['A & B', 'C < D'], { xmlLang: 'en-GB' });
    expect(ssml).toBe('<speak version="1.1" xmlns="http://www.w3.org/2001/10/synthesis" xml:lang="en-GB">A &amp; B<break strength="medium"/>C &lt; D</speak>');
    expect(toSsml(['hi'])).toBe('<speak>hi</speak>');
    expect(escapeSsml('a\u0000b\u0007c')).toBe('abc');
  });
});

describe('voice answers', () => {
  it('speaks the disclosure first when links exist, replaces the written one, puts links only in the card', () => {
    const answer = answerFromTurn({ reply: `${MESSY_EN}\n\n${replyDisclosure('en')}`, links: [link], locale: 'en' });
    const speech = speechOf(answer);
    expect(speech.startsWith(EN_DISCLOSURE)).toBe(true);
    expect(speech).not.toContain('Ad:');
    expect(speech).not.toMatch(/https?:|\/r\//);
    expect(speechLength(speech, 'en')).toBeLessThanOrEqual(40);
    expect(answer.card).toMatchObject({ title: 'Links (ads)', links: [link] });
    expect(answer.card?.text).toContain('Program 42: http://bot.test/r/abc');
    expect(answer.card?.text).toContain(replyDisclosure('en'));
    expectWellFormedSsml(ssmlOf(answer, { xmlLang: 'en-US' }));
  });

  it('speaks the disclosure when programs are recommended without a link, not for small talk or errors', () => {
    expect(speechOf(answerFromTurn({ reply: 'I recommend Program 42, it fits well.', links: [], locale: 'en' })).startsWith(EN_DISCLOSURE)).toBe(true);
    expect(speechOf(answerFromTurn({ reply: 'Hello! What would you like to do?', links: [], locale: 'en' }))).toBe('Hello! What would you like to do?');
    expect(speechOf(answerFromTurn({ reply: 'Sorry, something went wrong. Please try again in a moment.', links: [], locale: 'en' }))).not.toContain('ads');
    expect(speechOf(answerFromTurn({ reply: 'おすすめは画像メーカーです。', links: [], locale: 'ja' })).startsWith(JA_DISCLOSURE)).toBe(true);
  });

  it('an answer with nothing speakable left still says something', () => {
    expect(speechOf(answerFromTurn({ reply: 'https://evil.example', links: [link], locale: 'en' }))).toContain('I sent the links to your app.');
  });
});
