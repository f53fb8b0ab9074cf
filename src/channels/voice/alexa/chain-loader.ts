import type { X509Certificate } from 'node:crypto';
import { SlidingWindow } from '../../../shared/sliding-window.ts';
import { parsePemChain } from './cert-chain.ts';

export type FetchCertChain = (url: string) => Promise<string>;

const MAX_PEM_BYTES = 64 * 1024;

/** Downloads a PEM chain from Amazon (the URL has passed `checkCertChainUrl`): 3 s at most, no redirects. */
export const downloadCertChain: FetchCertChain = async (url) => {
  const response = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(3_000) });
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  const text = await response.text();
  if (text.length > MAX_PEM_BYTES) throw new Error(`GET ${url} returned more than ${MAX_PEM_BYTES} bytes`);
  return text;
};

/**
 * Certificate chains by URL. Amazon rotates the URL with the certificate, so a chain is cached for the
 * life of the process (validity is still checked on every request); concurrent misses share one download.
 * A failed download is remembered for `failureTtlMs`, and downloads are limited per minute, so unsigned
 * requests naming ever new URLs cannot make the bot fetch on their behalf.
 */
export function createChainLoader({
  fetchCertChain = downloadCertChain,
  maxEntries = 16,
  failureTtlMs = 60_000,
  downloadsPerMinute = 10,
  now = Date.now,
}: { fetchCertChain?: FetchCertChain; maxEntries?: number; failureTtlMs?: number; downloadsPerMinute?: number; now?: () => number } = {}) {
  const cache = new Map<string, Promise<X509Certificate[]>>();
  const failures = new Map<string, { error: Error; until: number }>();
  const downloads = new SlidingWindow({ limit: downloadsPerMinute, windowMs: 60_000, now });
  return {
    load(url: string): Promise<X509Certificate[]> {
      const cached = cache.get(url);
      if (cached) return cached;
      const failed = failures.get(url);
      if (failed && failed.until > now()) return Promise.reject(failed.error);
      if (!downloads.take('all').allowed) return Promise.reject(new Error('too many certificate downloads this minute'));
      const loading = fetchCertChain(url).then(parsePemChain);
      loading.catch((error: unknown) => {
        cache.delete(url);
        if (failures.size >= maxEntries * 16) failures.delete(failures.keys().next().value ?? '');
        failures.set(url, { error: error instanceof Error ? error : new Error(String(error)), until: now() + failureTtlMs });
      });
      if (cache.size >= maxEntries) cache.delete(cache.keys().next().value ?? '');
      cache.set(url, loading);
      return loading;
    },
  };
}
