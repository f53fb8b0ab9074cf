/** The offline model's own vocabulary: what it understood and what it decided to do. */
import type { Locale } from '../types.ts';
import type { TOOL_NAMES } from '../tools/contracts.ts';

export type Lang = Locale;
export type ToolName = (typeof TOOL_NAMES)[keyof typeof TOOL_NAMES];
export type RewardType = 'cpa' | 'cpc' | 'cpi';

/** 1-based position in the latest program list, or the last one. */
export type Ordinal = number | 'last';

/** A program the conversation already knows: it appeared in an earlier tool result. */
export interface KnownProgram {
  id: number;
  name: string;
}

/** Which program a details or link request points at. */
export type Target =
  | { kind: 'ordinal'; ordinal: Ordinal }
  | { kind: 'program'; program: KnownProgram }
  /** A name no tool result has shown yet: it has to be looked up first. */
  | { kind: 'name'; name: string }
  /** "it", "that one", or no target at all: the program the conversation is about. */
  | { kind: 'focus' };

export interface SearchFilters {
  query?: string;
  category?: string;
  reward_type?: RewardType;
  min_reward?: number;
}

export type Intent =
  | { kind: 'greeting' | 'help' | 'thanks' | 'unknown' | 'categories' | 'affirm' | 'decline' }
  | { kind: 'link' | 'details'; target: Target }
  | ({ kind: 'search' } & SearchFilters)
  | { kind: 'recommend'; use_case: string; category?: string }
  /** "any others?", 「他には？」: the next options for the latest list's need; `cheaper` asked for a lower price. */
  | { kind: 'more'; cheaper: boolean };

/** One step's output: either a reply or exactly one tool call. */
export type Decision =
  | { type: 'text'; text: string }
  | { type: 'tool-call'; toolName: ToolName; input: Record<string, unknown> };
