/**
 * One step of the tool loop: answer from this turn's tool results if there are any, otherwise act on
 * what the user asked (one tool call, or a reply when no tool is needed).
 */
import { MAX_SKIP, TOOL_NAMES } from '../tools/contracts.ts';
import { answerFromResults } from './answer.ts';
import { endsWithDetails, focusProgram, knownPrograms, latestList, latestListCall } from './history.ts';
import { parseIntent } from './intent.ts';
import type { OfflineCallOptions } from './call-options.ts';
import { detectLanguage } from './language.ts';
import { pick } from './ordinals.ts';
import type { PromptView, ToolResultView } from './prompt-reading.ts';
import { repliesFor } from './replies.ts';
import { spokenReplies } from './replies-voice.ts';
import { callTool, reply as text, type StepContext } from './step.ts';
import type { Decision, Intent, Target } from './types.ts';

/** `options` come from the core (locale, channel); without them the user's own words decide the language. */
export function decide(view: PromptView, tools: ReadonlySet<string>, options: OfflineCallOptions = {}): Decision {
  const lang = options.locale ?? detectLanguage(view.lastUserText);
  const written = repliesFor(lang);
  const step: StepContext = { lang, replies: options.channel === 'voice' ? spokenReplies(written, lang) : written, tools };
  const earlier = view.results.filter((result) => !result.currentTurn);
  const current = view.results.filter((result) => result.currentTurn);
  const intent = parseIntent(view.lastUserText, {
    known: knownPrograms(earlier),
    hasList: latestList(earlier) !== undefined,
    hasFocus: focusProgram(earlier) !== undefined,
  });
  return current.length > 0 ? answerFromResults(intent, current, step) : act(intent, earlier, step);
}

function act(intent: Intent, earlier: readonly ToolResultView[], step: StepContext): Decision {
  const { replies } = step;
  switch (intent.kind) {
    case 'greeting':
      return text(replies.greeting());
    case 'help':
      return text(replies.help());
    case 'thanks':
      return text(replies.thanks());
    case 'decline':
      return text(replies.decline());
    case 'unknown':
      return text(replies.unknown());
    case 'categories':
      return callTool(step, TOOL_NAMES.categories, {});
    case 'recommend':
      return callTool(step, TOOL_NAMES.recommend, { use_case: intent.use_case, ...(intent.category === undefined ? {} : { category: intent.category }), limit: 3 });
    case 'search': {
      const { kind: _kind, ...filters } = intent;
      return callTool(step, TOOL_NAMES.search, filters);
    }
    case 'more': {
      // The same call again, past what was already shown.
      const previous = latestListCall(earlier);
      if (previous === undefined) return text(replies.noList());
      const skip = (typeof previous.input.skip === 'number' ? previous.input.skip : 0) + previous.programs.length;
      if (skip > MAX_SKIP) return text(replies.noMore(intent.cheaper));
      return callTool(step, previous.toolName, { ...previous.input, skip });
    }
    case 'affirm': {
      const focus = focusProgram(earlier);
      return focus !== undefined && endsWithDetails(earlier) ? callTool(step, TOOL_NAMES.link, { program_id: focus.id }) : text(replies.unknown());
    }
    case 'details':
    case 'link':
      return actOnProgram(intent.kind, intent.target, earlier, step);
  }
}

function actOnProgram(action: 'details' | 'link', target: Target, earlier: readonly ToolResultView[], step: StepContext): Decision {
  const toolName = action === 'link' ? TOOL_NAMES.link : TOOL_NAMES.details;
  switch (target.kind) {
    case 'program':
      return callTool(step, toolName, { program_id: target.program.id });
    case 'name':
      return callTool(step, TOOL_NAMES.search, { query: target.name });
    case 'ordinal': {
      const list = latestList(earlier);
      if (list === undefined) return text(step.replies.noList());
      const program = pick(list, target.ordinal);
      return program === undefined ? text(step.replies.outOfRange(list.length)) : callTool(step, toolName, { program_id: program.id });
    }
    case 'focus': {
      const focus = focusProgram(earlier);
      if (focus !== undefined) return callTool(step, toolName, { program_id: focus.id });
      return text(latestList(earlier) === undefined ? step.replies.noList() : step.replies.whichOne(action));
    }
  }
}
