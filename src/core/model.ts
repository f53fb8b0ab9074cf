import { createOpenAI } from '@ai-sdk/openai';
import type { LanguageModel } from 'ai';
import type { Config } from '../config.ts';
import { createOfflineModel } from './offline-model/index.ts';

export interface SelectedModel {
  model: LanguageModel;
  /** What `npm start` prints, so the operator knows which model answers. */
  label: string;
}

/**
 * OpenAI with a key; any OpenAI-compatible server (Ollama, vLLM, llama.cpp) through the Chat
 * Completions API with OPENAI_BASE_URL; otherwise the embedded offline model.
 */
export function selectModel(config: Pick<Config, 'OPENAI_API_KEY' | 'OPENAI_BASE_URL' | 'OPENAI_MODEL'>): SelectedModel {
  if (config.OPENAI_BASE_URL) {
    const provider = createOpenAI({ baseURL: config.OPENAI_BASE_URL, apiKey: config.OPENAI_API_KEY ?? 'not-needed' });
    return { model: provider.chat(config.OPENAI_MODEL), label: `${config.OPENAI_MODEL} (Chat Completions at ${config.OPENAI_BASE_URL})` };
  }
  if (config.OPENAI_API_KEY) {
    const provider = createOpenAI({ apiKey: config.OPENAI_API_KEY });
    return { model: provider(config.OPENAI_MODEL), label: `${config.OPENAI_MODEL} (OpenAI Responses API)` };
  }
  return { model: createOfflineModel({ chunkDelayMs: 12 }), label: 'offline model (templates, no API key needed; set OPENAI_API_KEY for a real LLM)' };
}
