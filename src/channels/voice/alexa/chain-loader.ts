import type { X509Certificate } from 'node:crypto';
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
 * life of the process (validity is still checked on every request); concurrent misses share one download;
 * failures are not cached.
 */
export function createChainLoader({ fetchCertChain = downloadCertChain, maxEntries = 16 }: { fetchCertChain?: FetchCertChain; maxEntries?: number } = {}) {
  const cache = new Map<string, Promise<X509Certificate[]>>();
  return {
    load(url: string): Promise<X509Certificate[]> {
      const cached = cache.get(url);
      if (cached) return cached;
      const loading = fetchCertChain(url).then(parsePemChain);
      loading.catch(() => cache.delete(url));
      if (cache.size >= maxEntries) cache.delete(cache.keys().next().value ?? '');
      cache.set(url, loading);
      return loading;
    },
  };
}
