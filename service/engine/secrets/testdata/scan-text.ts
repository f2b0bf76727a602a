// Shared by the secrets module's tests.
import type { FileLocation } from '../../../contract/model';
import type { Finding, ScanWarning } from '../../types';
import { secretsScanner } from '../index';

/** Secrets always sit at a place in a file. */
export type SecretFinding = Omit<Finding, 'location'> & { location: FileLocation };

export interface ScanOutcome {
  findings: SecretFinding[];
  warnings: Omit<ScanWarning, 'scanner'>[];
}

export function scanText(text: string | Buffer, path = 'example.txt', salt = 'test-salt'): ScanOutcome {
  const content = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const warnings: Omit<ScanWarning, 'scanner'>[] = [];
  const findings = secretsScanner.scan({ path, size: content.length, content }, { options: { salt }, warn: (w) => warnings.push(w) }) as SecretFinding[];
  return { findings, warnings };
}

export function ruleIds(text: string, path?: string): string[] {
  return scanText(text, path).findings.map((f) => f.ruleId);
}
