/**
 * The capabilities and subjects people ask for, independent of language. Each language file names
 * the words that mean them (en.ts, ja.ts); a third language is one more file of the same shape.
 *
 * - need: a capability ("transcribe", "translate"): what decides the ranking;
 * - object: what the capability works on or produces ("logo", "resume");
 * - context: who or where ("hotel", "YouTube", "kids"): a tie-breaker, never the need itself.
 * `opposite` names the same capability in the other direction (text → speech vs speech → text):
 * a program that only does the opposite of what was asked is pushed down.
 */
export type ConceptKind = 'need' | 'object' | 'context';

export interface ConceptInfo {
  kind: ConceptKind;
  opposite?: string;
}

const need: ConceptInfo = { kind: 'need' };
const object: ConceptInfo = { kind: 'object' };
const context: ConceptInfo = { kind: 'context' };

export const CONCEPTS = {
  // voice and speech
  transcription: { kind: 'need', opposite: 'tts' },
  minutes: need,
  tts: { kind: 'need', opposite: 'transcription' },
  voiceClone: need,
  voiceChanger: need,
  noiseRemoval: need,
  audioEditing: need,
  podcast: object,
  callCenter: need,
  announcement: need,
  subtitles: need,
  audiobook: object,
  voiceMemo: need,
  speech: context,
  medical: context,
  medicalRecords: need,
  diary: need,
  meeting: context,
  // translation
  translation: need,
  interpretation: need,
  localization: need,
  translationQuality: need,
  legal: context,
  academic: context,
  menuSign: object,
  travel: context,
  foreigners: context,
  // images
  imageGeneration: { kind: 'need', opposite: 'ocr' },
  image: context,
  illustration: object,
  productPhoto: object,
  backgroundRemoval: need,
  character: object,
  logo: object,
  upscale: need,
  photoEditing: need,
  headshot: object,
  stockImage: object,
  architecture: object,
  realEstate: context,
  virtualStaging: need,
  fashion: context,
  gameAsset: object,
  manga: object,
  // video
  videoGeneration: need,
  video: context,
  shortClips: need,
  videoEditing: need,
  avatar: object,
  dubbing: need,
  screenRecording: object,
  storyboard: object,
  styleTransfer: need,
  wedding: context,
  slideshow: object,
  broll: object,
  videoAd: object,
  youtube: context,
  channelGrowth: need,
  // writing
  writing: context,
  blog: object,
  proofreading: need,
  emailWriting: need,
  email: context,
  fiction: object,
  pressRelease: object,
  copywriting: need,
  resume: object,
  thesis: object,
  manual: object,
  paraphrase: need,
  summarize: need,
  // code
  coding: need,
  codeReview: need,
  testing: need,
  noCode: need,
  sql: object,
  spreadsheet: object,
  codeDocs: need,
  frontend: need,
  legacy: object,
  shell: object,
  security: need,
  bugFix: need,
  // chatbots
  supportBot: need,
  chatbot: object,
  assistant: need,
  companion: need,
  line: context,
  teamChat: context,
  booking: object,
  knowledgeBase: need,
  replyDraft: need,
  leadGen: need,
  hr: object,
  modelCompare: need,
  elderly: context,
  rolePlay: need,
  hotel: context,
  // marketing
  marketing: need,
  seo: need,
  ads: object,
  socialMedia: object,
  emailMarketing: need,
  localSeo: need,
  landingPage: object,
  competitor: need,
  marketResearch: need,
  influencer: need,
  salesEmail: need,
  // productivity
  calendar: need,
  tasks: need,
  notes: need,
  inbox: need,
  browserExtension: object,
  automation: need,
  ocr: { kind: 'need', opposite: 'imageGeneration' },
  expenses: need,
  contractReview: need,
  meals: need,
  briefing: need,
  // data
  dashboard: need,
  forecasting: need,
  dataCleansing: need,
  textMining: need,
  churn: need,
  machineLearning: need,
  scraping: need,
  anomaly: need,
  finance: context,
  kpiReport: need,
  dataAnalysis: need,
  // education
  englishConversation: need,
  languageLearning: need,
  homework: need,
  learnProgramming: need,
  quizMaker: need,
  examPrep: need,
  training: need,
  japaneseLearning: need,
  vocabulary: need,
  kids: context,
  readingSkills: need,
  essayFeedback: need,
  lectures: object,
  // developer tools and infrastructure
  gpu: need,
  llmApi: need,
  vectorDb: need,
  observability: need,
  hosting: need,
  fineTuning: need,
  labeling: need,
  evals: need,
  onPrem: need,
  edge: need,
  agents: need,
  // music
  songGeneration: need,
  bgm: need,
  stems: need,
  mastering: need,
  chords: need,
  soundEffects: need,
  lyrics: need,
  sheetMusic: need,
  jingle: need,
  singing: need,
  music: context,
  // design
  design: context,
  slides: need,
  uiDesign: need,
  flyer: need,
  branding: need,
  diagram: need,
  thumbnail: need,
  icon: need,
  website: need,
  siteBuilder: need,
  packaging: need,
  businessCard: need,
  designReview: need,
} as const satisfies Record<string, ConceptInfo>;

export type ConceptId = keyof typeof CONCEPTS;

export function conceptInfo(id: ConceptId): ConceptInfo {
  return CONCEPTS[id];
}

/** Weight of a matched concept in a ranking: the capability counts most. */
export const KIND_WEIGHT: Record<ConceptKind, number> = { need: 3, object: 2, context: 0.75 };
