/** The offline model: the bot's default when no OpenAI key is configured. */
export { createOfflineModel, OFFLINE_MODEL_ID, OFFLINE_PROVIDER, type OfflineModelOptions } from './model.ts';
