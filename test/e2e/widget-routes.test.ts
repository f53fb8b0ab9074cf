import { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { DEMO_CSP, createWidgetRoutes } from '../../src/channels/web/widget/routes.ts';

describe('widget routes (in-process)', () => {
  it('serves widget.js as cacheable, cross-origin JavaScript with the CSS inlined', async () => {
    const app = createWidgetRoutes();
    const response = await app.request('/widget.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const etag = response.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    const script = await response.text();
    expect(script).not.toContain('__WIDGET_CSS__');
    expect(script).toContain('adoptedStyleSheets');
    expect(script).not.toMatch(/\binterface\s+Link\b|\.innerHTML\s*=|\beval\(|new Function\(/);
    expect(() => new Script(script, { filename: 'widget.js' })).not.toThrow(); // plain JavaScript now

    const again = await app.request('/widget.js', { headers: { 'if-none-match': `W/${etag}` } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('serves the demo page with a strict CSP, no inline script or style, and escaped options', async () => {
    const app = createWidgetRoutes({ title: 'Tools <b>&</b> "you"', sandboxUrl: 'http://127.0.0.1:4010/' });
    const response = await app.request('/');
    expect(response.headers.get('content-security-policy')).toBe(DEMO_CSP);
    const html = await response.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<meta name="viewport"');
    expect(html).toContain('<h1>Tools &lt;b&gt;&amp;&lt;/b&gt; &quot;you&quot;</h1>');
    expect(html).toContain('<script src="/widget.js" defer data-open="true" data-title="Tools &lt;b&gt;&amp;&lt;/b&gt; &quot;you&quot;"></script>');
    expect(html).toContain('<link rel="stylesheet" href="/demo.css">');
    expect(html).toContain('href="http://127.0.0.1:4010/_sandbox/events"');
    expect(html).not.toMatch(/<script>|<style|style=|\son\w+=/);

    const plain = await (await createWidgetRoutes().request('/')).text();
    expect(plain).not.toContain('_sandbox/events');
    expect(plain).not.toContain('data-title');
  });

  it('serves demo.css', async () => {
    const response = await createWidgetRoutes().request('/demo.css');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await response.text()).toContain('main');
  });
});
