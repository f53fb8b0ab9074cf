import { type VoiceAnswer, ssmlOf } from '../voice-answer.ts';

/** Alexa's response envelope (the subset this skill sends). */
export interface AlexaResponse {
  version: '1.0';
  response: {
    outputSpeech?: { type: 'SSML'; ssml: string };
    reprompt?: { outputSpeech: { type: 'SSML'; ssml: string } };
    card?: { type: 'Simple'; title: string; content: string };
    shouldEndSession?: boolean;
  };
}

const speech = (answer: VoiceAnswer) => ({ type: 'SSML' as const, ssml: ssmlOf(answer) });

/**
 * Speech as SSML (bare `<speak>`: the skill's locale chooses the voice), the links in a Simple card
 * (titles and URLs as text, shown in the Alexa app), and whether the microphone stays open.
 */
export function alexaResponse(answer: VoiceAnswer, { endSession, reprompt }: { endSession: boolean; reprompt?: VoiceAnswer }): AlexaResponse {
  return {
    version: '1.0',
    response: {
      outputSpeech: speech(answer),
      ...(answer.card ? { card: { type: 'Simple' as const, title: answer.card.title, content: answer.card.text } } : {}),
      ...(reprompt && !endSession ? { reprompt: { outputSpeech: speech(reprompt) } } : {}),
      shouldEndSession: endSession,
    },
  };
}

/** What Alexa expects after SessionEndedRequest: nothing to say. */
export const emptyAlexaResponse = (): AlexaResponse => ({ version: '1.0', response: {} });
