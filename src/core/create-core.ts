import { type LanguageModel, type ModelMessage, type TelemetryOptions, isStepCount, streamText } from 'ai';
import { replyDisclosure } from '../links/disclosure.ts';
import type { Analytics } from '../analytics/counters.ts';
import type { Log } from '../log.ts';
import type { History } from './history.ts';
import { createStreamingGuard, guardText } from './link-guard.ts';
import { detectLocale } from './locale.ts';
import type { Prompts } from './prompts.ts';
import { type ToolDeps, type TurnScope, createTools } from './tools/index.ts';
import type { IssuedLink, Locale, TurnEvent, TurnInput, TurnResult } from './types.ts';
import { activeToolsAfter } from './tools/answering-tools.ts';
import { offlineProviderOptions } from './offline-model/call-options.ts';
import { suggestionsFor } from './suggestions.ts';

export interface CoreOptions {
  model: LanguageModel;
  history: History;
  prompts: Prompts;
  tools: ToolDeps;
  log: Log;
  publicBaseUrl: string;
  analytics?: Analytics;
  /** Tool calls and turn durations, for metrics. */
  observe?: { toolCall(tool: string): void; turnTimer(channel: TurnInput['channel']): () => void };
  /** Upper bound on model calls per turn (tool calls plus the answer). */
  maxSteps?: number;
  /** Longest message accepted from a user, in characters. */
  maxInputChars?: number;
  /** AI SDK telemetry of each turn (used when tracing registered its integration): name, and whether content is recorded. */
  telemetry?: TelemetryOptions;
}

const APOLOGY: Record<Locale, string> = {
  en: 'Sorry, something went wrong on my side. Please try again in a moment.',
  ja: '申し訳ありません、処理中に問題が発生しました。少し時間をおいてもう一度お試しください。',
};
const NOTHING_TO_SAY: Record<Locale, string> = {
  en: 'I could not put an answer together. Could you say a little more about what you need?',
  ja: 'うまくお答えできませんでした。どんなことにAIを使いたいか、もう少し詳しく教えてください。',
};

/**
 * The conversation core every channel calls: history in, the AI SDK tool loop, the link guard on
 * everything the model writes, links and their disclosure out, history saved.
 */
export function createCore({ model, history, prompts, tools, log, publicBaseUrl, analytics, observe, maxSteps = 5, maxInputChars = 2_000, telemetry }: CoreOptions) {
  const linkUrl = (id: string) => `${publicBaseUrl}/r/${id}`;

  async function* streamTurn(input: TurnInput, abortSignal?: AbortSignal): AsyncGenerator<TurnEvent> {
    const text = input.text.trim().slice(0, maxInputChars);
    analytics?.count(input.channel, 'turns');
    const endTimer = observe?.turnTimer(input.channel);
    const state = await history.load(input.channel, input.sessionId);
    const locale = detectLocale(text, state.locale, input.locale);
    const scope: TurnScope = { sessionId: input.sessionId, channel: input.channel, locale, issued: [], shown: new Set(), cards: [] };
    const allowed = new Set(state.linkIds.map(linkUrl));
    const guard = createStreamingGuard(allowed);
    let reply = '';
    const emit = (delta: string): TurnEvent[] => {
      if (!delta) return [];
      reply += delta;
      return [{ type: 'text', delta }];
    };

    let responseMessages: ModelMessage[] = [];
    try {
      const result = streamText({
        model,
        instructions: prompts.instructions(input.channel, locale),
        messages: [...state.messages, { role: 'user', content: text }],
        tools: createTools(tools, scope),
        // Language and channel as structured options for the offline model (other providers ignore them).
        providerOptions: offlineProviderOptions({ locale, channel: input.channel }),
        stopWhen: isStepCount(maxSteps),
        prepareStep: ({ steps }) => {
          const activeTools = activeToolsAfter(steps);
          return activeTools ? { activeTools } : undefined;
        },
        abortSignal,
        telemetry,
        // Errors arrive as stream parts and are handled below; this only keeps them out of the console.
        onError: ({ error }) => log.debug({ err: error }, 'model stream error'),
      });
      for await (const part of result.stream) {
        if (part.type === 'text-delta') yield* emit(guard.push(part.text));
        else if (part.type === 'tool-call') observe?.toolCall(part.toolName);
        else if (part.type === 'tool-result') for (const link of turnLinks(scope)) allowed.add(link.url);
        else if (part.type === 'error') throw part.error;
      }
      yield* emit(guard.flush());
      responseMessages = await result.responseMessages;
    } catch (error) {
      log.error({ err: error, channel: input.channel }, 'turn failed');
      const apology = APOLOGY[locale];
      yield* emit(reply ? `\n\n${apology}` : apology);
      endTimer?.();
      yield { type: 'done', result: { sessionId: input.sessionId, reply: reply.trim(), links: [], locale, recommended: [], cards: [], suggestions: [] } };
      return;
    }

    if (!reply.trim()) yield* emit(NOTHING_TO_SAY[locale]);
    const links = turnLinks(scope);
    if (links.length > 0) {
      yield* emit(`\n\n${replyDisclosure(locale)}`);
      yield { type: 'links', links };
    }

    await history.save(input.channel, input.sessionId, {
      messages: [...state.messages, { role: 'user', content: text }, ...guardAssistantText(responseMessages, allowed)],
      locale,
      linkIds: [...state.linkIds, ...links.map((link) => link.id)],
      updatedAt: Date.now(),
    });
    endTimer?.();
    const cards = focusedCards(scope);
    const result: TurnResult = { sessionId: input.sessionId, reply: reply.trim(), links, locale, recommended: [...scope.shown], cards, suggestions: suggestionsFor(cards, locale) };
    yield { type: 'done', result };
  }

  async function handleTurn(input: TurnInput, abortSignal?: AbortSignal): Promise<TurnResult> {
    for await (const event of streamTurn(input, abortSignal)) if (event.type === 'done') return event.result;
    throw new Error('turn ended without a result');
  }

  return {
    streamTurn,
    handleTurn,
    resetSession: (channel: TurnInput['channel'], sessionId: string) => history.reset(channel, sessionId),
  };
}

/** The listed programs, or only the one the answer turned to (its details or link were asked for after the list). */
function focusedCards(scope: TurnScope) {
  const cards = scope.cards ?? [];
  return scope.focus === undefined ? cards : cards.filter((card) => card.programId === scope.focus);
}

/** The turn's links: those of the listed programs first, in list order, then any other `get_link` issued. */
function turnLinks(scope: TurnScope): IssuedLink[] {
  const fromCards = focusedCards(scope).flatMap((card) => (card.link ? [card.link] : []));
  return [...fromCards, ...scope.issued.filter((link) => !fromCards.includes(link))];
}

/** What the model wrote is stored as the user saw it: guarded, so a removed URL never comes back through history. */
function guardAssistantText(messages: ModelMessage[], allowed: ReadonlySet<string>): ModelMessage[] {
  return messages.map((message) => {
    if (message.role !== 'assistant') return message;
    if (typeof message.content === 'string') return { ...message, content: guardText(message.content, allowed) };
    return { ...message, content: message.content.map((part) => (part.type === 'text' ? { ...part, text: guardText(part.text, allowed) } : part)) };
  });
}

export type Core = ReturnType<typeof createCore>;
