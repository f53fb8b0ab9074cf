/** English reply templates: short, plain, honest; names in bold, programs as a numbered list, never a URL. */
import type { LinkOutput } from '../tools/contracts.ts';
import type { ListedProgram } from './tool-outputs.ts';
import type { Replies } from './replies.ts';
import { categoryNames, detailSummary, echo, lineParts, linkPositions } from './replies-format.ts';
import { safeField, safeName } from './sanitize.ts';
import type { CategoryItem, ProgramDetails } from './tool-outputs.ts';
import { englishConditions } from './conditions.ts';

const EXAMPLES = '“an AI that writes code” or “make product images for my shop”';

function programLines(programs: readonly ListedProgram[]): string {
  return programs
    .map((program, index) => {
      const { name, category, summary, reward } = lineParts(program, 'en');
      const head = `${index + 1}. **${name}**${category === undefined ? '' : ` (${category})`}`;
      const tail = reward === undefined ? '' : ` (reward for the operator: ${reward})`;
      return `${head}${summary === undefined ? '' : `: ${summary}`}${tail}${LINK_NOTE[program.link ?? 'none']}`;
    })
    .join('\n');
}

/** Said per program, so nobody looks for a link that is not there yet. */
const LINK_NOTE: Record<NonNullable<ListedProgram['link']> | 'none', string> = {
  ready: ' · link below',
  pending: " · link after the advertiser's review",
  unavailable: ' · no link available',
  none: '',
};

function rewardNote(programs: readonly ListedProgram[]): string {
  return programs.some((program) => program.reward !== undefined) ? '\nRewards are what the operator may earn; they never change the order.' : '';
}

function positions(numbers: readonly number[]): string {
  const marked = numbers.map((n) => `#${n}`);
  return marked.length <= 1 ? marked.join('') : `${marked.slice(0, -1).join(', ')} and ${marked.at(-1)}`;
}

function nextStep(programs: readonly ListedProgram[]): string {
  const count = programs.length;
  const { ready, pending } = linkPositions(programs);
  const lines: string[] = [];
  if (ready.length > 0) lines.push(count === 1 ? 'Its link is below.' : ready.length === count ? 'Their links are below.' : `The links for ${positions(ready)} are below.`);
  if (pending.length > 0) {
    lines.push(
      count === 1 || pending.length === count
        ? `The advertiser${pending.length > 1 ? 's review' : ' reviews'} new partners first, so ${count === 1 ? 'its link comes' : 'the links come'} after that review.`
        : `${positions(pending)}: the advertiser reviews new partners first, so the link comes after that review.`,
    );
  }
  if (ready.length === 0 && pending.length === 0) lines.push(count > 1 ? 'Ask for “details on #2” or “a link for #1” to go further.' : 'Ask for “details” or “the link” if it looks right.');
  else lines.push(count > 1 ? 'Ask for “details on #2” to learn more.' : 'Ask for “details” to learn more.');
  return lines.join(' ');
}

function partnershipLine(program: ProgramDetails): string {
  if (program.partnership === 'approved') return 'Partnership: approved, so a tracked link is available.';
  if (program.partnership === 'pending') return 'Partnership: the advertiser is still reviewing it, so a link may not be ready yet.';
  return 'Partnership: not set up yet; the advertiser has to approve one before a link can be issued.';
}

export const englishReplies: Replies = {
  greeting: () => `Hi! I help you find AI tools and services. Tell me what you'd like to get done, for example ${EXAMPLES}, and I'll suggest a few programs.`,
  help: () =>
    [
      'I can help you find AI tools and services. You can ask me to:',
      `- recommend tools for a task, e.g. ${EXAMPLES}`,
      '- search by how the operator is paid or a minimum reward, e.g. “per-sale programs over ¥3,000”',
      '- tell you more about a result, e.g. “details on #2”',
      '- give you a tracked link, e.g. “a link for #1”',
      '- list the categories I cover',
    ].join('\n'),
  thanks: () => "You're welcome! Ask me any time you need another tool.",
  decline: () => "No problem. If you'd like to look for something else, just tell me what you want to do.",
  unknown: () => `Sorry, I didn't quite get that. What would you like to do? For example, ${EXAMPLES}.`,
  programList: (programs, mode) => {
    const count = programs.length;
    const header =
      mode === 'recommend'
        ? count === 1 ? "Here's a program that fits:" : `Here are ${count} programs that fit:`
        : count === 1 ? "Here's a program that matches:" : `Here are ${count} programs that match:`;
    return `${header}\n${programLines(programs)}${rewardNote(programs)}\n${nextStep(programs)}`;
  },
  moreList: (programs, cheaper) => {
    const count = programs.length;
    const header = `${cheaper ? "The catalog doesn't list prices, so I can't sort by price, but here" : 'Here'} ${count === 1 ? 'is one more program' : `are ${count} more programs`} for the same need:`;
    return `${header}\n${programLines(programs)}${rewardNote(programs)}\n${nextStep(programs)}`;
  },
  noMore: (cheaper) =>
    `${cheaper ? "The catalog doesn't list prices, and I" : 'I'} have no further programs for that need. Tell me more about what you want to do, or ask for the categories to browse.`,
  nameCandidates: (name, programs) =>
    `I couldn't find an exact match for “${echo(name)}”, but these came up:\n${programLines(programs)}\nWhich one do you mean? You can say “details on #1”.`,
  notFoundName: (name) => `I couldn't find a program called “${echo(name)}”. Could you check the spelling, or tell me what you'd like it to do?`,
  noneFound: (categories) => {
    const names = categoryNames(categories, 'en');
    const hint = names.length > 0 ? `These are the categories I cover: ${names.join(', ')}.` : 'You can also ask me to list the categories.';
    return `Sorry, I couldn't find a program that fits that. Could you describe it in other words, for example what you want to get done? ${hint}`;
  },
  categories: (categories: readonly CategoryItem[]) => {
    if (categories.length === 0) return "I couldn't load the categories just now. Tell me what you'd like to do and I'll look for programs.";
    const lines = categories.map((category, index) => {
      const name = categoryNames([category], 'en')[0] ?? category.slug;
      const count = category.programs === undefined ? '' : ` (${category.programs} program${category.programs === 1 ? '' : 's'})`;
      return `${index + 1}. ${name}${count}`;
    });
    return `Here are the categories I cover:\n${lines.join('\n')}\nTell me what you'd like to do, or pick a category.`;
  },
  details: (program) => {
    const { name, category, reward } = lineParts(program, 'en');
    const lines = [`**${name}**${category === undefined ? '' : ` (${category})`}`];
    const summary = detailSummary(program.summary, 'en');
    if (summary !== undefined) lines.push(summary);
    const advertiser = safeField(program.advertiser);
    const conditions = englishConditions(program.conditions);
    if (advertiser !== undefined) lines.push(`- Advertiser: ${advertiser}`);
    if (conditions !== undefined) lines.push(`- Conditions: ${conditions}`);
    if (program.cookie_days !== undefined) lines.push(`- Cookie duration: ${program.cookie_days} days`);
    if (reward !== undefined) lines.push(`- Reward for the operator: ${reward}`);
    lines.push(`- ${partnershipLine(program)}`);
    lines.push(program.partnership === 'approved' ? 'Would you like the link? Just ask for “the link”.' : 'You can still ask for “the link” and I will check.');
    return lines.join('\n');
  },
  link: (link: LinkOutput) => {
    if (link.status === 'ready') return `Here you go: the tracked link for **${title(link.title, link.program_id)}** is attached below.`;
    if (link.status === 'pending')
      return `The advertiser of **${title(link.title, link.program_id)}** reviews partnerships before links are issued, and that review is still pending, so there is no link yet. Please check back later, or I can suggest similar programs.`;
    return "Sorry, a link for this program isn't available right now. I can suggest similar programs instead.";
  },
  toolError: () => 'Sorry, something went wrong while I was looking that up. Please try again in a moment.',
  noList: () => "I don't have a list to pick from yet. What kind of tool are you looking for?",
  outOfRange: (count) => `I only listed ${count} program${count === 1 ? '' : 's'}. Which number did you mean?`,
  whichOne: (action) =>
    action === 'link' ? 'Which one would you like the link for? For example, “a link for #1”.' : 'Which one would you like to know more about? For example, “details on #2”.',
  cannotNow: () => "Sorry, I can't do that right now. Please try again in a moment.",
};

function title(value: string, id: number): string {
  return value === '' ? 'this program' : safeName(value, id);
}
