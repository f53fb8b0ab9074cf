import type { ConceptId } from './concepts.ts';

/**
 * What the ranker knows of one language. `concepts` maps a capability to the words people use for
 * it, separated by "|". How a term matches depends on `script`:
 * - latin: whole words after stemming, a phrase as consecutive words; "transcri*" matches any word
 *   starting so; "notes of * call" lets one word stand between.
 * - japanese: a substring of the text; longer terms are matched first and hide the shorter ones
 *   inside them (コード進行 is music, so its コード is not code).
 */
export interface LanguageLexicon {
  code: string;
  script: 'latin' | 'japanese';
  /** Words that never carry the need: request verbs, politeness, "something", "automatically". */
  fillers: readonly string[];
  concepts: Partial<Record<ConceptId, string>>;
  /** Extra words the Japanese segmenter must keep whole (the concept terms are kept whole anyway). */
  words?: readonly string[];
  /** "turn X into Y": patterns with the named groups `from` and `to`, and the words of each medium. */
  directions: readonly RegExp[];
  media: Record<Medium, RegExp>;
  /** "free trial" in a request or in a program's reward conditions. */
  freeTrial: RegExp;
  /** What the user already has or does not want ("I already have X", 「Xはもうある」): the group `what`. */
  negations: readonly RegExp[];
  /** "in the marketing category": the group `name` is the category the user named. */
  categoryPhrase: RegExp;
}

export type Medium = 'speech' | 'text' | 'image' | 'video';
