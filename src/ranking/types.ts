import type { RewardType } from './reward-filters.ts';

/** A program as the ranker reads it: every text the catalog has for it, in both languages. */
export interface RankDoc {
  id: number;
  name: string;
  name_en?: string | null;
  description?: string | null;
  description_en?: string | null;
  category_slug?: string | null;
  category_name?: string | null;
  category_name_en?: string | null;
  keywords?: readonly string[] | null;
  /** Reward conditions, when known (program details): "free trial" is read from them. */
  conditions?: string | null;
  reward_type: RewardType;
  reward_amount: number;
}

/** Filters a ranking must honour; none of them reorders what passes. */
export interface RankFilters {
  category?: string;
  rewardType?: RewardType;
  minReward?: number;
  /** Keep only programs whose reward conditions offer a free trial. */
  freeTrial?: boolean;
}

export interface RankedProgram {
  id: number;
  score: number;
}
