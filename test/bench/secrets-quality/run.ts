// `npm run bench:secrets-quality`: recall and false positives of the secrets scanner on an
// independent evaluation set (test/bench/secrets-quality: samples written from each provider's
// documented token format, in many file syntaxes, plus hard negatives). The set is written to a
// temporary folder and scanned with the built CLI exactly as an outside reviewer would:
// `node dist/service/cli.js <dir> --format json`. A finding counts for a planted secret when it is in
// the same file on the secret's line (any rule); every finding in a negative file is a false positive.
// Measured, not asserted: exits 0 unless the run itself fails.
//
// Options: --out <file> (full results as JSON), --seed <text>, --keep (keep the folder),
// --min-confidence <low|medium|high> (the second column's threshold, default medium).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_SEED, type EvalSet, generateSet, writeSet } from './generate';
import type { Case } from './model';
import { REPO, ensureServiceCompiled } from '../compiled';

const DIST_CLI = join(REPO, 'dist', 'service', 'cli.js');
const CONFIDENCE_RANK: Record<string, number> = { high: 3, medium: 2, low: 1 };

interface Hit { path: string; line: number; ruleId: string; confidence?: string; category?: string }

function scan(root: string): { hits: Hit[]; ms: number; stderr: string } {
  const out = join(root, '..', `${root.split(/[\\/]/).pop()}-report.json`);
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [DIST_CLI, root, '--format', 'json', '--output', out], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`the CLI exited with ${r.status}: ${r.stderr}`);
  const report = JSON.parse(readFileSync(out, 'utf8')) as { findings: { ruleId: string; confidence?: string; category?: string; location: { path?: string; line?: number } }[] };
  rmSync(out, { force: true });
  const hits = report.findings
    .filter((f) => f.location.path !== undefined)
    .map((f) => ({ path: f.location.path!.replace(/\\/g, '/'), line: f.location.line ?? 0, ruleId: f.ruleId, confidence: f.confidence, category: f.category }));
  return { hits, ms, stderr: r.stderr.trim() };
}

interface CaseResult {
  path: string;
  provider: string;
  syntax: string;
  kind: 'positive' | 'negative';
  variant: string;
  /** positives: found by any finding on the secret's line(s). */
  found?: boolean;
  /** positives: found by a finding at or above the confidence threshold. */
  foundConfident?: boolean;
  /** The rules of the findings that found it (positives), or that fired (negatives). */
  rules: string[];
  /** positives: findings elsewhere in the file. negatives: every finding. */
  otherFindings: { line: number; ruleId: string; confidence?: string }[];
  lines?: string;
}

function confident(h: Hit, min: number): boolean {
  return h.confidence === undefined || (CONFIDENCE_RANK[h.confidence] ?? 0) >= min;
}

function score(set: EvalSet, hits: Hit[], min: number): CaseResult[] {
  const byPath = new Map<string, Hit[]>();
  for (const h of hits) {
    const list = byPath.get(h.path) ?? [];
    list.push(h);
    byPath.set(h.path, list);
  }
  return set.cases.map((c: Case): CaseResult => {
    const mine = byPath.get(c.path) ?? [];
    if (c.kind === 'negative') {
      return { path: c.path, provider: c.provider, syntax: c.syntax, kind: c.kind, variant: c.variant, rules: [...new Set(mine.map((h) => h.ruleId))], otherFindings: mine.map((h) => ({ line: h.line, ruleId: h.ruleId, confidence: h.confidence })) };
    }
    const on = (h: Hit): boolean => c.spans.some((s) => h.line >= s.start && h.line <= s.end);
    const hitsOn = mine.filter(on);
    return {
      path: c.path, provider: c.provider, syntax: c.syntax, kind: c.kind, variant: c.variant,
      found: hitsOn.length > 0,
      foundConfident: hitsOn.some((h) => confident(h, min)),
      rules: [...new Set(hitsOn.map((h) => `${h.ruleId}${h.confidence ? `(${h.confidence})` : ''}`))],
      otherFindings: mine.filter((h) => !on(h)).map((h) => ({ line: h.line, ruleId: h.ruleId, confidence: h.confidence })),
      lines: c.spans.map((s) => (s.start === s.end ? `${s.start}` : `${s.start}-${s.end}`)).join(','),
    };
  });
}

interface Tally { positives: number; found: number; foundConfident: number; negatives: number; flagged: number; flaggedConfident: number; fpFindings: number; fpFindingsConfident: number; offLine: number }

function tally(results: CaseResult[], min: number): Tally {
  const t: Tally = { positives: 0, found: 0, foundConfident: 0, negatives: 0, flagged: 0, flaggedConfident: 0, fpFindings: 0, fpFindingsConfident: 0, offLine: 0 };
  for (const r of results) {
    if (r.kind === 'positive') {
      t.positives++;
      if (r.found) t.found++;
      if (r.foundConfident) t.foundConfident++;
      t.offLine += r.otherFindings.length;
    } else {
      t.negatives++;
      const conf = r.otherFindings.filter((f) => f.confidence === undefined || (CONFIDENCE_RANK[f.confidence] ?? 0) >= min);
      if (r.otherFindings.length) t.flagged++;
      if (conf.length) t.flaggedConfident++;
      t.fpFindings += r.otherFindings.length;
      t.fpFindingsConfident += conf.length;
    }
  }
  return t;
}

const pct = (n: number, d: number): string => (d === 0 ? '    -' : `${((100 * n) / d).toFixed(1).padStart(5)}%`);

function group<K extends string>(results: CaseResult[], key: (r: CaseResult) => K): Map<K, CaseResult[]> {
  const m = new Map<K, CaseResult[]>();
  for (const r of results) {
    const k = key(r);
    const list = m.get(k) ?? [];
    list.push(r);
    m.set(k, list);
  }
  return m;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      seed: { type: 'string' },
      keep: { type: 'boolean' },
      'min-confidence': { type: 'string' },
    },
  });
  const minName = values['min-confidence'] ?? 'medium';
  const min = CONFIDENCE_RANK[minName];
  if (!min) throw new Error(`--min-confidence must be low, medium or high (got ${minName})`);
  ensureServiceCompiled(DIST_CLI);
  const set = generateSet(values.seed ?? DEFAULT_SEED);
  const root = mkdtempSync(join(tmpdir(), 'vigil-secrets-quality-'));
  try {
    writeSet(root, set);
    const { hits, ms, stderr } = scan(root);
    const secretHits = hits.filter((h) => h.category === undefined || h.category === 'secret');
    const results = score(set, secretHits, min);
    const hasConfidence = secretHits.some((h) => h.confidence !== undefined);
    const all = tally(results, min);
    const positives = results.filter((r) => r.kind === 'positive');
    const C = `>=${minName}`;

    console.log(`secrets quality: ${set.providers.length} providers, ${all.positives} planted secrets in ${new Set(positives.map((r) => r.syntax)).size} syntaxes, ${all.negatives} hard-negative files (seed "${set.seed}")`);
    console.log(`scanned ${set.cases.length} files with node dist/service/cli.js --format json in ${(ms / 1000).toFixed(1)} s${stderr ? ` (${stderr.split('\n').pop()})` : ''}`);
    if (!hasConfidence) console.log('(the findings carry no confidence: the second columns equal the first)');
    console.log('');

    // Per provider.
    console.log(`provider                          pos  found  recall  ${C.padEnd(8)} recall   neg  flagged  FP  FP${C}  extra`);
    const byProvider = group(results, (r) => r.provider);
    const rows: { id: string; t: Tally }[] = [];
    for (const [id, list] of byProvider) rows.push({ id, t: tally(list, min) });
    for (const { id, t } of rows) {
      console.log(
        `${id.padEnd(32)} ${String(t.positives).padStart(4)} ${String(t.found).padStart(6)} ${pct(t.found, t.positives)} ${String(t.foundConfident).padStart(9)} ${pct(t.foundConfident, t.positives)}` +
          ` ${String(t.negatives).padStart(5)} ${String(t.flagged).padStart(8)} ${String(t.fpFindings).padStart(3)} ${String(t.fpFindingsConfident).padStart(5 + C.length)} ${String(t.offLine).padStart(6)}`,
      );
    }
    console.log('(pos: planted secrets; found: a finding on the secret\'s line, any rule; neg: hard-negative files; flagged: negative files with a finding;');
    console.log(' FP: findings in negative files; extra: findings on other lines of positive files, e.g. a paired id reported on its own)');

    // Per syntax.
    console.log('');
    console.log(`syntax                   pos  found  recall  ${C.padEnd(8)} recall`);
    const bySyntax = [...group(positives, (r) => r.syntax)].map(([s, list]) => ({ s, t: tally(list, min) })).sort((a, b) => a.t.found / a.t.positives - b.t.found / b.t.positives);
    for (const { s, t } of bySyntax) {
      console.log(`${s.padEnd(22)} ${String(t.positives).padStart(5)} ${String(t.found).padStart(6)} ${pct(t.found, t.positives)} ${String(t.foundConfident).padStart(9)} ${pct(t.foundConfident, t.positives)}`);
    }

    // Negatives by kind.
    console.log('');
    console.log('hard negatives           files  flagged  findings  rules');
    const negatives = results.filter((r) => r.kind === 'negative');
    for (const [what, list] of [...group(negatives, (r) => r.variant.replace(/^(placeholder|emulator|aws-docs|stripe-docs)-.*$/, '$1-*'))].sort()) {
      const flagged = list.filter((r) => r.otherFindings.length > 0);
      const rules = [...new Set(flagged.flatMap((r) => r.rules))].slice(0, 4).join(' ');
      console.log(`${what.padEnd(24)} ${String(list.length).padStart(5)} ${String(flagged.length).padStart(8)} ${String(list.reduce((n, r) => n + r.otherFindings.length, 0)).padStart(9)}  ${rules}`);
    }

    // Overall.
    console.log('');
    console.log(`overall recall: ${pct(all.found, all.positives).trim()} (${all.found}/${all.positives}) with any finding; ${pct(all.foundConfident, all.positives).trim()} (${all.foundConfident}/${all.positives}) at confidence ${C}`);
    console.log(`false positives: ${all.fpFindings} findings in ${all.flagged} of ${all.negatives} hard-negative files; ${all.fpFindingsConfident} findings in ${all.flaggedConfident} files at confidence ${C}`);
    console.log(`extra findings on unplanted lines of positive files: ${all.offLine}`);
    const worstProviders = [...rows].filter((r) => r.t.positives > 0).sort((a, b) => a.t.found / a.t.positives - b.t.found / b.t.positives).slice(0, 10);
    console.log(`worst providers: ${worstProviders.map((r) => `${r.id} ${pct(r.t.found, r.t.positives).trim()}`).join(', ')}`);
    console.log(`worst syntaxes: ${bySyntax.slice(0, 8).map((r) => `${r.s} ${pct(r.t.found, r.t.positives).trim()}`).join(', ')}`);

    // Misses, grouped by provider, so engineers can act on them.
    console.log('');
    console.log('misses (provider: syntax[variant] ...; files under <provider>/<syntax>/):');
    for (const [id, list] of byProvider) {
      const missed = list.filter((r) => r.kind === 'positive' && !r.found);
      if (missed.length) console.log(`  ${id} (${missed.length}): ${missed.map((r) => `${r.syntax}${r.variant && list.filter((x) => x.kind === 'positive').some((x) => x.variant !== r.variant) ? `[${r.variant}]` : ''}`).join(' ')}`);
    }
    const fps = negatives.filter((r) => r.otherFindings.length > 0);
    if (fps.length) {
      console.log('');
      console.log('false positives (file: line rule confidence):');
      for (const r of fps) console.log(`  ${r.path}: ${r.otherFindings.map((f) => `${f.line} ${f.ruleId}${f.confidence ? ` ${f.confidence}` : ''}`).join('; ')}`);
    }

    if (values.out) {
      const out = resolve(process.env.INIT_CWD ?? process.cwd(), values.out);
      writeFileSync(out, `${JSON.stringify({
        seed: set.seed, minConfidence: minName, scannedMs: Math.round(ms), overall: all,
        providers: rows.map((r) => ({ ...set.providers.find((p) => p.id === r.id), ...r.t })),
        syntaxes: bySyntax.map((r) => ({ syntax: r.s, ...r.t })),
        cases: results,
      }, null, 2)}\n`);
      console.log('');
      console.log(`full results: ${out}`);
    }
  } finally {
    if (values.keep) console.log(`kept the set at ${root}`);
    else rmSync(root, { recursive: true, force: true });
  }
}

try {
  main();
} catch (err) {
  console.error(err);
  process.exit(1);
}
