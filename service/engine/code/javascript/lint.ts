// Lints files in this thread: one ESLint run per file (parse once, all rules), ESLint's messages
// mapped to Vigil hits. A .js file that does not parse as a module is tried again as CommonJS
// (top-level return, `with`, octal literals); a file that still does not parse gives one warning.
import * as path from 'node:path';
import type { ESLint, Linter } from 'eslint';
import type { CodeHit, SourceText } from '../types';
import { makeEslint, VIRTUAL_ROOT } from './config';
import { ruleByEslintName, TAINT_PREFIX } from './names';
import { DUPLICATE_OF } from './rules';
import { keepMessage } from './rules/filters';
import { takeFlows } from './taint';

export interface FileWarning {
  code: string;
  message: string;
  path: string;
}

export interface LintOutput {
  hits: CodeHit[];
  warnings: FileWarning[];
}

const linters = new Map<string, ESLint>();

function eslintFor(names: readonly string[]): ESLint {
  const key = names.join(',');
  let eslint = linters.get(key);
  if (!eslint) {
    eslint = makeEslint(names);
    linters.set(key, eslint);
  }
  return eslint;
}

/**
 * The virtual absolute path ESLint sees: the repository path under a root that does not exist, its
 * extension in lower case (ESLint's file patterns are case-sensitive: App.JS is JavaScript too).
 */
function virtualPath(repoPath: string): string {
  const parts = repoPath.split(/[\\/]+/).filter((p) => p && p !== '.' && p !== '..');
  const full = path.join(VIRTUAL_ROOT, ...parts);
  const ext = path.extname(full);
  return full.slice(0, full.length - ext.length) + ext.toLowerCase();
}

const LINE_BREAK = /\r\n|[\r\n\u2028\u2029]/;
/** A parser out of stack: V8's message, or acorn's own check (espree). */
const STACK_OVERFLOW = /Maximum call stack size exceeded|Not enough stack space/i;

function cleanMessage(message: string): string {
  return message.replace(/\s+/g, ' ').trim().slice(0, 500);
}

/** The reported code: the range on its first line, trimmed; the whole line when the range is empty. */
function sinkText(lines: string[], m: Linter.LintMessage): string {
  const line = lines[m.line - 1] ?? '';
  const end = m.endLine === m.line && m.endColumn ? m.endColumn - 1 : line.length;
  const text = line.slice(Math.max(0, m.column - 1), end).trim() || line.trim();
  return text.slice(0, 500);
}

async function lintOnce(eslint: ESLint, text: string, filePath: string): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(text, { filePath, warnIgnored: false });
  return result?.messages ?? [];
}

/** Lint one file with these ESLint rules (names from eslintNamesFor). Never throws for a bad file. */
export async function lintFile(source: SourceText, names: readonly string[]): Promise<LintOutput> {
  const warnings: FileWarning[] = [];
  const warn = (code: string, message: string) => warnings.push({ code, message, path: source.path });
  if (!names.length) return { hits: [], warnings };
  const eslint = eslintFor(names);
  let filePath = virtualPath(source.path);
  try {
    let messages = await lintOnce(eslint, source.text, filePath);
    if (isFatal(messages) && /\.jsx?$/i.test(filePath) && !STACK_OVERFLOW.test(messages[0].message)) {
      takeFlows(filePath);
      filePath += '.cjs';
      messages = await lintOnce(eslint, source.text, filePath);
    }
    const flows = takeFlows(filePath);
    const fatal = messages.find((m) => m.fatal);
    if (fatal) {
      if (STACK_OVERFLOW.test(fatal.message)) warn('depth-limit', 'Nested too deeply to parse: the file was not analysed');
      else warn('parse-error', `JavaScript syntax error at line ${fatal.line}: ${cleanMessage(fatal.message.replace(/^Parsing error:\s*/, ''))}; the file was not analysed`);
      return { hits: [], warnings };
    }
    return { hits: toHits(messages, source, flows), warnings };
  } catch (e) {
    takeFlows(filePath);
    if (e instanceof RangeError) warn('depth-limit', 'Nested too deeply to analyse: the file was not analysed');
    else warn('analysis-error', `The file could not be analysed: ${cleanMessage(e instanceof Error ? e.message.split('\n')[0] : String(e))}`);
    return { hits: [], warnings };
  }
}

function isFatal(messages: Linter.LintMessage[]): boolean {
  return messages.length > 0 && messages.some((m) => m.fatal);
}

function toHits(messages: Linter.LintMessage[], source: SourceText, flows: Map<string, CodeHit['flow'] & object>): CodeHit[] {
  const lines = source.text.split(LINE_BREAK);
  const reported = new Set(messages.map((m) => `${m.ruleId}\u0000${m.line}`));
  const hits: CodeHit[] = [];
  for (const m of messages) {
    if (!m.ruleId) continue;
    const rule = ruleByEslintName.get(m.ruleId);
    if (!rule) continue;
    if (!keepMessage(m, lines, source.path)) continue;
    if (DUPLICATE_OF[m.ruleId]?.some((other) => reported.has(`${other}\u0000${m.line}`))) continue;
    const hit: CodeHit = {
      ruleId: rule.id,
      path: source.path,
      line: m.line,
      column: m.column,
      ...(m.endLine ? { endLine: m.endLine } : {}),
      ...(m.endColumn ? { endColumn: m.endColumn } : {}),
      message: cleanMessage(m.message),
      sinkText: sinkText(lines, m),
    };
    if (m.ruleId.startsWith(TAINT_PREFIX)) {
      const flow = flows.get(`${m.ruleId.slice(TAINT_PREFIX.length)}:${m.line}:${m.column}`);
      if (flow) hit.flow = flow;
    }
    hits.push(hit);
  }
  return hits;
}

/** Lint files one after another in this thread. */
export async function lintFiles(files: readonly SourceText[], names: readonly string[]): Promise<LintOutput> {
  const out: LintOutput = { hits: [], warnings: [] };
  for (const f of files) {
    const r = await lintFile(f, names);
    out.hits.push(...r.hits);
    out.warnings.push(...r.warnings);
  }
  return out;
}
