import { randomUUID } from 'node:crypto';
import type { Tool } from 'ai';
import { replyDisclosure } from '../../links/disclosure.ts';
import { rewardDisclosureText } from '../../links/reward-text.ts';
import { detectLocale } from '../../core/locale.ts';
import { type ToolDeps, type TurnScope, createTools } from '../../core/tools/index.ts';
import type { LinkOutput } from '../../core/tools/contracts.ts';
import type { Locale, ProgramCardView, Reward } from '../../core/types.ts';
import type { DetailsOutput, LinkResult, RecommendOutput } from './schemas.ts';

/** A tool failure worth telling the calling agent (its message is safe to show: no internals). */
export class AgentToolError extends Error {
  override readonly name = 'AgentToolError';

  static isInstance(error: unknown): error is AgentToolError {
    return error instanceof Error && error.name === 'AgentToolError';
  }
}

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

  function linkResult(scope: TurnScope, output: LinkOutput): Pick<ProgramCardView, 'availability' | 'link'> & { note?: string } {
    if (output.status !== 'ready') return { availability: output.status, note: output.note };
    const link = scope.issued.find((issued) => issued.id === output.link_id);
    return link ? { availability: 'ready', link } : { availability: 'unavailable', note: 'The link could not be issued.' };
  }

  return {
    async recommend({ need, locale, limit }: { need: string; locale?: Locale; limit?: number }): Promise<RecommendOutput> {
      const scope = scopeFor(locale ?? detectLocale(need));
      deps.analytics?.count('mcp', 'turns');
      const tools = createTools(deps, scope);
      const output = await run(tools.recommend_programs, { use_case: need, limit: limit ?? 3 });
      if ('error' in output) throw new AgentToolError(output.error);
      // The list tool built the cards (links issued for approved partnerships, the rest applied for), as in a chat.
      return { locale: scope.locale, programs: scope.cards ?? [], disclosure: replyDisclosure(scope.locale) };
    },

    async details({ programId, locale = 'en' }: { programId: number; locale?: Locale }): Promise<DetailsOutput> {
      const scope = scopeFor(locale);
      deps.analytics?.count('mcp', 'turns');
      const output = await run(createTools(deps, scope).program_details, { program_id: programId });
      if ('error' in output) throw new AgentToolError(output.error);
      const { id, name, category, summary, reward, advertiser, conditions, cookie_days: cookieDays, partnership } = output.program;
      return {
        program: {
          programId: id,
          name,
          category,
          reason: summary ?? '',
          reward,
          rewardText: rewardDisclosureText(reward, locale),
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
