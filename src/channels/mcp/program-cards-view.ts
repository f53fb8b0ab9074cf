import { readFileSync } from 'node:fs';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

/**
 * The MCP Apps extra: hosts that render `ui://` resources (MCP Apps, SEP-1865) show recommend_programs and
 * get_link results as cards with an "Open site" button that asks the host to open the tracked link. Other
 * hosts ignore the `_meta` and the resource and use the structured result as before.
 */
export const PROGRAM_CARDS_URI = 'ui://ai-tool-finder/program-cards.html';
export const MCP_APP_MIME = 'text/html;profile=mcp-app';

const html = readFileSync(new URL('./program-cards.html', import.meta.url), 'utf8');

/** `_meta` of a tool whose results the view renders. */
export const cardsViewMeta = { ui: { resourceUri: PROGRAM_CARDS_URI } };

export function registerProgramCardsView(server: McpServer): void {
  server.registerResource(
    'program-cards',
    PROGRAM_CARDS_URI,
    { title: 'Program cards', description: 'Shows recommended programs as cards with their disclosure and a button to the tracked link.', mimeType: MCP_APP_MIME },
    async (uri) => ({ contents: [{ uri: uri.href, mimeType: MCP_APP_MIME, text: html }] }),
  );
}
