// The JavaScript/TypeScript analyser: ESLint 9 in-process with @microsoft/eslint-plugin-sdl,
// eslint-plugin-security, eslint-plugin-no-unsanitized and Vigil's taint rules, on texts only
// (no repository config, no inline config, no disk). Files go in batches to a small pool of worker
// threads when one can be started (pool.ts), else they are linted in this thread; either way the
// result is in input order, whatever finished first.
import type { AnalyzeContext, CodeHit, LanguageAnalyzer, SourceText } from '../types';
import type { LintOutput } from './lint';
import { eslintNamesFor } from './names';
import { lintPool, type LintPool } from './pool';
import { eslintRules } from './rules';
import { jsTaintRules } from './taint';

const SOURCE = /\.(?:[cm]?[jt]s|[jt]sx)$/i;
/** A batch closes at this many files or bytes, whichever comes first: small enough to keep both workers busy to the end. */
const BATCH_FILES = 16;
const BATCH_BYTES = 256 * 1024;
/** Larger (not minified) sources are mostly generated tables or parsers: linting one takes a minute or more. */
export const MAX_FILE_BYTES = 1024 * 1024;

function megabytes(n: number): string {
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

/** The texts within MAX_FILE_BYTES; each larger one is a warning and a skip. */
function* withinCap(texts: Iterable<SourceText>, ctx: AnalyzeContext): Generator<SourceText> {
  for (const source of texts) {
    const size = Buffer.byteLength(source.text, 'utf8');
    if (size <= MAX_FILE_BYTES) {
      yield source;
      continue;
    }
    ctx.skip?.('too-large');
    ctx.warn('file-too-large', `Not analysed: ${megabytes(size)} of source, above the ${megabytes(MAX_FILE_BYTES)} limit for one JavaScript/TypeScript file`, source.path);
  }
}

async function inPool(pool: LintPool, texts: Iterable<SourceText>, names: readonly string[], ctx: AnalyzeContext): Promise<LintOutput[]> {
  const results: LintOutput[] = [];
  const running = new Set<Promise<void>>();
  let batch: SourceText[] = [];
  let bytes = 0;
  const send = async () => {
    const index = results.length;
    results.push({ hits: [], warnings: [] });
    const files = batch;
    batch = [];
    bytes = 0;
    while (running.size >= pool.capacity) await Promise.race(running);
    const done: Promise<void> = pool.run(files, names).then((out) => {
      results[index] = out;
      running.delete(done);
    });
    running.add(done);
  };
  for (const source of texts) {
    ctx.signal?.throwIfAborted();
    batch.push(source);
    bytes += source.text.length;
    if (batch.length >= BATCH_FILES || bytes >= BATCH_BYTES) await send();
  }
  if (batch.length) await send();
  await Promise.all(running);
  return results;
}

async function inThread(texts: Iterable<SourceText>, names: readonly string[], ctx: AnalyzeContext): Promise<LintOutput[]> {
  const { lintFiles } = await import('./lint');
  const results: LintOutput[] = [];
  for (const source of texts) {
    ctx.signal?.throwIfAborted();
    results.push(await lintFiles([source], names));
  }
  return results;
}

/**
 * The files up to the end of the first batch, and the rest. A scan that fits in one batch is linted
 * in this thread unless workers already run: starting one costs more than linting a few files.
 */
function firstBatch(texts: Iterable<SourceText>): { head: SourceText[]; rest: Iterator<SourceText> | undefined } {
  const it = texts[Symbol.iterator]();
  const head: SourceText[] = [];
  let bytes = 0;
  while (head.length < BATCH_FILES && bytes < BATCH_BYTES) {
    const next = it.next();
    if (next.done) return { head, rest: undefined };
    head.push(next.value);
    bytes += next.value.text.length;
  }
  const next = it.next();
  if (next.done) return { head, rest: undefined };
  head.push(next.value);
  return { head, rest: it };
}

function* joined(head: SourceText[], rest: Iterator<SourceText>): Generator<SourceText> {
  yield* head;
  for (let next = rest.next(); !next.done; next = rest.next()) yield next.value;
}

async function analyze(all: Iterable<SourceText>, ctx: AnalyzeContext): Promise<CodeHit[]> {
  const names = eslintNamesFor(ctx.only);
  if (!names.length) return [];
  const texts = withinCap(all, ctx);
  const pool = lintPool();
  let results: LintOutput[];
  if (!pool) results = await inThread(texts, names, ctx);
  else if (pool.warm) results = await inPool(pool, texts, names, ctx);
  else {
    const { head, rest } = firstBatch(texts);
    results = rest ? await inPool(pool, joined(head, rest), names, ctx) : await inThread(head, names, ctx);
  }
  const hits: CodeHit[] = [];
  for (const out of results) {
    hits.push(...out.hits);
    for (const w of out.warnings) ctx.warn(w.code, w.message, w.path);
  }
  return hits;
}

export const javascriptAnalyzer: LanguageAnalyzer = {
  language: 'javascript',
  scannerName: 'code-javascript',
  version: '1',
  rules: [...eslintRules, ...jsTaintRules.map((t) => t.rule)],
  wants: (path) => SOURCE.test(path) && !/\.d\.[cm]?ts$/i.test(path),
  analyze,
};
