import { describe, expect, it } from 'vitest';
import { createChainLoader } from '../../../src/channels/voice/alexa/chain-loader.ts';

/** Amazon cannot be reached from here: the download is a function that fails, counting its calls. */
function failingDownloads() {
  const urls: string[] = [];
  return { urls, fetchCertChain: async (url: string) => { urls.push(url); throw new Error(`GET ${url} answered 404`); } };
}
const certUrl = (n: number) => `https://s3.amazonaws.com/echo.api/echo-api-cert-${n}.pem`;

describe('Alexa certificate chain loader', () => {
  it('a failed download is remembered briefly: the same URL is not fetched again until then', async () => {
    let now = 1_000_000;
    const downloads = failingDownloads();
    const loader = createChainLoader({ fetchCertChain: downloads.fetchCertChain, now: () => now, failureTtlMs: 60_000 });
    await expect(loader.load(certUrl(1))).rejects.toThrow('404');
    await expect(loader.load(certUrl(1))).rejects.toThrow('404');
    await expect(loader.load(certUrl(1))).rejects.toThrow('404');
    expect(downloads.urls).toHaveLength(1);
    now += 60_001;
    await expect(loader.load(certUrl(1))).rejects.toThrow('404');
    expect(downloads.urls).toHaveLength(2);
  });

  it('ever new URLs make at most a few downloads a minute', async () => {
    let now = 2_000_000;
    const downloads = failingDownloads();
    const loader = createChainLoader({ fetchCertChain: downloads.fetchCertChain, now: () => now, downloadsPerMinute: 10 });
    for (let i = 0; i < 25; i++) await expect(loader.load(certUrl(100 + i))).rejects.toThrow();
    expect(downloads.urls).toHaveLength(10);
    now += 60_001;
    await expect(loader.load(certUrl(500))).rejects.toThrow('404');
    expect(downloads.urls).toHaveLength(11);
  });
});
