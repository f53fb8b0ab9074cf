/** Japanese reply templates: polite and concise; names in bold, programs as a numbered list, never a URL. */
import type { LinkOutput } from '../tools/contracts.ts';
import type { ListedProgram } from './tool-outputs.ts';
import type { Replies } from './replies.ts';
import { categoryNames, detailSummary, echo, lineParts, linkPositions } from './replies-format.ts';
import { safeField, safeName } from './sanitize.ts';
import type { CategoryItem, ProgramDetails } from './tool-outputs.ts';

const EXAMPLES = '「画像生成のAIツールを探しています」「議事録を自動で作りたい」';

function programLines(programs: readonly ListedProgram[]): string {
  return programs
    .map((program, index) => {
      const { name, category, summary, reward } = lineParts(program, 'ja');
      const head = `${index + 1}. **${name}**${category === undefined ? '' : `（${category}）`}`;
      const tail = reward === undefined ? '' : `（運営者への報酬: ${reward}）`;
      return `${head}${summary === undefined ? '' : `: ${summary}`}${tail}${LINK_NOTE[program.link ?? 'none']}`;
    })
    .join('\n');
}

/** 各プログラムのリンクの状況: まだないリンクを探させないために。 */
const LINK_NOTE: Record<NonNullable<ListedProgram['link']> | 'none', string> = {
  ready: '［リンクは下に表示］',
  pending: '［リンクは広告主の審査後］',
  unavailable: '［リンクなし］',
  none: '',
};

function rewardNote(programs: readonly ListedProgram[]): string {
  return programs.some((program) => program.reward !== undefined) ? '\n※報酬は運営者が受け取る可能性のあるもので、並び順には影響しません。' : '';
}

function nextStep(programs: readonly ListedProgram[]): string {
  const count = programs.length;
  const { ready, pending } = linkPositions(programs);
  const marked = (numbers: readonly number[]) => numbers.map((n) => `${n}つ目`).join('・');
  const lines: string[] = [];
  if (ready.length > 0) lines.push(count === 1 || ready.length === count ? 'リンクは下に表示しています。' : `${marked(ready)}のリンクは下に表示しています。`);
  if (pending.length > 0) {
    lines.push(count === 1 || pending.length === count ? '広告主による提携審査が済んでから、リンクをお出しできます。' : `${marked(pending)}は広告主による提携審査が済んでから、リンクをお出しできます。`);
  }
  if (ready.length === 0 && pending.length === 0) {
    lines.push(count > 1 ? '「2つ目の詳細」や「1つ目のリンク」のようにお伝えいただければ、詳しい情報やリンクをお出しします。' : '気になる場合は「詳細」や「リンク」とお伝えください。');
  } else lines.push(count > 1 ? '「2つ目の詳細」のようにお伝えいただければ、詳しくご説明します。' : '「詳細」とお伝えいただければ、詳しくご説明します。');
  return lines.join('');
}

function partnershipLine(program: ProgramDetails): string {
  if (program.partnership === 'approved') return '提携状況: 承認済み（リンクをお出しできます）';
  if (program.partnership === 'pending') return '提携状況: 広告主の審査中（まだリンクをお出しできない場合があります）';
  return '提携状況: 未提携（広告主の承認後にリンクを発行できます）';
}

export const japaneseReplies: Replies = {
  greeting: () => `こんにちは！AIツールやサービス探しをお手伝いします。${EXAMPLES}のように、やりたいことを教えてください。おすすめのプログラムをご紹介します。`,
  help: () =>
    [
      'AIツールやサービス探しをお手伝いします。たとえば次のようにお尋ねください。',
      `・やりたいことからおすすめを探す: ${EXAMPLES}`,
      '・報酬の種類や金額で絞り込む: 「成果報酬で3000円以上」',
      '・候補の詳細を見る: 「2つ目の詳細」',
      '・リンクを受け取る: 「1つ目のリンク」',
      '・カテゴリの一覧を見る: 「カテゴリ一覧」',
    ].join('\n'),
  thanks: () => 'どういたしまして！ほかにも探したいツールがあれば、いつでもお声がけください。',
  decline: () => '承知しました。ほかに探したいものがあれば、やりたいことをお気軽にお伝えください。',
  unknown: () => `すみません、うまく聞き取れませんでした。どんなことをしたいか教えてください。たとえば${EXAMPLES}のようにお尋ねいただけます。`,
  programList: (programs, mode) => {
    const header = mode === 'recommend' ? `ご希望に合いそうなプログラムが${programs.length}件見つかりました。` : `条件に合うプログラムが${programs.length}件見つかりました。`;
    return `${header}\n${programLines(programs)}${rewardNote(programs)}\n${nextStep(programs)}`;
  },
  moreList: (programs, cheaper) => {
    const header = `${cheaper ? 'カタログには価格の情報がないため価格順には並べられませんが、' : ''}同じご希望に合うほかのプログラムが${programs.length}件あります。`;
    return `${header}\n${programLines(programs)}${rewardNote(programs)}\n${nextStep(programs)}`;
  },
  noMore: (cheaper) =>
    `${cheaper ? 'カタログには価格の情報がなく、' : ''}このご希望に合うプログラムはほかに見つかりませんでした。やりたいことをもう少し詳しく教えていただくか、「カテゴリ一覧」からお探しください。`,
  nameCandidates: (name, programs) =>
    `「${echo(name)}」と完全に一致するプログラムは見つかりませんでしたが、次の候補がありました。\n${programLines(programs)}\nどれのことでしょうか？「1つ目の詳細」のようにお伝えください。`,
  notFoundName: (name) => `「${echo(name)}」というプログラムは見つかりませんでした。名前をご確認いただくか、どんなことに使いたいかを教えてください。`,
  noneFound: (categories) => {
    const names = categoryNames(categories, 'ja');
    const hint = names.length > 0 ? `扱っているカテゴリは次のとおりです: ${names.join('、')}。` : '「カテゴリ一覧」とお伝えいただければ、扱っている分野をご案内します。';
    return `申し訳ありません、条件に合うプログラムが見つかりませんでした。やりたいことを別の言葉で教えていただけますか？${hint}`;
  },
  categories: (categories: readonly CategoryItem[]) => {
    if (categories.length === 0) return 'カテゴリの一覧を取得できませんでした。やりたいことを教えていただければ、プログラムをお探しします。';
    const lines = categories.map((category, index) => {
      const name = categoryNames([category], 'ja')[0] ?? category.slug;
      return `${index + 1}. ${name}${category.programs === undefined ? '' : `（${category.programs}件）`}`;
    });
    return `扱っているカテゴリは次のとおりです。\n${lines.join('\n')}\nやりたいことやカテゴリを教えていただければ、おすすめをお探しします。`;
  },
  details: (program) => {
    const { name, category, reward } = lineParts(program, 'ja');
    const lines = [`**${name}**${category === undefined ? '' : `（${category}）`}`];
    const summary = detailSummary(program.summary, 'ja');
    if (summary !== undefined) lines.push(summary);
    const advertiser = safeField(program.advertiser);
    const conditions = safeField(program.conditions, 80);
    if (advertiser !== undefined) lines.push(`・広告主: ${advertiser}`);
    if (conditions !== undefined) lines.push(`・成果条件: ${conditions}`);
    if (program.cookie_days !== undefined) lines.push(`・Cookie有効期間: ${program.cookie_days}日`);
    if (reward !== undefined) lines.push(`・運営者への報酬: ${reward}`);
    lines.push(`・${partnershipLine(program)}`);
    lines.push(program.partnership === 'approved' ? 'リンクが必要でしたら「リンク」とお伝えください。' : '「リンク」とお伝えいただければ、発行できるか確認します。');
    return lines.join('\n');
  },
  link: (link: LinkOutput) => {
    if (link.status === 'ready') return `**${title(link.title, link.program_id)}**のリンクを下に添付しました。`;
    if (link.status === 'pending')
      return `**${title(link.title, link.program_id)}**は広告主による提携審査中のため、まだリンクをお出しできません。時間をおいてもう一度お試しいただくか、似たプログラムをお探しします。`;
    return '申し訳ありません、このプログラムのリンクは現在ご用意できません。代わりに似たプログラムをお探しできます。';
  },
  toolError: () => '申し訳ありません、お調べする途中で問題が発生しました。少し時間をおいてもう一度お試しください。',
  noList: () => 'まだお選びいただける候補のリストがありません。どんなツールをお探しですか？',
  outOfRange: (count) => `ご紹介したのは${count}件です。何番目のものでしょうか？`,
  whichOne: (action) =>
    action === 'link' ? 'どのプログラムのリンクをご希望ですか？「1つ目のリンク」のようにお伝えください。' : 'どのプログラムについてお知りになりたいですか？「2つ目の詳細」のようにお伝えください。',
  cannotNow: () => '申し訳ありません、ただいまその操作はできません。少し時間をおいてもう一度お試しください。',
};

function title(value: string, id: number): string {
  return value === '' ? 'このプログラム' : safeName(value, id);
}
