import { createHmac, hash } from 'node:crypto';

/**
 * Stable identity of a finding across scans. Never includes the line number, so inserting a
 * line above a finding does not change it (gitleaks' file:rule:line does). SHA-256 of each part
 * followed by NUL, in one call (crypto.hash: no Hash object per fingerprint).
 */
export function fingerprint(...parts: string[]): string {
  return hash('sha256', parts.length ? `${parts.join('\u0000')}\u0000` : '', 'hex').slice(0, 32);
}

/** Salted hash of a secret value: groups one credential across files and repositories. */
export function secretHash(value: string, salt: string): string {
  return createHmac('sha256', salt).update(value).digest('hex').slice(0, 32);
}
