// The one way a verifier's request leaves the process: HTTPS to the verifier's own host, redirects
// not followed (a redirect would carry the secret elsewhere), the answer read up to 64 KiB.
import type { ProviderAnswer, VerifyTransport } from './types';

export const MAX_ANSWER_BYTES = 64 * 1024;
export const USER_AGENT = 'Vigil-secret-verification/1';

/**
 * https://{host}{path}. The path must start with one '/' and be printable ASCII, and the URL must
 * still name `host` (no user info, no other authority): a path can never move the request elsewhere.
 */
export function providerUrl(host: string, path: string): URL {
  if (!/^\/(?!\/)[\x21-\x7e]*$/.test(path)) throw new Error('a provider request path must start with one "/" and hold printable ASCII only');
  const url = new URL(`https://${host}${path}`);
  if (url.protocol !== 'https:' || url.host !== host || url.username !== '' || url.password !== '') throw new Error(`a provider request must stay on ${host}`);
  return url;
}

export function headersOf(h: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  h.forEach((value, name) => {
    out[name.toLowerCase()] = value;
  });
  return out;
}

/** The start of a body, at most `max` bytes, as UTF-8; the rest is not read. */
export async function readCapped(res: Response, max = MAX_ANSWER_BYTES): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < max) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.length;
    }
  } finally {
    if (size >= max) await reader.cancel().catch(() => undefined);
    else reader.releaseLock();
  }
  return Buffer.concat(chunks).subarray(0, max).toString('utf8');
}

/** The production transport. */
export const httpsTransport: VerifyTransport = async (host, request, signal): Promise<ProviderAnswer> => {
  const res = await fetch(providerUrl(host, request.path), {
    method: request.method,
    headers: { 'User-Agent': USER_AGENT, ...request.headers },
    ...(request.body !== undefined ? { body: request.body } : {}),
    redirect: 'manual',
    signal,
  });
  return { status: res.status, headers: headersOf(res.headers), body: await readCapped(res) };
};
