/**
 * Link-preview fetchers unfurl a URL when it is posted; that is not a person following it.
 * They get a harmless page and no click is recorded.
 */
const PREVIEW_AGENTS = /TelegramBot|Slackbot|Slack-ImgProxy|Discordbot|facebookexternalhit|Facebot|WhatsApp|Twitterbot|LinkedInBot|SkypeUriPreview|Pinterestbot|redditbot|Embedly|vkShare|Iframely|bingbot|Googlebot|Applebot|preview/i;

export function isPreviewRequest(request: { method: string; userAgent: string | undefined; purpose: string | undefined }): boolean {
  if (request.method === 'HEAD') return true;
  if (request.purpose && /preview|prefetch/i.test(request.purpose)) return true;
  return PREVIEW_AGENTS.test(request.userAgent ?? '');
}

export function deviceType(userAgent: string | undefined): 'mobile' | 'tablet' | 'desktop' {
  const ua = userAgent ?? '';
  if (/iPad|Tablet/i.test(ua)) return 'tablet';
  if (/Mobi|Android|iPhone/i.test(ua)) return 'mobile';
  return 'desktop';
}
