import { createConceptMatcher } from './concept-matcher.ts';
import { LEXICONS, type LanguageLexicon } from './lexicon/index.ts';
import { createRankIndex } from './rank-index.ts';
import type { RankDoc, RankFilters, RankedProgram } from './types.ts';
import { createUnderstanding } from './understand.ts';

/**
 * The ranker without I/O: understands a request and ranks a catalog by it. Building the index reads
 * every program once; ranking is then a few lookups per request.
 */
export function createRanker(lexicons: readonly LanguageLexicon[] = LEXICONS) {
  const matcher = createConceptMatcher(lexicons);
  const understanding = createUnderstanding(lexicons, matcher);
  return {
    understand: understanding.understand,
    matcher,
    /** Whether reward conditions offer a free trial, in any language we read. */
    offersFreeTrial: (conditions: string) => lexicons.some((lexicon) => lexicon.freeTrial.test(conditions)),
    index(docs: readonly RankDoc[]) {
      const index = createRankIndex(docs, understanding);
      const understand = (text: string) => understanding.understand(text, index.knows);
      return {
        size: index.size,
        /** The request read against this catalog's words (typos corrected toward words it knows). */
        understand,
        /** The text's need ranked; filters from the text join the explicit ones (explicit ones win). Pass `need` when already read. */
        rank(text: string, filters: RankFilters = {}, need = understand(text)): RankedProgram[] {
          return index.rank(need, text, {
            ...(need.rewardType ? { rewardType: need.rewardType } : {}),
            ...(need.minReward !== undefined ? { minReward: need.minReward } : {}),
            ...filters,
          });
        },
      };
    },
  };
}

export type Ranker = ReturnType<typeof createRanker>;
