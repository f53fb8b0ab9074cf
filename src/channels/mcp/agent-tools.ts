import { randomUUID } from 'node:crypto';
import type { Tool } from 'ai';
import { replyDisclosure } from '../../links/disclosure.ts';
import { detectLocale } from '../../core/locale.ts';
import { type ToolDeps, type TurnScope, createTools } from '../../core/tools/index.ts';
import type { LinkOutput, ProgramCard } from '../../core/tools/contracts.ts';
import type { Locale, ProgramCardView, Reward } from '../../core/types.ts';
import type { DetailsOutput, LinkResult, RecommendOutput } from './schemas.ts';

/** A tool failure worth telling the calling agent (its message is safe to show: no internals). */
export class AgentToolError extends Error {
  override readonly name = 'AgentToolError';

  static isInstance(error: unknown): error is AgentToolError {
    return error instanceof Error && error.name === 'AgentToolError';
  }
}

const REWARD_LABEL: Record<Locale, string> = { en: 'Reward for the operator: ', ja: '運営者への報酬: ' };

/** Runs one of the core's tools the way the AI SDK would, outside a model loop. */
async function run<I, O>(tool: Tool<I, O>, input: I): Promise<O> {
  if (!tool.execute) throw new Error('tool has no execute');
  const output = await tool.execute(input, { toolCallId: `mcp-${randomUUID()}`, messages: [], context: {} });
  if (output !== null && typeof output === 'object' && Symbol.asyncIterator in output) throw new Error('streaming tool output is not supported here');
  return output as O;
}

/**
 * The three MCP tools, implemented by the chat's own tools (`createTools`) with a scope whose channel is
 * `mcp`: the same ranking, partnership rules, link store and disclosure as a conversation, and links whose
 * clicks are recorded with context `ai-agent`. Each call is its own short "conversation" (the server is stateless).
 */
export function createAgentTools(deps: ToolDeps) {
  const scopeFor = (locale: Locale): TurnScope => ({ sessionId: `mcp:${randomUUID()}`, channel: 'mcp', locale, issued: [], shown: new Set() });

  /** The structured reward comes from the cached catalog (the tools' cards carry it as text for the model). */
  async function rewardOf(programId: number): Promise<Reward> {
    const listed = await deps.catalog.byId(programId).catch(() => undefined);
    const type = listed?.reward_type;
    return { type: type === 'cpc' || type === 'cpi' ? type : 'cpa', amount: listed?.reward_amount ?? 0, currency: 'JPY' };
  }

  function linkResult(scope: TurnScope, output: LinkOutput): Pick<ProgramCardView, 'availability' | 'link'> & { note?: string } {
    if (output.status !== 'ready') return { availability: output.status, note: output.note };
    const link = scope.issued.find((issued) => issued.id === output.link_id);
    return link ? { availability: 'ready', link } : { availability: 'unavailable', note: 'The link could not be issued.' };
  }

  async function card(program: ProgramCard, scope: TurnScope, tools: ReturnType<typeof createTools>): Promise<ProgramCardView> {
    const [reward, output] = await Promise.all([rewardOf(program.id), run(tools.get_link, { program_id: program.id })]);
    const { note: _note, ...availability } = linkResult(scope, output);
    return {
      programId: program.id,
      name: program.name,
      category: program.category,
      reason: program.summary ?? '',
      reward,
      rewardText: `${REWARD_LABEL[scope.locale]}${program.reward}`,
      ...availability,
    };
  }

  return {
    async recommend({ need, locale, limit }: { need: string; locale?: Locale; limit?: number }): Promise<RecommendOutput> {
      const scope = scopeFor(locale ?? detectLocale(need));
      deps.analytics?.count('mcp', 'turns');
      const tools = createTools(deps, scope);
      const output = await run(tools.recommend_programs, { use_case: need, limit: limit ?? 3 });
      if ('error' in output) throw new AgentToolError(output.error);
      // One after another, so the links are issued in the order of the list.
      const programs: ProgramCardView[] = [];
      for (const program of output.programs) programs.push(await card(program, scope, tools));
      return { locale: scope.locale, programs, disclosure: replyDisclosure(scope.locale) };
    },

    async details({ programId, locale = 'en' }: { programId: number; locale?: Locale }): Promise<DetailsOutput> {
      const scope = scopeFor(locale);
      deps.analytics?.count('mcp', 'turns');
      const output = await run(createTools(deps, scope).program_details, { program_id: programId });
      if ('error' in output) throw new AgentToolError(output.error);
      const { id, name, category, summary, reward: text, advertiser, conditions, cookie_days: cookieDays, partnership } = output.program;
      return {
        program: {
          programId: id,
          name,
          category,
          reason: summary ?? '',
          reward: await rewardOf(id),
          rewardText: `${REWARD_LABEL[locale]}${text}`,
          ...(advertiser ? { advertiser } : {}),
          ...(conditions ? { conditions } : {}),
          ...(cookieDays ? { cookieDays } : {}),
          partnership,
        },
      };
    },

    async link({ programId, locale = 'en' }: { programId: number; locale?: Locale }): Promise<LinkResult> {
      const scope = scopeFor(locale);
      deps.analytics?.count('mcp', 'turns');
      const output = await run(createTools(deps, scope).get_link, { program_id: programId });
      return { programId, ...('title' in output ? { name: output.title } : {}), ...linkResult(scope, output) };
    },
  };
}

export type AgentTools = ReturnType<typeof createAgentTools>;
