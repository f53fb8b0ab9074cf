import type { messagingApi } from '@line/bot-sdk';
import type { IssuedLink, Locale, ProgramCardView } from '../../core/types.ts';

type FlexBubble = messagingApi.FlexBubble;
type FlexComponent = messagingApi.FlexComponent;

/** LINE's limits: 12 bubbles per carousel, 40 characters per button label, 400 for a Flex alt text (kept well under). */
export const MAX_BUBBLES = 12;
const MAX_ALT_TEXT = 400;

const WORDS = {
  en: { ad: 'Ad', open: 'Open site (Ad)', pending: 'The advertiser is reviewing our partnership: a link follows once it is approved.', unavailable: 'No link is available for this program right now.', picks: 'Ad · Suggestions' },
  ja: { ad: '【PR】', open: 'サイトを見る【PR】', pending: '広告主の審査中です。承認後にリンクをお送りします。', unavailable: '現在このサービスのリンクはご用意できません。', picks: '【PR】おすすめ' },
} satisfies Record<Locale, Record<string, string>>;

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);
const small = (text: string, extra: Partial<messagingApi.FlexText> = {}): messagingApi.FlexText => ({ type: 'text', text, size: 'xs', color: '#8c8c8c', wrap: true, ...extra });

function button(link: IssuedLink, locale: Locale): messagingApi.FlexButton {
  return { type: 'button', style: 'primary', height: 'sm', action: { type: 'uri', label: WORDS[locale].open, uri: link.url } };
}

/** One program: name, category, why it fits, the reward disclosure, and a button only when a link is ready. */
export function cardBubble(card: ProgramCardView, locale: Locale): FlexBubble {
  const words = WORDS[locale];
  const body: FlexComponent[] = [
    small(words.ad, { wrap: false }),
    { type: 'text', text: clip(card.name, 80), weight: 'bold', size: 'lg', wrap: true },
    ...(card.category ? [small(clip(card.category, 60))] : []),
    ...(card.reason ? [{ type: 'text', text: clip(card.reason, 300), size: 'sm', wrap: true, maxLines: 5, margin: 'md' } satisfies messagingApi.FlexText] : []),
    small(clip(card.rewardText, 120), { margin: 'md' }),
  ];
  const link = card.availability === 'ready' ? card.link : undefined;
  const footer: FlexComponent[] = link
    ? [button(link, locale), small(clip(link.disclosure, 200), { size: 'xxs' })]
    : [small(card.availability === 'pending' ? words.pending : words.unavailable, { size: 'sm' })];
  return { type: 'bubble', size: 'kilo', body: { type: 'box', layout: 'vertical', spacing: 'sm', contents: body }, footer: { type: 'box', layout: 'vertical', spacing: 'sm', contents: footer } };
}

/** A link the answer gave without a program card (e.g. "a link for #2"): its title, the button and the disclosure. */
export function linkBubble(link: IssuedLink, locale: Locale): FlexBubble {
  return {
    type: 'bubble',
    size: 'kilo',
    body: { type: 'box', layout: 'vertical', spacing: 'sm', contents: [small(WORDS[locale].ad, { wrap: false }), { type: 'text', text: clip(link.title, 80), weight: 'bold', size: 'lg', wrap: true }] },
    footer: { type: 'box', layout: 'vertical', spacing: 'sm', contents: [button(link, locale), small(clip(link.disclosure, 200), { size: 'xxs' })] },
  };
}

/**
 * The carousel under a recommendation: one bubble per listed program (in the answer's order), then one
 * per other link of the turn. The alt text (shown in notifications and chat lists) starts with the ad mark.
 */
export function programsCarousel(cards: readonly ProgramCardView[], links: readonly IssuedLink[], locale: Locale): messagingApi.FlexMessage | undefined {
  const carded = new Set(cards.map((card) => card.link?.id).filter((id) => id !== undefined));
  const bubbles = [...cards.map((card) => cardBubble(card, locale)), ...links.filter((link) => !carded.has(link.id)).map((link) => linkBubble(link, locale))].slice(0, MAX_BUBBLES);
  if (bubbles.length === 0) return undefined;
  const names = [...cards.map((card) => card.name), ...links.filter((link) => !carded.has(link.id)).map((link) => link.title)];
  const words = WORDS[locale];
  const altText = clip(`${words.picks}: ${names.join(locale === 'ja' ? '、' : ', ')}`, MAX_ALT_TEXT);
  return { type: 'flex', altText, contents: { type: 'carousel', contents: bubbles } };
}
