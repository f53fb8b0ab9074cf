/**
 * How soon recommendations carry their links after a first start. Starts the bot exactly as `npm start`
 * does (`node src/start.ts`, demo mode: embedded sandbox, offline model, an empty DATA_DIR, free ports),
 * then at 20 s, 60 s and 180 s after the process started (and at 600 s unless BENCH_COVERAGE_QUICK=1)
 * asks a fixed set of needs in English and Japanese, each in a new conversation, and prints the share
 * of listed programs whose card carries a tracked link. At the end it reads the dashboard's
 * partnerships (share of the whole catalog approved) and the bot's metrics (any 429 from AgentClick).
 *
 *   node bench/link-coverage.ts
 */
import { randomBytes } from 'node:crypto';
import { startDemoProcess } from './helpers/demo-process.ts';
import { sleep } from './helpers/http.ts';

const CHECKPOINTS_S = process.env.BENCH_COVERAGE_QUICK === '1' ? [20, 60, 180] : [20, 60, 180, 600];
const NEEDS = [
  'I need something to write marketing copy for my online shop',
  'I need an AI that makes product images',
  'an AI that writes code',
  'something to translate my documents into English',
  'make short videos from a script',
  'a tool that turns meetings into minutes',
  'an AI chatbot for customer support',
  'help me write blog posts for SEO',
  'I want to generate music for my videos',
  'an AI that makes presentation slides',
  '画像生成のAIツールを探しています',
  '議事録を自動で作りたい',
  '翻訳ツールを教えて',
  '音声合成でナレーションを作りたい',
  'ネットショップの宣伝文を書いてくれるAIを探しています',
  'プログラミングを手伝ってくれるAI',
];

interface Card {
  programId: number;
  name: string;
  availability: string;
  link?: unknown;
}

async function ask(url: string, message: string, n: number): Promise<Card[]> {
  const response = await fetch(`${url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sessionId: `coverage-${n}-${randomBytes(6).toString('hex')}`, message }),
  });
  if (!response.ok) throw new Error(`/api/chat answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { cards: Card[] }).cards;
}

const { url, adminToken, startedAt, stop } = await startDemoProcess();
/** The dashboard's view of each program without a link: "not applied yet" or "pending review". */
async function partnershipStates(url: string, adminToken: string): Promise<Map<number, string>> {
  const response = await fetch(`${url}/admin/api/partnerships`, { headers: { authorization: `Bearer ${adminToken}` } });
  const view = (await response.json()) as { withoutLink: Array<{ programId: number; state: string }> };
  return new Map(view.withoutLink.map((entry) => [entry.programId, entry.state]));
}

const missing = new Set<number>();
const rows: Array<{ at: number; listed: number; linked: number; pending: number }> = [];
try {
  console.log(`bot ready after ${((performance.now() - startedAt) / 1000).toFixed(1)} s; asking ${NEEDS.length} needs at ${CHECKPOINTS_S.join(', ')} s`);
  let asked = 0;
  for (const at of CHECKPOINTS_S) {
    await sleep(Math.max(0, at * 1000 - (performance.now() - startedAt)));
    let listed = 0;
    let linked = 0;
    let pending = 0;
    for (const need of NEEDS) {
      const cards = await ask(url, need, asked++);
      for (const card of cards) if (card.link === undefined) missing.add(card.programId);
      listed += cards.length;
      linked += cards.filter((card) => card.link !== undefined).length;
      pending += cards.filter((card) => card.availability === 'pending').length;
    }
    rows.push({ at, listed, linked, pending });
    const states = await partnershipStates(url, adminToken);
    const why = [...missing].reduce<Record<string, number>>((counts, id) => {
      const state = states.get(id) ?? 'approved since';
      counts[state] = (counts[state] ?? 0) + 1;
      return counts;
    }, {});
    missing.clear();
    console.log(`${String(at).padStart(4)} s: ${linked}/${listed} listed programs carry a link (${((100 * linked) / listed).toFixed(0)} %), ${pending} pending; without a link now: ${JSON.stringify(why)}`);
  }
  const auth = { authorization: `Bearer ${adminToken}` };
  const partnerships = (await (await fetch(`${url}/admin/api/partnerships`, { headers: auth })).json()) as { approved: number; catalogSize: number; pending: unknown[] };
  const elapsed = (performance.now() - startedAt) / 1000;
  console.log(`catalog at ${elapsed.toFixed(0)} s: ${partnerships.approved}/${partnerships.catalogSize} approved (${((100 * partnerships.approved) / partnerships.catalogSize).toFixed(0)} %), ${partnerships.pending.length} pending`);
  const metrics = await (await fetch(`${url}/metrics`, { headers: auth })).text();
  const refused = metrics
    .split('\n')
    .filter((line) => line.startsWith('bot_network_requests_total{') && line.includes('network="agentclick"') && line.includes('status="429"'))
    .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
  console.log(`AgentClick answers 429: ${refused}`);
} finally {
  await stop();
}
