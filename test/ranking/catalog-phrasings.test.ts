import { describe, expect, it } from 'vitest';
import { createRanker } from '../../src/ranking/create-ranker.ts';
import { seedCategories, seedPrograms } from '../../src/sandbox/seed/catalog-data.ts';

/**
 * Everyday phrasings of the catalog's capabilities, in English and Japanese, against the sandbox
 * catalog as the bot reads it (names, descriptions and categories; no keywords). Each request
 * describes the situation or the outcome, not the tool: the right program must be in the top three.
 */
const categories = new Map(seedCategories.map((category) => [category.slug, category]));
const docs = seedPrograms.map((program, i) => ({
  id: i + 1,
  name: program.name,
  name_en: program.name_en,
  description: program.description,
  description_en: program.description_en,
  category_slug: program.category,
  category_name: categories.get(program.category)?.name,
  category_name_en: categories.get(program.category)?.name_en,
  reward_type: 'cpa' as const,
  reward_amount: 1000,
}));
const ranker = createRanker();
const index = ranker.index(docs);
const top3 = (text: string) => index.rank(text).slice(0, 3).map((hit) => docs[hit.id - 1]?.name_en);

const cases: Record<string, string[]> = {
  CleanSheet: ['the same company is spelled five ways in our crm', 'our customer list has the same person three times', '顧客リストの表記がバラバラで困ってる', '同じ会社が何回も登録されてる'],
  'StepMail AI': ['keep emailing customers automatically after they buy', 'send a series of follow-up emails to new subscribers', '購入後のお客さんに自動でメールを送り続けたい'],
  HookWriter: ["can't think of a tagline for my new product", 'キャッチコピーが思いつかない'],
  UtaGen: ['make a birthday song for my friend', '誕生日の歌を作りたい'],
  DemandSight: ['how much bread should we bake tomorrow', '明日の仕込み量を予測したい', '食品ロスを減らしたい'],
  ClearLift: ['make old blurry family photos sharp again', '昔の写真をきれいにしたい'],
  StockMuse: ['photos for my blog i can use commercially', 'ブログに使えるフリー素材の画像'],
  KarteVoice: ['doctors typing charts takes too long', 'カルテ入力を楽にしたい'],
  ScrapeMate: ['pull prices from a website into a spreadsheet', 'サイトから価格を集めたい', '求人情報を定期的に集めたい'],
  KidsQuest: ['a reading game for my 8 year old', '小学生の子どもの読解力を伸ばしたい'],
  JinjiBot: ['how many vacation days do i have left', '有給の残りを社員が聞いてくる'],
  MemoVox: ['capture ideas while driving', '歩きながら音声でメモしたい'],
  Tsuzuri: ['write my diary by talking', '話すだけで日記を書きたい'],
  StemSplit: ['i want to play along to a song without the guitar', '曲からボーカルを抜きたい'],
  Opinia: ['what are customers complaining about in thousands of reviews', 'what do people say about our product online', 'レビューから改善点を見つけたい'],
  DocuAsk: ['new hires keep asking it about company rules', '社内のルールをすぐ調べられるようにしたい'],
  FlowRelay: ['stop copying data between apps by hand', 'when a form is submitted add a row to the sheet and ping slack', '手作業のコピペをなくしたい'],
  SiteSketch: ['make a homepage for my small business', '制作会社に頼まずにホームページを作りたい'],
  TubeRank: ['get more subscribers on youtube', 'YouTubeの登録者を増やしたい', '動画のタイトルを考えてほしい'],
  TestWeaver: ['our legacy code has no tests', 'テストカバレッジを上げたい'],
  GlobaSite: ['sell abroad through my online store', '越境ECを始めたい'],
  'Code Dojo': ['want to become a web developer while working full-time', '未経験からエンジニアに転職したい'],
  Tracely: ['track token costs of our chatbot', 'LLMのコストを見える化したい'],
  BrandCompass: ["we're rebranding", '会社のブランドイメージを統一したい'],
  AppBlocks: ['daily report app for our factory without outsourcing', '日報アプリを自分で作りたい'],
  PressCraft: ['we launch a product next week and need to tell the media', '新商品の発表文を作りたい'],
  TabGenie: ['too many tabs to read', 'YouTube動画の内容を要約したい'],
  Specscribe: ['nobody updates our docs', '引き継ぎ資料がいつも古い'],
  'EvalKit Cloud': ["make sure the chatbot answers don't get worse after a prompt change", '生成AIの品質保証をしたい'],
  VocaCoach: ['i sing off key', '音痴を治したい'],
  ThesisNote: ["writing my master's thesis", '参考文献の書き方がわからない'],
  ClearMic: ['people hear my kids in the background on calls', '在宅勤務で周りの音が入る'],
  InfluMatch: ['fake followers worry me when picking creators', 'インフルエンサーマーケティングを始めたい'],
  Digestly: ['too much to read before the meeting', 'summarize a 50 page pdf'],
  CareerPen: ['entry sheet for job hunting', 'ESの書き方がわからない'],
  'SecureLLM Box': ["our bank can't use cloud ai", '社外にデータを出さずに生成AIを使いたい'],
  'TechWrite Studio': ['only one person knows how to do this task', '属人化した業務を手順書にしたい'],
  AnnounceBox: ['emergency guidance in english and chinese at the station', '駅のアナウンスを多言語で'],
  CaptionBridge: ['accessibility for hard of hearing attendees', 'live captions for deaf students', '聴覚障害のある学生の支援'],
  AskGraph: ['the boss wants to see sales by region without waiting for analysts', '売上を地域別に見たい'],
  ManaBee: ['my son doesn’t get his science homework', '中学生の息子が理科の問題で困ってる'],
  KoeStudio: ['need a voice for my e-learning videos', '原稿を読み上げてくれる音声'],
};

/** Abbreviations, polite Japanese, second uses of a program and needs told by their situation. */
const situations: Record<string, string[]> = {
  DreamReel: ['MVを作りたい', 'CMの映像をAIで作りたい', '写真を動かしたい'],
  Sonifx: ['SEで使う音がほしい', 'sound of footsteps for my game'],
  TalkBridge: ['外国のお客様とお話ししたいです', '店頭で外国人のお客さんに対応したい', 'translate without internet on my phone', 'ネットがないところでも通訳できるアプリってある？'],
  MailTone: ['my texts to customers sound rude', 'need to chase an unpaid invoice politely'],
  'BGM Factory': ['i need lofi beats for studying streams'],
  'Mimamori Talk': ['mom lives far away and i worry she forgets to eat', '離れて暮らす祖母が心配'],
  ManaBee: ["i don't get calculus"],
  ScoreScan: ['transcribe a melody into notes'],
  PersonaLab: ['what do our customers want', 'find out if our new idea will sell'],
  ClearLift: ["digitize my grandparents' photo albums", 'アルバムの写真をデジタル化してきれいにしたいんだけど'],
  MemoVox: ['hands-free memo while cooking', '料理中に声でメモを残したい'],
  InfluMatch: ['コスメのPRをしてくれる人を探したい', 'detect fake followers'],
  NihongoPal: ['i want to get better at speaking japanese at work', '職場で使う日本語を練習したい外国人スタッフ'],
  PressCraft: ['pitch to journalists'],
  KikiTori: ['議事録を作成していただけるツールはございますか', '取材の録音を文字にしたいです'],
  FlyerKit: ['チラシ作りを手伝っていただきたいです'],
  SiteSketch: ['generate the whole site for my salon', '個人事業のホームページを作りたい'],
  GlobaSite: ['make my website available in english and chinese'],
  PromptGate: ['OpenAIが落ちた時に別のモデルに切り替えたい', 'we need a fallback when one llm provider goes down'],
  GPUPort: ['学習用の計算資源が足りない'],
  Opinia: ['口コミを分類したい'],
  ReportScribe: ['広告の数字を毎週まとめるのが面倒', 'report for every client every week'],
  'SpeakUp Tutor': ['英語をしゃべれるようになりたいんだけど恥ずかしい'],
  Critica: ['is our text readable for people with low vision'],
};

/** People name the tool they know ("an Otter alternative"), or type kana for kanji on a phone. */
const namedTools: Record<string, string[]> = {
  KikiTori: ['otter alternative for meeting notes', 'ぎじろくを自動で作りたい'],
  KoeStudio: ['elevenlabs alternative'],
  TalkBridge: ['ポケトークみたいなアプリ'],
  FormulaBuddy: ['スプシで使える数式を作って'],
  'Suiko Pro': ['grammarly for japanese'],
  PixelForge: ['midjourney for anime characters'],
  LexTrans: ['deepl for contracts'],
  EditDrop: ['capcut for reels'],
  ShotStudio: ['メルカリの出品写真をきれいにしたい', 'need my shopify product pics on nicer backgrounds'],
};

/** The catalog's own jargon, as a user who knows the trade types it. */
const jargon: Record<string, string[]> = {
  TermGuard: ['translation memory and glossary for our agency', '翻訳の表記ゆれをチェックしたい', '用語管理'],
  'Tsunagu Translate': ['社内チャットを自動翻訳したい', 'translate slack messages for foreign coworkers'],
  VecStore: ['embedding', 'ベクターデータベース'],
  ClearMic: ['ノイズキャンセリング'],
  VulnShield: ['SAST for our repos'],
  TimeWeave: ['タイムブロッキング'],
  IconFoundry: ['favicon'],
  ShellSage: ['エラーメッセージの意味を知りたい'],
};

/** Found by a second set written after the lexicon work, before these terms were added. */
const later: Record<string, string[]> = {
  Opinia: ['customers in our ec shop leave bad reviews, what are the themes'],
  RollGenie: ['動画の背景素材が足りない'],
  KoeStudio: ['ブログ記事を音声で配信したい'],
  VoiceTwin: ['自分の話し方をAIに覚えさせて代わりに話させたい'],
  Critica: ['アプリのUIが使いやすいか確認したい'],
  ThesisNote: ['論文の書き方を教えてほしい大学院生'],
  ShoruiSnap: ['スマホで撮った書類を読み取りたい'],
};

describe('everyday phrasings reach the program that does it, in both languages', () => {
  for (const [program, phrasings] of [...Object.entries(cases), ...Object.entries(situations).map(([name, list]): [string, string[]] => [`${name} (situations)`, list]), ...Object.entries(namedTools).map(([name, list]): [string, string[]] => [`${name} (named tools)`, list]), ...Object.entries(jargon).map(([name, list]): [string, string[]] => [`${name} (jargon)`, list]), ...Object.entries(later).map(([name, list]): [string, string[]] => [`${name} (later)`, list])]) {
    it(program, () => {
      for (const text of phrasings) expect(top3(text), text).toContain(program.replace(/ \((?:situations|named tools|jargon|later)\)$/, ''));
    });
  }
});

describe('understanding, generally', () => {
  const concepts = (text: string) => [...ranker.understand(text).concepts].filter(([, weight]) => weight >= 1).map(([concept]) => concept);

  it('reads a katakana compound of known words as its parts, and still no word inside another', () => {
    expect(concepts('インフルエンサーマーケティングを始めたい')).toEqual(expect.arrayContaining(['influencer', 'marketing']));
    expect(concepts('ボイスチェンジャーアプリが欲しい')).toContain('voiceChanger');
    expect(concepts('おすすめのプログラム')).toEqual([]);
  });

  it('drops apostrophes, typographic ones too: "don’t" is filler, "master’s thesis" is not mastering', () => {
    expect(concepts('writing my master’s thesis')).toContain('thesis');
    expect(concepts('writing my master’s thesis')).not.toContain('mastering');
    expect(ranker.understand('i don’t know').words).toEqual([]);
  });

  it('between terms of the same length, the one spelled out further wins ("journalists" is not "journal")', () => {
    expect(concepts('pitch to journalists')).toContain('pressRelease');
    expect(concepts('pitch to journalists')).not.toContain('academic');
  });

  it('Japanese request verbs and politeness are not searched for', () => {
    expect(ranker.understand('翻訳をお願いしたいのですが').words).toEqual(['翻訳']);
    expect(ranker.understand('チラシ作りを手伝っていただきたいです').words).toEqual(['チラシ']);
  });

  it('a situational term does not fire on a look-alike request', () => {
    expect(concepts('translation app for legal documents')).toContain('translation');
    expect(concepts('still images for my blog')).not.toContain('videoGeneration');
    expect(concepts('感情をこめて読み上げてほしい')).not.toContain('textMining');
    expect(concepts('i sketch houses by hand')).not.toContain('automation');
    expect(concepts('play music in the background of my cafe')).not.toContain('noiseRemoval');
  });

  it('a word kept whole hides the terms inside it: 個人事業 is not 人事', () => {
    expect(concepts('個人事業主です')).toEqual([]);
    expect(concepts('人事の質問に答えるボット')).toContain('hr');
  });

  it('building a site is not every request that mentions a website', () => {
    expect(concepts('make a homepage for my bakery')).toContain('siteBuilder');
    expect(concepts('make my website available in english')).not.toContain('siteBuilder');
  });

  it('"embedding" is vectors, an embedded board is the edge', () => {
    expect(concepts('embedding')).toContain('vectorDb');
    expect(concepts('ai for embedded devices')).toContain('edge');
  });

  it('does not cut "news" down to "new"', () => {
    expect(concepts('a tagline for my new product')).not.toContain('briefing');
    expect(concepts('morning news')).toContain('briefing');
  });
});
