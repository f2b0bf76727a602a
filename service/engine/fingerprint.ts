import { createHash, createHmac } from 'node:crypto';

/**
 * Stable identity of a finding across scans. Never includes the line number, so inserting a
 * line above a finding does not change it (gitleaks' file:rule:line does).
 */
export function fingerprint(...parts: string[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\u0000');
  return h.digest('hex').slice(0, 32);
}

/** Salted hash of a secret value: groups one credential across files and repositories. */
export function secretHash(value: string, salt: string): string {
  return createHmac('sha256', salt).update(value).digest('hex').slice(0, 32);
}
