/**
 * Parses the user's latest message into one intent. Both languages' phrasings are always tried,
 * since people mix them; the order below decides which reading wins.
 */
import { slugIn } from './categories.ts';
import { AFFIRM, CATEGORIES, CHEAPER, DECLINE, DETAILS, GREETING, HELP, LINK, MORE, PRONOUN, THANKS, isGibberish, withoutCue, withoutGreeting } from './cues.ts';
import { parseFilters } from '../../ranking/reward-filters.ts';
import { extractName, findKnownProgram } from './names.ts';
import { findOrdinal } from './ordinals.ts';
import { searchQuery, useCase } from './query.ts';
import type { Intent, KnownProgram, Target } from './types.ts';

export interface IntentContext {
  /** Programs earlier tool results named. */
  known: readonly KnownProgram[];
  /** Whether an earlier list exists for ordinals to point into. */
  hasList: boolean;
  /** Whether one program is in focus ("it", "the link"). */
  hasFocus: boolean;
}

const JAPANESE = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u;

const DETAILS_ONLY = /^(?:(?:more )?details?|(?:tell me )?more|more info(?:rmation)?|詳細|詳しく|くわしく|もっと詳しく)(?:\s*(?:please|pls))?[\s?？!！.。]*(?:を?(?:教えて|お願いします|ください))?[\s?？!！.。]*$/i;
const PICK_FILLER = new Set(
  'the a an one ones and or what about how option number no program item please pls ok okay then so that this is it me for to of on give send get show i want can you more'.split(' '),
);

/** Short messages ("the second one", 「2つ目は？」) may point at a program without a cue word. */
function isShort(text: string): boolean {
  return JAPANESE.test(text) ? Array.from(text).length <= 16 : text.split(/\s+/).length <= 6;
}

/** True when, without the words that named the program, only filler is left ("the second one?", 「2つ目は？」). */
function isBare(text: string, named: string): boolean {
  const rest = text
    .replace(named, ' ')
    .replace(/[\p{Script=Hiragana}\p{P}\p{S}ー]+/gu, ' ')
    .split(/\s+/)
    .filter((word) => word !== '' && !PICK_FILLER.has(word.toLowerCase()));
  return rest.length === 0;
}

export function parseIntent(input: string, context: IntentContext): Intent {
  const text = input.normalize('NFKC').replace(/\s+/g, ' ').trim();
  if (text === '') return { kind: 'unknown' };
  if (GREETING.test(text)) return { kind: 'greeting' };
  if (HELP.test(text)) return { kind: 'help' };
  if (THANKS.test(text)) return { kind: 'thanks' };

  const body = withoutGreeting(text);
  const short = isShort(body);
  const wantsLink = LINK.test(body);
  const wantsDetails = DETAILS.test(body);
  const target = findTarget(body, context, wantsLink || wantsDetails);

  if (wantsLink) {
    if (target !== undefined) return { kind: 'link', target };
    if (context.hasFocus || short) return { kind: 'link', target: { kind: 'focus' } };
  }
  if (target !== undefined) return { kind: 'details', target };
  // "any others?" after a list means further options, also after looking at one of them; a bare "more"
  // right after one program's details means more about it.
  if (context.hasList && MORE.test(body) && !(context.hasFocus && DETAILS_ONLY.test(body))) return { kind: 'more', cheaper: CHEAPER.test(body) };
  if (short && ((wantsDetails && context.hasFocus && PRONOUN.test(body)) || DETAILS_ONLY.test(body))) {
    return { kind: 'details', target: { kind: 'focus' } };
  }
  if (AFFIRM.test(body)) return { kind: 'affirm' };
  if (DECLINE.test(body)) return { kind: 'decline' };

  const category = slugIn(body);
  if (CATEGORIES.test(body) && category === undefined) return { kind: 'categories' };

  const filters = parseFilters(body);
  if (filters.reward_type !== undefined || filters.min_reward !== undefined || category !== undefined) {
    const query = searchQuery(category === undefined ? filters.rest : filters.rest.replace(new RegExp(category, 'ig'), ' '));
    return {
      kind: 'search',
      ...(query === undefined ? {} : { query }),
      ...(category === undefined ? {} : { category }),
      ...(filters.reward_type === undefined ? {} : { reward_type: filters.reward_type }),
      ...(filters.min_reward === undefined ? {} : { min_reward: filters.min_reward }),
    };
  }
  if (isGibberish(body)) return { kind: 'unknown' };
  return { kind: 'recommend', use_case: useCase(body) };
}

/** A program the message points at: a name already shown, a position in the list, or a new name to look up. */
function findTarget(body: string, context: IntentContext, cued: boolean): Target | undefined {
  const short = isShort(body);
  const program = findKnownProgram(body, context.known);
  if (program !== undefined && (cued || isBare(body, nameIn(body, program.name)))) return { kind: 'program', program };
  const ordinal = findOrdinal(body);
  // Ordinals count when the message is about picking one ("link for the 2nd"); with no list, a long message is a new request.
  if (ordinal !== undefined && ((cued && (short || context.hasList)) || isBare(withoutCues(body), ordinal.matched))) return { kind: 'ordinal', ordinal: ordinal.ordinal };
  if (cued) {
    const name = extractName(body);
    if (name !== undefined) return { kind: 'name', name };
  }
  return undefined;
}

function withoutCues(text: string): string {
  return withoutCue(withoutCue(text, LINK), DETAILS);
}

/** The span of the text that spelled a known name (case- and width-insensitive), for `isBare`. */
function nameIn(text: string, name: string): string {
  const index = text.toLowerCase().indexOf(name.normalize('NFKC').toLowerCase());
  return index < 0 ? name : text.slice(index, index + name.length);
}
