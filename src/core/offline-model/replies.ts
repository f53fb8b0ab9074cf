/** Every reply the offline model can write, in one interface with an English and a Japanese implementation. */
import type { LinkOutput } from '../tools/contracts.ts';
import type { ListedProgram } from './tool-outputs.ts';
import { englishReplies } from './replies-en.ts';
import { japaneseReplies } from './replies-ja.ts';
import type { CategoryItem, ProgramDetails } from './tool-outputs.ts';
import type { Lang } from './types.ts';

export interface Replies {
  greeting(): string;
  help(): string;
  thanks(): string;
  /** "no thanks": nothing to do, the door stays open. */
  decline(): string;
  unknown(): string;
  programList(programs: readonly ListedProgram[], mode: 'recommend' | 'search'): string;
  /** Further options for the same need; `cheaper`: the user asked for a lower price, which the catalog does not give. */
  moreList(programs: readonly ListedProgram[], cheaper: boolean): string;
  noMore(cheaper: boolean): string;
  /** A name lookup found programs, but not one clear match. */
  nameCandidates(name: string, programs: readonly ListedProgram[]): string;
  notFoundName(name: string): string;
  noneFound(categories: readonly CategoryItem[]): string;
  categories(categories: readonly CategoryItem[]): string;
  details(program: ProgramDetails): string;
  link(link: LinkOutput): string;
  toolError(): string;
  noList(): string;
  outOfRange(count: number): string;
  whichOne(action: 'link' | 'details'): string;
  cannotNow(): string;
}

export function repliesFor(lang: Lang): Replies {
  return lang === 'ja' ? japaneseReplies : englishReplies;
}
