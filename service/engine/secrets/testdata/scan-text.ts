// Shared by the secrets module's tests.
import type { Finding, ScanWarning } from '../../types';
import { secretsScanner } from '../index';

export interface ScanOutcome {
  findings: Finding[];
  warnings: Omit<ScanWarning, 'scanner'>[];
}

export function scanText(text: string | Buffer, path = 'example.txt', salt = 'test-salt'): ScanOutcome {
  const content = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const warnings: Omit<ScanWarning, 'scanner'>[] = [];
  const findings = secretsScanner.scan({ path, size: content.length, content }, { secretSalt: salt, warn: (w) => warnings.push(w) }) as Finding[];
  return { findings, warnings };
}

export function ruleIds(text: string, path?: string): string[] {
  return scanText(text, path).findings.map((f) => f.ruleId);
}
