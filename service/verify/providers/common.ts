// Small helpers the provider verifiers share.
import type { ProviderAnswer, Verdict } from '../types';

/** The body as JSON, or undefined. */
export function json(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/** The value at a path of object keys in parsed JSON, or undefined: at(b, 'account', 'team', 'name'). */
export function at(v: unknown, ...path: string[]): unknown {
  let cur = v;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** A string field of a parsed answer, when it is one. */
export function text(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

export const bearer = (token: string): Record<string, string> => ({ Authorization: `Bearer ${token}` });
export const basic = (user: string, password: string): Record<string, string> => ({
  Authorization: `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`,
});

export const verified = (detail?: string): Verdict => (detail ? { state: 'verified', detail } : { state: 'verified' });
export const invalid = (detail: string): Verdict => ({ state: 'invalid', detail });
export const unknown = (detail: string): Verdict => ({ state: 'unknown', detail });

/**
 * The common reading: 2xx is live (who() names the identity from the JSON body), the statuses in
 * `refused` (401 by default) mean the provider refused the secret, anything else is unknown.
 */
export function readStatus(answer: ProviderAnswer, who: (body: unknown) => string | undefined, refused: readonly number[] = [401]): Verdict {
  if (answer.status >= 200 && answer.status < 300) return verified(who(json(answer.body)));
  if (refused.includes(answer.status)) return invalid(`refused by the provider (HTTP ${answer.status})`);
  return unknown(`unexpected answer (HTTP ${answer.status})`);
}
