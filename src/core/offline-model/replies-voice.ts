/**
 * Voice channels read answers aloud: a list becomes one sentence of names, with the next step to say.
 * Everything else the written replies already keep short.
 */
import type { Replies } from './replies.ts';
import type { Lang } from './types.ts';

function spokenNames(names: readonly string[], lang: Lang): string {
  if (lang === 'ja') return names.join('、');
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

export function spokenReplies(base: Replies, lang: Lang): Replies {
  const spokenList: Replies['programList'] = (programs) => {
    if (programs.length === 0) return base.programList(programs, 'recommend');
    const names = spokenNames(programs.slice(0, 3).map((program) => program.name), lang);
    return lang === 'ja'
      ? `${names}が見つかりました。リンクが必要なら「1つ目のリンク」のようにお伝えください。`
      : `I found ${names}. For a link, say "a link for the first one".`;
  };
  return { ...base, programList: spokenList, moreList: (programs) => spokenList(programs, 'recommend') };
}
