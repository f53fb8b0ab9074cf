import { z } from 'zod';

/** The parts of Alexa's request envelope the skill reads; everything else is passed over. */
const application = z.looseObject({ applicationId: z.string() });
const slot = z.looseObject({ name: z.string(), value: z.string().optional() });

export const alexaEnvelopeSchema = z.looseObject({
  version: z.string(),
  session: z
    .looseObject({
      new: z.boolean().optional(),
      sessionId: z.string().min(1).max(300),
      application: application.optional(),
    })
    .optional(),
  context: z.looseObject({ System: z.looseObject({ application: application.optional() }) }).optional(),
  request: z.looseObject({
    type: z.string(),
    requestId: z.string(),
    timestamp: z.string(),
    locale: z.string().optional(),
    reason: z.string().optional(),
    intent: z.looseObject({ name: z.string(), slots: z.record(z.string(), slot).optional() }).optional(),
  }),
});

export type AlexaEnvelope = z.output<typeof alexaEnvelopeSchema>;

/** The skill id the request names: in `context.System` (always sent) and `session` (when there is one); they must agree. */
export function skillIdsOf(envelope: AlexaEnvelope): string[] {
  return [envelope.context?.System.application?.applicationId, envelope.session?.application?.applicationId].filter((id): id is string => id !== undefined);
}

/** The user's words: the catch-all slot (`query`) first, else the first slot that has a value. */
export function utteranceOf(envelope: AlexaEnvelope, slotName = 'query'): string | undefined {
  const slots = envelope.request.intent?.slots ?? {};
  const preferred = slots[slotName]?.value?.trim();
  if (preferred) return preferred;
  return Object.values(slots).map((s) => s.value?.trim()).find((value) => value);
}
