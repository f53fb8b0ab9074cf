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
    const spoken = programs.slice(0, 3);
    const names = spokenNames(spoken.map((program) => program.name), lang);
    const ready = spoken.some((program) => program.link === 'ready');
    const pending = spoken.some((program) => program.link === 'pending');
    if (lang === 'ja') {
      if (!ready && !pending) return `${names}が見つかりました。リンクが必要なら「1つ目のリンク」のようにお伝えください。`;
      return `${names}が見つかりました。${ready ? 'リンクはアプリでご覧いただけます。' : ''}${pending ? `${ready ? '一部の' : ''}リンクは広告主の審査後になります。` : ''}`;
    }
    if (!ready && !pending) return `I found ${names}. For a link, say "a link for the first one".`;
    const later = pending ? (ready ? " Some links come after the advertiser's review." : " The links come after the advertiser's review.") : '';
    return `I found ${names}.${ready ? ' The links are in your app.' : ''}${later}`;
  };
  return { ...base, programList: spokenList, moreList: (programs) => spokenList(programs, 'recommend') };
}
