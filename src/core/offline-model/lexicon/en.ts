import { END, type Lexicon } from './types.ts';

const ORDINAL_WORDS: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10 };
const NUMBER_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };
const positive = (value: number) => (Number.isInteger(value) && value > 0 ? value : undefined);

/** English: how people greet, ask, pick from a list and fill a request with words that are not the need. */
export const en: Lexicon = {
  lang: 'en',
  cues: {
    greeting: new RegExp(String.raw`^(?:/start|hi|hello|hey|hiya|howdy|yo|good (?:morning|afternoon|evening)|greetings)(?:\s*(?:there|bot|everyone))?${END}$`, 'i'),
    greetingPrefix: /^(?:hi|hello|hey|good (?:morning|afternoon|evening))(?:\s+there)?[\s,!！.。、]+(?=\S)/i,
    help: new RegExp(String.raw`^(?:/help|help|help me|\?+|what can you do|what do you do|how does (?:this|it) work|how do i use (?:this|you)|who are you|what are you|what is this)${END}$`, 'i'),
    thanks: /^(?:(?:ok(?:ay)?|great|perfect|awesome|cool|nice)[\s,!]*)?(?:thanks|thank you|thx|ty|cheers|much appreciated)(?:\s+(?:so much|a lot|very much))?[\s!.]*$/i,
    affirm: /^(?:yes|yeah|yep|yup|sure|ok(?:ay)?|please|yes please|sure thing|go ahead|do it|sounds good)[\s!！.。]*$/i,
    decline: /^(?:no|nope|nah|not really|no thanks|no thank you|not now|never ?mind)[\s!！.。]*$/i,
    categories: /\b(?:categor(?:y|ies)|genres?|what (?:kinds?|types?|sorts?) of (?:tools|programs|services|things|ai)|what do you (?:have|offer|cover))\b/i,
    link: /\b(?:links?|url|urls)\b|\bsign(?:\s+me)?\s*-?up\b|\bsubscribe\b|\bregister\b|\bhow (?:do|can) i (?:get|buy|join|try)\b|\bi(?:'d| would)? (?:like|want) to (?:buy|try|join|sign up|subscribe)\b|\bi want it\b|\bwhere (?:do|can) i (?:get|buy)\b/i,
    details: /\b(?:tell me more|tell me (?:more )?about|more (?:about|info|information|details)|details?|detailed|what about|how about|what is|what's|whats|info(?:rmation)? (?:on|about)|explain|describe|learn more)\b/i,
    pronoun: /\b(?:it|that one|this one|that|this)\b/i,
    more: /^(?:(?:any|some|got any|show me|give me|what about|how about|are there|do you have)\s+)?(?:more|others?|other (?:ones|options|programs|tools)|another(?: one| option)?|something else|anything else|alternatives?|cheaper(?: ones?| options?| alternatives?)?|less expensive ones?|similar ones|different ones)(?:\s+(?:ones|options|programs|tools|please|pls))?[\s?!.]*$/i,
    cheaper: /cheap|less expensive/i,
  },
  fillers: (
    'a an the and or of for in on to with by from that which who what whats is are there any some only ' +
    'show list find give get me i we you my our want need looking look search please can could would do does have has ' +
    'program programs tool tools app apps service services offer offers option options one ones something thing things ' +
    'pay pays paying payout reward rewards commission commissions earn earns per yen jpy also just really'
  ).split(' '),
  requestPrefixes: [
    /^(?:hi|hello|hey)\b[\s,!.]*/i,
    /^(?:please|pls|ok|okay|so|well)\b[\s,]*/i,
    /^(?:can|could|would|will) you\s+(?:please\s+)?(?:recommend|suggest|find|show|give|get|tell)(?:\s+me)?\s+/i,
    /^(?:can|could|would|will) you\s+(?:please\s+)?help me(?:\s+(?:find|with|to))?\s+/i,
    /^(?:i'?m|i am|we'?re|we are)\s+(?:looking|searching)\s+for\s+/i,
    /^(?:i|we)\s+(?:really\s+)?(?:need|want|would like|'d like|am after)\s+(?:to\s+(?:find\s+)?)?/i,
    /^(?:do you (?:know|have)(?: of)?|is there|are there|got)\s+/i,
    /^(?:recommend|suggest|find|show)(?:\s+me)?\s+/i,
    /^(?:some|any)\s+(?=\S)/i,
  ],
  requestSuffix: /[\s,]*(?:please|pls|thanks|thank you)?[\s?.!]*$/i,
  ordinals: [
    [/\b(\d{1,2})(?:st|nd|rd|th)\b/i, (m) => positive(Number(m[1]))],
    [new RegExp(`\\b(?:number|no\\.?|option|item|program|choice)\\s*(\\d{1,2}|${Object.keys(NUMBER_WORDS).join('|')})\\b`, 'i'), (m) => positive(Number(m[1])) ?? NUMBER_WORDS[(m[1] ?? '').toLowerCase()]],
    [new RegExp(`\\b(${Object.keys(ORDINAL_WORDS).join('|')})\\b`, 'i'), (m) => ORDINAL_WORDS[(m[1] ?? '').toLowerCase()]],
    [/\b(?:the\s+)?top\s+one\b/i, () => 1],
    [/\b(?:the\s+)?(?:last|final|bottom)(?:\s+one)?\b/i, () => 'last'],
  ],
  categories: {
    'ai-chatbot': 'AI chatbots',
    'ai-image': 'AI image generation',
    'ai-code': 'AI coding',
    'ai-writing': 'AI writing',
    'ai-video': 'AI video',
    'ai-voice': 'AI voice & speech',
    'ai-translation': 'AI translation',
    'ai-marketing': 'AI marketing',
    'ai-productivity': 'AI productivity',
    'ai-data': 'AI data & analytics',
    'ai-education': 'AI education',
    'ai-devtools': 'AI developer tools',
    'ai-music': 'AI music',
    'ai-design': 'AI design',
  },
};
