import { lstatSync } from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { locationLine, locationPath } from '../contract/places';
import { readWalkedFile } from './walk';
import type { Finding, Warn } from './types';
import type * as VigilYml from './vigil-yml';
import type { SuppressionConfig } from './vigil-yml';

export type { IgnoreEntry, SuppressionConfig } from './vigil-yml';

/** The .vigil.yml reader (yaml and zod) is loaded only when a repository has one. */
let vigilYmlModule: typeof VigilYml | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous lazy load, on purpose (see above)
const vigilYml = (): typeof VigilYml => (vigilYmlModule ??= require('./vigil-yml') as typeof VigilYml);

export const CONFIG_FILE = '.vigil.yml';
export const MAX_CONFIG_BYTES = 256 * 1024;
const MARKER = 'vigil:ignore';
const MARKER_BYTES = Buffer.from(MARKER);

// ---------------------------------------------------------------------------------------------
// Inline: `vigil:ignore [RULE-ID[,RULE-ID…]] [reason]` inside a comment, on the finding's line or
// on a comment line directly above it.

export interface InlineDirective {
  /** Undefined: every rule on the line. */
  ruleIds?: string[];
  reason: string;
}

// The marker must follow a comment opener (#, //, /*, * continuation, <!--, --, ;) so that a string
// literal mentioning it in passing does not count.
const DIRECTIVE = /(?:#|\/\/|\/\*|\*|<!--|--|;)[ \t]*vigil:ignore(?=$|[\s*-])(.*)$/;
const COMMENT_LINE = /^\s*(?:#|\/\/|\/\*|\*|<!--|--|;)/;
const RULE_LIST = /^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+(?:,[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+)*$/;

export function parseInlineDirective(line: string): InlineDirective | undefined {
  const m = DIRECTIVE.exec(line);
  if (!m) return undefined;
  const rest = m[1].replace(/(?:\*\/|-->)\s*$/, '').trim();
  if (!rest) return { reason: '' };
  // Ids lead, comma- or space-separated (`A-1,A-2 reason` or `A-1 A-2 reason`); the rest is the reason.
  const tokens = rest.split(/\s+/);
  let n = 0;
  while (n < tokens.length && RULE_LIST.test(tokens[n].replace(/,$/, ''))) n++;
  if (n === 0) return { reason: rest };
  return { ruleIds: tokens.slice(0, n).flatMap((t) => t.split(',').filter(Boolean)), reason: tokens.slice(n).join(' ') };
}

/**
 * Marks findings in `content` (the file they were reported on) that an inline directive covers.
 * Returns the same array when nothing changes; the file is only decoded around findings.
 */
export function applyInlineSuppressions(findings: Finding[], content: Buffer): Finding[] {
  if (findings.length === 0 || content.indexOf(MARKER_BYTES) === -1) return findings;
  const lines = new LineIndex(content);
  return findings.map((f) => {
    const line = locationLine(f.location);
    if (f.suppressed || line === undefined) return f;
    for (const n of [line, line - 1]) {
      if (!lines.has(n)) continue;
      const text = lines.text(n);
      // The line above counts only when it is a comment line of its own: a trailing directive
      // (`a = KEY # vigil:ignore`) speaks for its own line, not for the next one.
      if (n !== line && !COMMENT_LINE.test(text)) continue;
      const directive = parseInlineDirective(text);
      if (directive && (!directive.ruleIds || directive.ruleIds.includes(f.ruleId))) {
        return { ...f, suppressed: { kind: 'inline', reason: directive.reason } };
      }
    }
    return f;
  });
}

class LineIndex {
  private readonly starts: number[] = [0];
  constructor(private readonly content: Buffer) {
    let i = content.indexOf(10);
    while (i !== -1) {
      this.starts.push(i + 1);
      i = content.indexOf(10, i + 1);
    }
  }
  has(line: number): boolean {
    return line >= 1 && line <= this.starts.length;
  }
  text(line: number): string {
    const start = this.starts[line - 1];
    const end = line < this.starts.length ? this.starts[line] - 1 : this.content.length;
    return this.content.toString('utf8', start, end).replace(/\r$/, '');
  }
}

/**
 * Parses .vigil.yml text. Never throws: a malformed file or entry becomes a warning and is ignored;
 * an expired entry is dropped with a 'suppression-expired' warning.
 */
export function parseSuppressionConfig(text: string, warn: Warn, now: Date = new Date()): SuppressionConfig {
  return vigilYml().parseSuppressionConfig(text, warn, now);
}

/** Reads `.vigil.yml` at `root` (regular file only, never through a symlink). */
export function loadSuppressionConfig(root: string, warn: Warn, now?: Date): SuppressionConfig {
  const absPath = path.join(root, CONFIG_FILE);
  try {
    lstatSync(absPath);
  } catch {
    return { entries: [] }; // no config file: nothing to apply
  }
  const read = readWalkedFile({ path: CONFIG_FILE, absPath }, MAX_CONFIG_BYTES);
  if (!read.ok) {
    warn({ code: 'suppression-config-invalid', message: `Not used: ${read.warning.message}`, path: CONFIG_FILE });
    return { entries: [] };
  }
  return parseSuppressionConfig(read.content.toString('utf8'), warn, now);
}

export function applyConfigSuppressions(findings: Finding[], config: SuppressionConfig): Finding[] {
  if (config.entries.length === 0) return findings;
  const matchers = config.entries.map((e) => ({ entry: e, matches: e.path !== undefined ? globMatcher(e.path) : undefined }));
  return findings.map((f) => {
    if (f.suppressed) return f;
    const findingPath = locationPath(f.location);
    for (const { entry, matches } of matchers) {
      if (entry.fingerprint !== undefined && entry.fingerprint !== f.fingerprint.toLowerCase()) continue;
      if (matches && (findingPath === undefined || !matches(findingPath))) continue;
      if (entry.rules && !entry.rules.includes(f.ruleId)) continue;
      return {
        ...f,
        suppressed: { kind: 'file', reason: entry.reason, ...(entry.expires ? { expires: entry.expires } : {}) },
      };
    }
    return f;
  });
}

/**
 * A .vigil.yml path glob, gitignore-flavoured: `**` any folders, `*` and `?` within a name; a glob
 * without `/` matches a file name at any depth (`*.pem`); a trailing `/` means everything below;
 * a leading `/` or `./` anchors at the root. Braces and classes stay literal: paths are matched as
 * written in the file.
 */
export function globMatcher(glob: string): (relPath: string) => boolean {
  let pattern = glob.trim().replace(/\\/g, '/');
  if (pattern.startsWith('./')) pattern = pattern.slice(2);
  let anchored = false;
  if (pattern.startsWith('/')) {
    pattern = pattern.replace(/^\/+/, '');
    anchored = true;
  }
  if (pattern.endsWith('/')) pattern += '**';
  if (!anchored && !pattern.includes('/')) pattern = `**/${pattern}`;
  // Only `*`, `**` and `?` are special; picomatch's other syntax is escaped to stay literal.
  return picomatch(pattern.replace(/[()[\]{}+!@|^$]/g, '\\$&'), { dot: true, nobrace: true, noextglob: true, nonegate: true });
}

