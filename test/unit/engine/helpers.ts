import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fingerprint } from '../../../service/engine/fingerprint';
import type { FileInput, FileScanner, Finding, RuleMeta, Severity } from '../../../service/engine/types';

/** A temporary folder populated from a path -> content map; remove() deletes it. */
export function tempTree(files: Record<string, string | Buffer> = {}): { root: string; write(rel: string, c: string | Buffer): string; remove(): void } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'vigil-engine-'));
  const write = (rel: string, content: string | Buffer): string => {
    const abs = path.join(root, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, content);
    return abs;
  };
  for (const [rel, content] of Object.entries(files)) write(rel, content);
  return { root, write, remove: () => rmSync(root, { recursive: true, force: true }) };
}

export function makeFinding(over: Partial<Finding> & { ruleId: string; path: string; line: number; column?: number }): Finding {
  const { path: p, line, column, ...rest } = over;
  return {
    title: `${over.ruleId} title`,
    severity: 'high',
    category: 'secret',
    confidence: 'high',
    message: `${over.ruleId} found`,
    location: column === undefined ? { kind: 'file', path: p, line } : { kind: 'file', path: p, line, column },
    fingerprint: fingerprint(over.ruleId, p),
    remediation: 'Rotate it.',
    ...rest,
  };
}

/**
 * A test scanner: flags every line containing `needle` as `ruleId` (fingerprint = rule + path + line
 * text, so it survives line shifts like the real ones). Records what it was handed.
 */
export function needleScanner(opts: {
  name?: string;
  needle: string;
  ruleId?: string;
  severity?: Severity;
  wants?: (path: string, size: number) => boolean;
}): FileScanner & { seen: FileInput[] } {
  const ruleId = opts.ruleId ?? 'SEC-TEST-NEEDLE';
  const seen: FileInput[] = [];
  return {
    name: opts.name ?? 'needle',
    version: '1',
    category: 'secret',
    rules: [testRule(ruleId)],
    seen,
    wants: opts.wants ?? (() => true),
    scan(file) {
      seen.push(file);
      const out: Finding[] = [];
      file.content
        .toString('utf8')
        .split('\n')
        .forEach((text, i) => {
          if (!text.includes(opts.needle)) return;
          out.push(
            makeFinding({
              ruleId,
              path: file.path,
              line: i + 1,
              severity: opts.severity ?? 'high',
              fingerprint: fingerprint(ruleId, file.path, text.trim()),
              details: { secret: { preview: 'nee…dle' } },
            }),
          );
        });
      return out;
    },
  };
}

/** Metadata for a test rule. */
export function testRule(id: string, over: Partial<RuleMeta> = {}): RuleMeta {
  return { id, title: `${id} title`, severity: 'high', confidence: 'high', category: 'secret', description: `${id} description`, remediation: 'Fix it.', ...over };
}
