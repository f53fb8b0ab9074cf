import type { ConceptMatcher } from './concept-matcher.ts';
import { CONCEPTS, type ConceptId } from './lexicon/concepts.ts';
import type { LanguageLexicon, Medium } from './lexicon/types.ts';
import { parseFilters, type RewardType } from './reward-filters.ts';
import { japaneseWords, latinWords, normalize, stem } from './text.ts';

/** What a request asks for, as the ranker uses it. */
export interface Need {
  /** Capabilities and subjects named, with a weight (a stated direction counts double). */
  concepts: Map<ConceptId, number>;
  /** The opposite direction of what was asked (text → speech asked: speech → text is avoided). */
  avoid: Set<ConceptId>;
  /** What the user already has or does not want: programs mainly about it are pushed down. */
  exclude: Set<ConceptId>;
  /** Content words for the text search: no filler, no request verbs. */
  words: string[];
  rewardType?: RewardType;
  minReward?: number;
  freeTrial: boolean;
  /** A category the user named as such ("in the marketing category", 「マーケ系の」). */
  categoryName?: string;
}

/** Which capability turns one medium into another. */
const CONVERSIONS: Partial<Record<`${Medium}>${Medium}`, ConceptId[]>> = {
  'speech>text': ['transcription'],
  'text>speech': ['tts'],
  'image>text': ['ocr'],
  'text>image': ['imageGeneration'],
  'text>video': ['videoGeneration'],
  'image>video': ['videoGeneration'],
  'video>text': ['transcription', 'subtitles'],
};

/** Needs implied by two things named together: notes of a meeting are its minutes. */
const IMPLIED: Array<{ all: ConceptId[]; any: ConceptId[]; then: ConceptId }> = [
  { all: ['meeting'], any: ['notes', 'summarize', 'transcription', 'writing'], then: 'minutes' },
  { all: ['video'], any: ['translation', 'speech'], then: 'dubbing' },
];

/** A more specific reading replaces a general one: minutes of a call are not a note-taking app. */
const REPLACES: Partial<Record<ConceptId, ConceptId[]>> = {
  minutes: ['notes', 'writing'],
  voiceMemo: ['notes'],
  ocr: ['notes'],
  englishConversation: ['speech'],
  interpretation: ['speech'],
};

/**
 * Neighbouring capabilities: someone who wants a logo may want brand guidelines too. They join the
 * need with a small weight, so they fill the places after the direct matches instead of taking them.
 */
const RELATED: Partial<Record<ConceptId, ConceptId[]>> = {
  logo: ['branding'],
  slides: ['diagram'],
  productPhoto: ['backgroundRemoval', 'photoEditing', 'stockImage'],
  backgroundRemoval: ['photoEditing', 'productPhoto'],
  upscale: ['photoEditing'],
  photoEditing: ['upscale'],
  shortClips: ['subtitles', 'videoEditing'],
  interpretation: ['translation'],
  translationQuality: ['translation'],
  vocabulary: ['languageLearning'],
  englishConversation: ['languageLearning', 'vocabulary'],
  languageLearning: ['englishConversation', 'vocabulary'],
  tts: ['voiceClone', 'audiobook'],
  voiceClone: ['tts'],
  transcription: ['voiceMemo', 'minutes'],
  minutes: ['summarize', 'transcription'],
  songGeneration: ['lyrics', 'bgm'],
  codeReview: ['security', 'bugFix'],
  supportBot: ['replyDraft', 'knowledgeBase'],
  replyDraft: ['supportBot'],
  summarize: ['browserExtension'],
  automation: ['spreadsheet', 'noCode'],
  slideshow: ['videoEditing'],
  seo: ['blog'],
  blog: ['seo'],
};
const RELATED_WEIGHT = 0.3;

export function createUnderstanding(lexicons: readonly LanguageLexicon[], matcher: ConceptMatcher) {
  const tokens = (text: string) => searchWords(text, matcher);

  function directionOf(text: string): ConceptId[] {
    const found: ConceptId[] = [];
    for (const lexicon of lexicons) {
      for (const pattern of lexicon.directions) {
        const groups = pattern.exec(text)?.groups;
        if (!groups?.from || !groups.to) continue;
        const from = mediumOf(lexicon, groups.from);
        const to = mediumOf(lexicon, groups.to);
        if (from && to && from !== to) found.push(...(CONVERSIONS[`${from}>${to}`] ?? []));
      }
    }
    return found;
  }

  function constraints(text: string) {
    const filters = parseFilters(text);
    const freeTrial = lexicons.some((lexicon) => lexicon.freeTrial.test(text));
    let categoryName: string | undefined;
    for (const lexicon of lexicons) {
      const groups = lexicon.categoryPhrase.exec(text)?.groups;
      const name = groups?.name ?? groups?.name2;
      if (name) {
        categoryName = name.trim();
        break;
      }
    }
    return { filters, freeTrial, categoryName };
  }

  return {
    /** `known` tells real words of the catalog from typos, so "questions" is never "corrected". */
    understand(raw: string, known: (word: string) => boolean = () => false): Need {
      const text = normalize(raw);
      const { filters, freeTrial, categoryName } = constraints(text);
      const typed = correctTypos(filters.rest, matcher, known);
      // "I already have X" / 「Xはもうある」: X is left out of the need and pushed down.
      const exclude = new Set<ConceptId>();
      let corrected = typed;
      for (const lexicon of lexicons) {
        for (const pattern of lexicon.negations) {
          corrected = corrected.replace(pattern, (whole, ...rest) => {
            const what = (rest.at(-1) as { what?: string } | undefined)?.what ?? '';
            for (const concept of matcher.match(what).keys()) exclude.add(concept);
            return ' ';
          });
        }
      }
      const concepts = new Map<ConceptId, number>();
      for (const [concept] of matcher.match(corrected)) concepts.set(concept, 1);
      const avoid = new Set<ConceptId>();
      for (const concept of directionOf(corrected)) {
        concepts.set(concept, 2);
        const opposite = (CONCEPTS[concept] as { opposite?: ConceptId }).opposite;
        if (opposite) {
          concepts.delete(opposite);
          avoid.add(opposite);
        }
      }
      for (const [concept] of concepts) {
        const opposite = (CONCEPTS[concept] as { opposite?: ConceptId }).opposite;
        if (opposite && !concepts.has(opposite)) avoid.add(opposite);
      }
      for (const rule of IMPLIED) {
        if (rule.all.every((c) => concepts.has(c)) && rule.any.some((c) => concepts.has(c)) && !concepts.has(rule.then)) concepts.set(rule.then, 1);
      }
      for (const [concept] of [...concepts]) for (const general of REPLACES[concept] ?? []) concepts.delete(general);
      for (const concept of exclude) concepts.delete(concept);
      for (const [concept, weight] of [...concepts]) {
        if (weight < 1) continue;
        for (const neighbour of RELATED[concept] ?? []) if (!concepts.has(neighbour) && !avoid.has(neighbour) && !exclude.has(neighbour)) concepts.set(neighbour, RELATED_WEIGHT);
      }
      return {
        concepts,
        avoid,
        exclude,
        words: [...new Set(tokens(corrected))],
        ...(filters.reward_type ? { rewardType: filters.reward_type } : {}),
        ...(filters.min_reward !== undefined ? { minReward: filters.min_reward } : {}),
        freeTrial,
        ...(categoryName ? { categoryName } : {}),
      };
    },
    tokens,
    matcher,
  };
}

export type Understanding = ReturnType<typeof createUnderstanding>;

function mediumOf(lexicon: LanguageLexicon, phrase: string): Medium | undefined {
  const words = phrase.trim();
  return (Object.keys(lexicon.media) as Medium[]).find((medium) => lexicon.media[medium].test(words) || lexicon.media[medium].test(words.split(/\s+/).at(-1) ?? ''));
}

/** The words a text is searched and indexed by: content words of both scripts, filler removed. */
export function searchWords(text: string, matcher: ConceptMatcher): string[] {
  const latin = latinWords(text).filter((word) => word.length > 1 && !matcher.fillers.has(word) && !/^\d+$/.test(word));
  return [...latin, ...japaneseWords(text.replace(/[a-z0-9]+/gi, ' '), matcher.keepWhole, matcher.fillers)];
}

/**
 * People type fast: a word the lexicon does not know, one edit away from a word it does
 * ("tranlate", "sumarize"), or whose beginning is one edit away from a known beginning
 * ("transcibe" for transcri-), is read as that word. Short words are left alone (too many neighbours).
 */
const candidatesOf = new WeakMap<ConceptMatcher, { byLength: Map<number, string[]>; longPrefixes: string[] }>();

/** Long lexicon words by length, and long prefixes: the only ones a typo is checked against. */
function typoCandidates(matcher: ConceptMatcher) {
  let found = candidatesOf.get(matcher);
  if (!found) {
    const byLength = new Map<number, string[]>();
    for (const word of matcher.vocabulary) if (word.length >= 7) byLength.set(word.length, [...(byLength.get(word.length) ?? []), word]);
    found = { byLength, longPrefixes: [...matcher.prefixes].filter((prefix) => prefix.length >= 7) };
    candidatesOf.set(matcher, found);
  }
  return found;
}

function correctTypos(text: string, matcher: ConceptMatcher, known: (word: string) => boolean): string {
  const { byLength, longPrefixes } = typoCandidates(matcher);
  return text.replace(/[a-z]{7,}/g, (word) => {
    if (matcher.vocabulary.has(word) || matcher.fillers.has(word) || known(stem(word))) return word;
    for (const prefix of matcher.prefixes) if (word.startsWith(prefix)) return word;
    for (const length of [word.length - 1, word.length, word.length + 1]) {
      for (const candidate of byLength.get(length) ?? []) if (withinOneEdit(word, candidate)) return candidate;
    }
    for (const prefix of longPrefixes) {
      for (const cut of [prefix.length - 1, prefix.length, prefix.length + 1]) {
        if (cut < word.length && withinOneEdit(word.slice(0, cut), prefix)) return prefix + word.slice(cut);
      }
    }
    return word;
  });
}

/** One insertion, deletion, substitution or swap of neighbours. */
function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length === b.length) {
    const diff: number[] = [];
    for (let i = 0; i < a.length && diff.length <= 2; i++) if (a[i] !== b[i]) diff.push(i);
    if (diff.length === 1) return true;
    const [i, j] = diff;
    return diff.length === 2 && i !== undefined && j === i + 1 && a[i] === b[j] && a[j] === b[i];
  }
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  return short.slice(i) === long.slice(i + 1);
}
