import { escapeHtml } from '../shared/html.ts';

export interface TableOptions {
  id: string;
  caption: string;
  /** Column headings (HTML). */
  head: readonly string[];
  /** Rows (HTML `<tr>`s). */
  rows: readonly string[];
  /** Indexes of right-aligned numeric columns. */
  numeric?: readonly number[];
  empty?: string;
}

/** A captioned table in a focusable region that scrolls sideways on a narrow screen. */
export function tableRegion({ id, caption, head, rows, numeric = [], empty = 'Nothing yet.' }: TableOptions): string {
  const headings = head.map((h, i) => `<th scope="col"${numeric.includes(i) ? ' class="num"' : ''}>${h}</th>`).join('');
  const body = rows.length > 0 ? rows.join('') : `<tr><td colspan="${head.length}" class="empty">${escapeHtml(empty)}</td></tr>`;
  return `<div class="table-scroll" role="region" aria-labelledby="${id}" tabindex="0"><table><caption id="${id}">${escapeHtml(caption)}</caption><thead><tr>${headings}</tr></thead><tbody>${body}</tbody></table></div>`;
}

export const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);
