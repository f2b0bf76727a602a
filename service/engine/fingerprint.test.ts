import { createHash } from 'node:crypto';
import { fingerprint } from './fingerprint';

describe('fingerprint', () => {
  it('is SHA-256 of each part followed by NUL, first 32 hex digits (stored fingerprints depend on it)', () => {
    const parts = ['DEP-VULNERABLE-PACKAGE', 'GHSA-xxxx', 'npm', 'lodash', 'app/package-lock.json', 'é ✓'];
    const h = createHash('sha256');
    for (const p of parts) h.update(p).update('\u0000');
    expect(fingerprint(...parts)).toBe(h.digest('hex').slice(0, 32));
    expect(fingerprint()).toBe(createHash('sha256').digest('hex').slice(0, 32));
  });
});
