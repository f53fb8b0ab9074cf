import { z } from 'zod';

/**
 * The part of LINE's webhook body the bot reads (Messaging API reference, "Webhook event objects").
 * Unknown event and message types pass (LINE adds new ones); what the bot acts on is checked strictly.
 */
const source = z.discriminatedUnion('type', [
  z.object({ type: z.literal('user'), userId: z.string().min(1).max(64) }),
  z.object({ type: z.literal('group'), groupId: z.string().min(1).max(64), userId: z.string().max(64).optional() }),
  z.object({ type: z.literal('room'), roomId: z.string().min(1).max(64), userId: z.string().max(64).optional() }),
]);

const mentionee = z.object({
  index: z.number().int().min(0),
  length: z.number().int().min(0),
  type: z.string().optional(),
  userId: z.string().optional(),
  /** True for a mention of this bot. */
  isSelf: z.boolean().optional(),
});

const message = z.looseObject({
  id: z.string(),
  type: z.string(),
  text: z.string().max(10_000).optional(),
  mention: z.object({ mentionees: z.array(mentionee).max(100) }).optional(),
});

export const lineEvent = z.looseObject({
  type: z.string(),
  /** "standby": another module owns the chat; the bot must not answer. */
  mode: z.enum(['active', 'standby']).optional(),
  timestamp: z.number().int(),
  source: source.optional(),
  webhookEventId: z.string().min(1).max(64),
  deliveryContext: z.object({ isRedelivery: z.boolean() }).optional(),
  replyToken: z.string().max(128).optional(),
  message: message.optional(),
});

export const webhookBody = z.object({
  destination: z.string().max(64),
  events: z.array(lineEvent).max(100),
});

export type LineEvent = z.infer<typeof lineEvent>;
export type LineSource = z.infer<typeof source>;
export type WebhookBody = z.infer<typeof webhookBody>;

/** The chat a reply or push goes to: the user in a 1:1 chat, else the group or room. */
export function chatIdOf(source: LineSource): string {
  return source.type === 'user' ? source.userId : source.type === 'group' ? source.groupId : source.roomId;
}
