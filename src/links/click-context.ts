import type { Channel } from '../core/types.ts';

/** The `context` sent with `agent.track_click`: the network's own names for where a click came from (DESIGN §4). */
const CONTEXTS: Record<Channel, string> = {
  web: 'chatbot',
  telegram: 'chatbot',
  voice: 'voice-assistant',
  line: 'line-bot',
  mcp: 'ai-agent',
};

export function clickContext(channel: Channel): string {
  return CONTEXTS[channel];
}
