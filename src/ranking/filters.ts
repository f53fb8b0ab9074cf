import type { RankDoc, RankFilters } from './types.ts';

/** Whether a program passes the filters of a ranking (filters never reorder what passes). */
export function passesFilters(doc: Pick<RankDoc, 'category_slug' | 'reward_type' | 'reward_amount'>, filters: RankFilters): boolean {
  return (
    (filters.category === undefined || doc.category_slug === filters.category) &&
    (filters.rewardType === undefined || doc.reward_type === filters.rewardType) &&
    (filters.minReward === undefined || doc.reward_amount >= filters.minReward)
  );
}
