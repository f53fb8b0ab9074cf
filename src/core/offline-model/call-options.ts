/**
 * What the core tells the offline model about a turn, as structured call options
 * (`providerOptions.offline`), instead of the model reading it back out of the prompt's text:
 * the reply language and the channel (a voice channel gets answers written to be spoken).
 */
import type { SharedV4ProviderOptions } from '@ai-sdk/provider';
import { z } from 'zod';
import type { Channel, Locale } from '../types.ts';
import { OFFLINE_PROVIDER } from './provider.ts';

const schema = z.object({
  locale: z.enum(['en', 'ja']).optional(),
  channel: z.string().max(32).optional(),
});

export interface OfflineCallOptions {
  locale?: Locale;
  channel?: Channel | (string & {});
}

/** The offline model's options of a call; anything missing or malformed is simply absent. */
export function offlineOptionsOf(providerOptions: SharedV4ProviderOptions | undefined): OfflineCallOptions {
  const parsed = schema.safeParse(providerOptions?.[OFFLINE_PROVIDER] ?? {});
  return parsed.success ? parsed.data : {};
}

/** The `providerOptions` the core passes on every model call; other providers ignore the `offline` key. */
export function offlineProviderOptions(options: { locale: Locale; channel: Channel }): SharedV4ProviderOptions {
  return { [OFFLINE_PROVIDER]: { locale: options.locale, channel: options.channel } };
}
