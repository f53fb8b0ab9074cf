/** Phrases that signal what kind of message this is, in English and Japanese. */

const END = String.raw`[\s!！.。?？~〜、,]*`;

export const GREETING = new RegExp(
  String.raw`^(?:よろしく(?:お願いします|おねがいします|お願いいたします)?|/start|hi|hello|hey|hiya|howdy|yo|good (?:morning|afternoon|evening)|greetings|こんにちは|こんばんは|おはよう(?:ございます)?|はじめまして|初めまして|どうも|やあ|ハロー|もしもし)(?:\s*(?:there|bot|everyone))?${END}(?:よろしく(?:お願いします)?${END})?$`,
  'i',
);
/** A greeting in front of a real request: "Hi, I need ..." */
export const GREETING_PREFIX = /^(?:hi|hello|hey|good (?:morning|afternoon|evening)|こんにちは|こんばんは|おはようございます|はじめまして)(?:\s+there)?[\s,!！.。、]+(?=\S)/i;

export const HELP = new RegExp(
  String.raw`^(?:/help|help|help me|\?+|what can you do|what do you do|how does (?:this|it) work|how do i use (?:this|you)|who are you|what are you|what is this|使い方|使いかた|ヘルプ|何ができ(?:る|ます)(?:の)?(?:か)?|なにができ(?:る|ます)(?:の)?(?:か)?|何をしてくれる(?:の)?|どう使えばいい(?:の)?(?:ですか)?|あなたは誰|使い方を教えて(?:ください)?)${END}$`,
  'i',
);

export const THANKS = /^(?:(?:ok(?:ay)?|great|perfect|awesome|cool|nice)[\s,!]*)?(?:thanks|thank you|thx|ty|cheers|much appreciated)(?:\s+(?:so much|a lot|very much))?[\s!.]*$|^(?:ありがとう(?:ございます|ございました)?|サンキュー|助かりました|助かります|どうもありがとう(?:ございます)?)[\s!！。〜]*$/i;

export const AFFIRM = /^(?:yes|yeah|yep|yup|sure|ok(?:ay)?|please|yes please|sure thing|go ahead|do it|sounds good|はい|うん|ええ|ぜひ|是非|お願いします|おねがいします|お願い|それで|それでお願いします|はい、?お願いします)[\s!！.。]*$/i;

export const DECLINE = /^(?:no|nope|nah|not really|no thanks|no thank you|not now|never ?mind|いいえ|いや|いらない|大丈夫です|大丈夫|結構です|けっこうです|やめておきます)[\s!！.。]*$/i;

export const CATEGORIES = /\b(?:categor(?:y|ies)|genres?|what (?:kinds?|types?|sorts?) of (?:tools|programs|services|things|ai)|what do you (?:have|offer|cover))\b|カテゴリ|カテゴリー|ジャンル|分野|どんな種類/i;

/** A request for a link or to sign up; strong enough to act on without a named program. */
export const LINK = /\b(?:links?|url|urls)\b|\bsign(?:\s+me)?\s*-?up\b|\bsubscribe\b|\bregister\b|\bhow (?:do|can) i (?:get|buy|join|try)\b|\bi(?:'d| would)? (?:like|want) to (?:buy|try|join|sign up|subscribe)\b|\bi want it\b|\bwhere (?:do|can) i (?:get|buy)\b|リンク|URL|申し込|申込|登録したい|契約したい|購入したい|買いたい|使ってみたい|試したい/i;

export const DETAILS = /\b(?:tell me more|tell me (?:more )?about|more (?:about|info|information|details)|details?|detailed|what about|how about|what is|what's|whats|info(?:rmation)? (?:on|about)|explain|describe|learn more)\b|詳細|詳し|くわし|について|とは|って何|ってなに|どんな|教えて|もっと知りたい/i;

/** "it", "that one", 「それ」: the program the conversation is about. */
export const PRONOUN = /\b(?:it|that one|this one|that|this)\b|それ|これ|その|この|あれ/i;

const KEYBOARD_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm', '1234567890'];

/** Keyboard mashing, stray symbols or a lone letter: nothing to act on. */
export function isGibberish(input: string): boolean {
  const text = input.normalize('NFKC').trim().toLowerCase();
  const letters = text.replace(/[^\p{L}]/gu, '');
  if (letters.length === 0) return true;
  if (/^(.)\1{2,}$/u.test(letters)) return true;
  if (/^(?:h+m+|u+m+|lol|lmao|haha(?:ha)*|hehe|w+|草|笑)$/u.test(letters)) return true;
  if (/^[a-z]$/.test(letters)) return true;
  const words = text.split(/\s+/).filter((word) => /^[a-z]+$/.test(word));
  if (words.length === 0 || words.length < text.split(/\s+/).length) return false;
  return words.every((word) => {
    if (word.length < 3) return false;
    if (/[bcdfghjklmnpqrstvwxz]{5,}/.test(word) || (word.length >= 4 && !/[aeiouy]/.test(word))) return true;
    return word.length >= 4 && KEYBOARD_ROWS.some((row) => row.includes(word));
  });
}

/** Asking for further options of the same list: "any others?", "cheaper ones?", 「他には？」「もっと安いの」. */
export const MORE =
  /^(?:(?:any|some|got any|show me|give me|what about|how about|are there|do you have)\s+)?(?:more|others?|other (?:ones|options|programs|tools)|another(?: one| option)?|something else|anything else|alternatives?|cheaper(?: ones?| options?| alternatives?)?|less expensive ones?|similar ones|different ones)(?:\s+(?:ones|options|programs|tools|please|pls))?[\s?!.]*$|^(?:他に|ほかに|他の|ほかの|別の|もっと安い|安い|似た)(?:も?の|プログラム|ツール|サービス|候補)?(?:は|も|を|が)?(?:ある|あります|ない|ありますか|ないですか|教えて|ください|お願いします)?[\s?？!！。]*$/i;
export const CHEAPER = /cheap|less expensive|安/i;
