import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fingerprint } from '../../../service/engine/fingerprint';
import { memorySource as engineMemorySource, type MemoryFile } from '../../../service/engine/tree';
import type { Category, Confidence, FileInput, FileScanner, Finding, ProjectScanner, RuleMeta, Severity, SourceRefusal, TreeSource } from '../../../service/engine/types';

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
  confidence?: Confidence;
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
              confidence: opts.confidence ?? 'high',
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

/** A per-file test scanner with the metadata every scanner carries (one rule, SEC-<NAME>). */
export function fileScanner(name: string, version: string, body: Pick<FileScanner, 'wants' | 'scan'>): FileScanner {
  return { name, version, category: 'secret', rules: [testRule(`SEC-${name.toUpperCase()}`)], ...body };
}

/** A project test scanner with the metadata every scanner carries (version 1, one rule `ruleId`, default TEST-<NAME>). */
export function projectScanner(name: string, category: Category, body: Pick<ProjectScanner, 'wants' | 'scanProject'> & { ruleId?: string }): ProjectScanner {
  const { ruleId = `TEST-${name.toUpperCase()}`, ...scanner } = body;
  return { kind: 'project', name, version: '1', category, rules: [testRule(ruleId, { category })], ...scanner };
}

/**
 * A needle scanner that takes large files in windows: it reports only the needles that start in the
 * part of the window it answers for (FileInput.window), with window-relative lines and columns.
 */
export function windowedNeedleScanner(opts: { needle: string; overlap: number; maxBytes?: number }): FileScanner & { windowsSeen: number[] } {
  const ruleId = 'SEC-TEST-WINDOWED';
  const windowsSeen: number[] = [];
  return {
    name: 'windowed',
    version: '1',
    category: 'secret',
    rules: [testRule(ruleId)],
    windows: { overlap: opts.overlap, maxBytes: opts.maxBytes ?? Number.MAX_SAFE_INTEGER },
    windowsSeen,
    wants: () => true,
    scan(file) {
      if (file.window) windowsSeen.push(file.window.offset);
      const from = file.window?.from ?? 0;
      const to = file.window?.to ?? file.content.length;
      const needle = Buffer.from(opts.needle);
      const out: Finding[] = [];
      for (let at = file.content.indexOf(needle, from); at !== -1 && at < to; at = file.content.indexOf(needle, at + 1)) {
        const before = file.content.subarray(0, at).toString('latin1');
        const line = before.split('\n').length;
        const column = at - (before.lastIndexOf('\n') + 1) + 1;
        out.push(makeFinding({ ruleId, path: file.path, line, column, fingerprint: fingerprint(ruleId, file.path, String(line)) }));
      }
      return out;
    },
  };
}

/**
 * The engine's memorySource, recording the paths it is asked to read or stream, and streaming in
 * small chunks (1000 bytes) so that windows are filled across many chunk boundaries.
 */
export function memorySource(entries: (MemoryFile | SourceRefusal)[]): ReturnType<typeof engineMemorySource> & { reads: string[] } {
  const source = engineMemorySource(entries);
  const reads: string[] = [];
  return {
    reads,
    next: () => source.next(),
    read(file) {
      reads.push(file.path);
      return source.read(file);
    },
    stream(file) {
      reads.push(file.path);
      const streamed = source.stream(file);
      if (!streamed.ok) return streamed;
      return {
        ok: true,
        chunks: (async function* () {
          for await (const chunk of streamed.chunks) for (let at = 0; at < chunk.length; at += 1000) yield chunk.subarray(at, at + 1000);
        })(),
      };
    },
  };
}

/** A TreeSource listing `count` generated files lazily (memory stays flat however many). */
export function generatedSource(count: number, file: (i: number) => { path: string; content: string }): TreeSource {
  let i = 0;
  type GenFile = { path: string; size: number; content: Buffer };
  return {
    next(): GenFile | undefined {
      if (i >= count) return undefined;
      const f = file(i++);
      const content = Buffer.from(f.content);
      return { path: f.path, size: content.length, content };
    },
    read: (f) => ({ ok: true, content: (f as GenFile).content }),
    stream: (f) => ({ ok: true, chunks: (async function* () { yield (f as GenFile).content; })() }),
  };
}
