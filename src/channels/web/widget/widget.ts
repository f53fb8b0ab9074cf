/*
 * The embeddable chat widget: `<script src="https://bot.example/widget.js" defer></script>`.
 * routes.ts serves this file with its types stripped (so: erasable TypeScript only, no imports or exports)
 * and widget.css put in place of the STYLES placeholder, so the browser gets one self-contained script.
 * Everything lives in a strict-mode function: a bare block would not do, since sloppy-mode function
 * declarations in a block still leak onto window. No innerHTML, eval or style attributes, so the widget
 * runs under `script-src 'self'; style-src 'self'`; all text the server sends goes in through textContent.
 */
(() => {
  'use strict';

  interface Link { id: string; programId: number; title: string; url: string; disclosure: string }
  interface Card { programId: number; name: string; category: string; reason: string; rewardText: string; availability: string; link?: Link }
  interface Suggestion { label: string; text: string }
  interface Entry { role: 'user' | 'bot' | 'error'; text: string; links: Link[]; cards?: Card[]; suggestions?: Suggestion[] }
  interface EntryView { box: HTMLElement; text: HTMLElement; links: HTMLElement; chips: HTMLElement }
  type StorageKind = 'localStorage' | 'sessionStorage';

  const SESSION_KEY = 'agentclick-bot-session';
  const HISTORY_KEY = 'agentclick-bot-history';
  const HISTORY_LIMIT = 60;
  const STYLES: string = '__WIDGET_CSS__';
  const STRINGS = {
    en: {
      chat: 'Chat', title: 'AI tool finder', close: 'Close chat', newChat: 'New chat', label: 'Your message',
      placeholder: 'Ask about AI tools…', send: 'Send', open: 'Open', ad: 'Ad', you: 'You: ', bot: 'Assistant: ',
      visit: 'Visit', visitLabel: 'Visit {name} (ad, opens in a new tab)', pending: 'Link after review',
      pendingLabel: 'The link to {name} comes after the advertiser’s review', unavailable: 'No link available', next: 'Suggested next steps',
      thinking: 'Thinking…', intro: 'Tell me what you want to get done and I will suggest AI tools, e.g. “I need an AI that makes product images”.',
      tooMany: 'Too many messages — please wait a moment, then send again.',
      offline: 'Could not reach the assistant. Check your connection, then press Send to try again.',
      failed: 'Something went wrong. Please try again.', cut: 'The answer was cut off. Please try again.',
    },
    ja: {
      chat: 'チャット', title: 'AIツール探し', close: 'チャットを閉じる', newChat: '新しいチャット', label: 'メッセージ',
      placeholder: 'AIツールについて質問…', send: '送信', open: '開く', ad: '【PR】', you: 'あなた: ', bot: 'アシスタント: ',
      visit: 'サイトを見る', visitLabel: '{name}のサイトを見る（広告・新しいタブで開きます）', pending: '審査後にリンク',
      pendingLabel: '{name}のリンクは広告主の審査後にお出しします', unavailable: 'リンクはありません', next: '次のおすすめ操作',
      thinking: '考え中…', intro: 'やりたいことを教えてください。AIツールをご提案します。例:「画像生成のAIツールを探しています」',
      tooMany: 'メッセージが多すぎます。少し待ってから、もう一度送信してください。',
      offline: 'アシスタントに接続できませんでした。通信環境を確認し、もう一度「送信」を押してください。',
      failed: 'エラーが発生しました。もう一度お試しください。', cut: '回答が途中で途切れました。もう一度お試しください。',
    },
  };

  if (document.querySelector('agentclick-chat')) return; // the tag was included twice
  const current = document.currentScript;
  const script = current instanceof HTMLScriptElement ? current : document.querySelector<HTMLScriptElement>('script[src*="widget.js"]');
  const origin = script?.src ? new URL(script.src, location.href).origin : location.origin;
  const locale = (script?.dataset.locale ?? navigator.language).toLowerCase().startsWith('ja') ? 'ja' : 'en';
  const t = STRINGS[locale];

  const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

  function read(kind: StorageKind, key: string): string | null {
    try {
      return window[kind].getItem(key);
    } catch {
      return null; // storage blocked (privacy settings): the chat still works, it just forgets
    }
  }
  function write(kind: StorageKind, key: string, value: string | null): void {
    try {
      if (value === null) window[kind].removeItem(key);
      else window[kind].setItem(key, value);
    } catch {
      // storage blocked or full: nothing to do
    }
  }

  function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
    node.append(...children); // strings become text nodes, never markup
    return node;
  }

  function chatIcon(): SVGSVGElement {
    const ns = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(ns, 'svg');
    const path = document.createElementNS(ns, 'path');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    path.setAttribute('d', 'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H10l-5 4v-4H4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z');
    svg.append(path);
    return svg;
  }

  function toLinks(value: unknown): Link[] {
    if (!Array.isArray(value)) return [];
    return value.flatMap((item: unknown): Link[] => {
      if (!isRecord(item) || typeof item.title !== 'string' || typeof item.url !== 'string') return [];
      const disclosure = typeof item.disclosure === 'string' ? item.disclosure : '';
      return [{ id: String(item.id), programId: Number(item.programId), title: item.title, url: item.url, disclosure }];
    });
  }

  function toLink(item: unknown): Link | undefined {
    return toLinks([item])[0];
  }

  function toCards(value: unknown): Card[] {
    if (!Array.isArray(value)) return [];
    return value.flatMap((item: unknown): Card[] => {
      if (!isRecord(item) || typeof item.name !== 'string') return [];
      const text = (field: unknown) => (typeof field === 'string' ? field : '');
      const link = item.link === undefined ? undefined : toLink(item.link);
      const card: Card = {
        programId: Number(item.programId),
        name: item.name,
        category: text(item.category),
        reason: text(item.reason),
        rewardText: text(item.rewardText),
        availability: text(item.availability),
      };
      return [link ? { ...card, link } : card];
    });
  }

  function toSuggestions(value: unknown): Suggestion[] {
    if (!Array.isArray(value)) return [];
    return value.flatMap((item: unknown): Suggestion[] =>
      isRecord(item) && typeof item.label === 'string' && typeof item.text === 'string' ? [{ label: item.label, text: item.text }] : [],
    );
  }

  function loadHistory(): Entry[] {
    try {
      const stored: unknown = JSON.parse(read('sessionStorage', HISTORY_KEY) ?? '[]');
      if (!Array.isArray(stored)) return [];
      return stored.flatMap((item: unknown): Entry[] =>
        isRecord(item) && typeof item.text === 'string' && (item.role === 'user' || item.role === 'bot')
          ? [{ role: item.role, text: item.text, links: toLinks(item.links), cards: toCards(item.cards) }]
          : [],
      );
    } catch {
      return [];
    }
  }

  /** Only http(s) URLs become links; anything else (javascript:, data:) is not clickable at all. */
  function safeHref(url: string): string | undefined {
    try {
      const parsed = new URL(url, origin);
      return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
    } catch {
      return undefined;
    }
  }

  /** Plain text with `**bold**` as <strong>; line breaks are kept by `white-space: pre-wrap`. */
  function renderText(target: HTMLElement, text: string, role: Entry['role']): void {
    if (role !== 'bot') {
      target.textContent = text;
      return;
    }
    const parts = text.split('**');
    // An odd part is bold only if a closing ** follows it; an unclosed ** stays literal text.
    target.replaceChildren(...parts.map((part, i) => (i % 2 === 0 ? part : i < parts.length - 1 ? h('strong', {}, part) : `**${part}`)));
  }

  function linkCard(link: Link): HTMLLIElement {
    const href = safeHref(link.url);
    const card = h('li', { class: 'card' }, h('span', { class: 'card-title' }, link.title, ' ', h('span', { class: 'badge' }, t.ad)));
    card.append(h('p', { class: 'disclosure' }, link.disclosure));
    if (href) {
      const label = `${t.open}: ${link.title}`;
      card.append(h('a', { class: 'open', href, target: '_blank', rel: 'sponsored noopener noreferrer', 'aria-label': label }, t.open));
    }
    return card;
  }

  /**
   * One listed program: name, category, why it fits, the reward as disclosure, and either the Ad label
   * with a Visit button or, while the advertiser reviews the partnership, "link after review".
   */
  function programCard(card: Card): HTMLLIElement {
    const head = h('div', { class: 'program-head' }, h('h3', { class: 'card-title' }, card.name));
    if (card.category) head.append(h('span', { class: 'category' }, card.category));
    const item = h('li', { class: 'card program' }, head);
    if (card.reason) item.append(h('p', { class: 'reason' }, card.reason));
    if (card.rewardText) item.append(h('p', { class: 'reward' }, card.rewardText));
    const actions = h('div', { class: 'actions' });
    const href = card.link ? safeHref(card.link.url) : undefined;
    if (card.link && href) {
      actions.append(
        h('span', { class: 'badge' }, t.ad),
        h('a', { class: 'open visit', href, target: '_blank', rel: 'sponsored noopener noreferrer', 'aria-label': t.visitLabel.replace('{name}', card.name) }, t.visit),
      );
      item.append(actions, h('p', { class: 'disclosure' }, card.link.disclosure));
    } else {
      const later = card.availability === 'pending';
      actions.append(h('span', { class: 'later', ...(later ? { 'aria-label': t.pendingLabel.replace('{name}', card.name) } : {}) }, later ? t.pending : t.unavailable));
      item.append(actions);
    }
    return item;
  }

  /** The links of a bot message: a card per listed program, then any link that has no card of its own. */
  function linkItems(entry: Entry): HTMLLIElement[] {
    const cards = entry.cards ?? [];
    const carded = new Set(cards.flatMap((card) => (card.link ? [card.link.id] : [])));
    return [...cards.map(programCard), ...entry.links.filter((link) => !carded.has(link.id)).map(linkCard)];
  }

  // ---- the DOM: a launcher and a dialog panel in an open shadow root ----
  const host = document.createElement('agentclick-chat');
  host.lang = locale;
  const root = host.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(STYLES);
  root.adoptedStyleSheets = [sheet];

  const title = script?.dataset.title?.trim() || t.title;
  const launcher = h('button', { type: 'button', class: 'launcher', 'aria-expanded': 'false', 'aria-controls': 'panel' }, chatIcon(), t.chat);
  const newChat = h('button', { type: 'button', class: 'ghost' }, t.newChat);
  const close = h('button', { type: 'button', class: 'ghost close', 'aria-label': t.close }, '×');
  const intro = h('p', { class: 'intro' }, t.intro);
  const log = h('div', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-busy': 'false' });
  const input = h('textarea', { id: 'message', rows: '1', placeholder: t.placeholder, enterkeyhint: 'send' });
  const send = h('button', { type: 'submit', class: 'send' }, t.send);
  const form = h('form', { class: 'composer' }, h('label', { for: 'message', class: 'sr-only' }, t.label), input, send);
  const panel = h('section', { id: 'panel', class: 'panel', role: 'dialog', 'aria-label': title, hidden: '' }, h('div', { class: 'head' }, h('h2', {}, title), newChat, close), log, form);
  root.append(launcher, panel);

  let history = loadHistory();
  let busy = false;
  let controller: AbortController | undefined;

  function refresh(): void {
    send.disabled = busy || input.value.trim() === '';
    log.setAttribute('aria-busy', String(busy));
  }

  /** Keeps the newest message in view unless the reader has scrolled up. */
  function follow(update: () => void): void {
    const atEnd = log.scrollHeight - log.scrollTop - log.clientHeight < 48;
    update();
    if (atEnd) log.scrollTop = log.scrollHeight;
  }

  function addEntry(entry: Entry): EntryView {
    const text = h('div', { class: 'text' });
    renderText(text, entry.text, entry.role);
    const links = h('ul', { class: 'links' }, ...linkItems(entry));
    const label = entry.role === 'user' ? t.you : entry.role === 'bot' ? t.bot : '';
    const chips = h('div', { class: 'chips', role: 'group', 'aria-label': t.next });
    const box = h('div', { class: `msg ${entry.role}` }, h('span', { class: 'sr-only' }, label), text, links);
    follow(() => {
      intro.remove();
      log.append(box, chips);
    });
    return { box, text, links, chips };
  }

  /** Next steps as buttons under the newest answer only; choosing one sends its text as the user's message. */
  function showSuggestions(view: EntryView, suggestions: Suggestion[]): void {
    for (const old of log.querySelectorAll('.chips')) old.replaceChildren();
    view.chips.replaceChildren(
      ...suggestions.map((suggestion) => {
        const chip = h('button', { type: 'button', class: 'chip' }, suggestion.label);
        chip.addEventListener('click', () => {
          if (!busy) void ask(suggestion.text);
        });
        return chip;
      }),
    );
  }

  function setOpen(open: boolean, moveFocus: boolean): void {
    panel.hidden = !open;
    launcher.setAttribute('aria-expanded', String(open));
    if (open) log.scrollTop = log.scrollHeight;
    if (moveFocus) (open ? input : launcher).focus();
  }

  /** The `data:` payloads of an SSE body, one per frame. */
  async function* sseData(body: ReadableStream<Uint8Array<ArrayBuffer>>): AsyncGenerator<string> {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value.replaceAll('\r', '');
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const lines = buffer.slice(0, end).split('\n').filter((line) => line.startsWith('data:'));
          buffer = buffer.slice(end + 2);
          if (lines.length > 0) yield lines.map((line) => line.slice(line.startsWith('data: ') ? 6 : 5)).join('\n');
        }
      }
    } finally {
      reader.cancel().catch(() => undefined);
    }
  }

  async function failureOf(response: Response): Promise<string> {
    if (response.status === 429) return t.tooMany;
    try {
      const body: unknown = await response.json();
      if (isRecord(body) && isRecord(body.error) && typeof body.error.message === 'string') return body.error.message;
    } catch {
      // not JSON: fall through to the generic line
    }
    return t.failed;
  }

  async function ask(message: string): Promise<void> {
    const turn = new AbortController();
    controller = turn;
    busy = true;
    input.value = '';
    refresh();
    history.push({ role: 'user', text: message, links: [] });
    addEntry({ role: 'user', text: message, links: [] });
    for (const old of log.querySelectorAll('.chips')) old.replaceChildren();
    const reply: Entry = { role: 'bot', text: '', links: [], cards: [] };
    const view = addEntry(reply);
    const texts = new Map<string, string>();
    view.text.append(h('span', { class: 'typing' }, t.thinking));

    const apply = (chunk: unknown): string | undefined => {
      if (!isRecord(chunk)) return undefined;
      if (chunk.type === 'data-session' && isRecord(chunk.data) && typeof chunk.data.sessionId === 'string') {
        write('localStorage', SESSION_KEY, chunk.data.sessionId);
      } else if (chunk.type === 'text-delta' && typeof chunk.delta === 'string') {
        const id = String(chunk.id);
        texts.set(id, (texts.get(id) ?? '') + chunk.delta);
        reply.text = [...texts.values()].join('\n\n');
        follow(() => renderText(view.text, reply.text, 'bot'));
      } else if (chunk.type === 'data-cards' && isRecord(chunk.data)) {
        reply.cards = toCards(chunk.data.cards);
        follow(() => view.links.replaceChildren(...linkItems(reply)));
      } else if (chunk.type === 'data-links' && isRecord(chunk.data)) {
        reply.links.push(...toLinks(chunk.data.links));
        follow(() => view.links.replaceChildren(...linkItems(reply)));
      } else if (chunk.type === 'data-suggestions' && isRecord(chunk.data)) {
        const suggestions = toSuggestions(chunk.data.suggestions);
        follow(() => showSuggestions(view, suggestions));
      } else if (chunk.type === 'error') {
        return typeof chunk.errorText === 'string' && chunk.errorText ? chunk.errorText : t.failed;
      }
      return undefined; // start, text-start, text-end, finish and newer chunk types draw nothing
    };

    let failure: string | undefined;
    let retry = false;
    try {
      const sessionId = read('localStorage', SESSION_KEY) ?? undefined;
      const response = await fetch(`${origin}/api/chat/stream`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify({ sessionId, message, locale }),
        signal: turn.signal,
      });
      if (!response.ok || !response.body) {
        failure = await failureOf(response);
        retry = response.status === 429;
      } else {
        for await (const data of sseData(response.body)) {
          if (data === '[DONE]') break;
          let chunk: unknown;
          try {
            chunk = JSON.parse(data);
          } catch {
            continue; // a malformed frame is skipped, not fatal
          }
          failure = apply(chunk) ?? failure;
        }
      }
    } catch {
      failure = t.offline;
      retry = true;
    }
    if (turn.signal.aborted) return; // "New chat" already reset everything
    view.text.querySelector('.typing')?.remove();
    if (reply.text || reply.links.length > 0) history.push(reply);
    else {
      view.box.remove();
      view.chips.remove();
    }
    if (failure ?? (!reply.text && reply.links.length === 0)) addEntry({ role: 'error', text: failure ?? t.cut, links: [] });
    write('sessionStorage', HISTORY_KEY, JSON.stringify(history.slice(-HISTORY_LIMIT)));
    if (retry && input.value === '') input.value = message; // so Enter or Send retries
    busy = false;
    controller = undefined;
    refresh();
  }

  launcher.addEventListener('click', () => setOpen(launcher.getAttribute('aria-expanded') !== 'true', true));
  close.addEventListener('click', () => setOpen(false, true));
  panel.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    setOpen(false, true);
  });
  newChat.addEventListener('click', () => {
    controller?.abort();
    controller = undefined;
    busy = false;
    history = [];
    write('localStorage', SESSION_KEY, null);
    write('sessionStorage', HISTORY_KEY, null);
    log.replaceChildren(intro);
    refresh();
    input.focus();
  });
  input.addEventListener('input', refresh);
  input.addEventListener('keydown', (event) => {
    // Enter sends, Shift+Enter is a new line; Enter that confirms an IME conversion (Japanese) must not send.
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    form.requestSubmit();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const message = input.value.trim();
    if (message && !busy) void ask(message);
  });

  log.append(intro);
  for (const entry of history) addEntry(entry);
  refresh();
  const mount = (): void => {
    document.body.append(host);
    if (script?.dataset.open === 'true') setOpen(true, false); // opened for the reader, without stealing focus
  };
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount, { once: true });
})();
