// One side of a code benchmark comparison, in its own process so its peak RSS is its own:
//   vigil <language> <dir> <runs>      scanDirectory with only that language's code scanner
//   eslint <dir> <file-list> <runs>    plain ESLint (one process, new ESLint(...)) with the SDL, security
//                                      and no-unsanitized plugins running the same upstream rules as
//                                      Vigil, without Vigil's taint rules, over an explicit file list
//                                      (each rule guarded against crashes, as Vigil's are)
// One warm-up run (JIT, WASM grammars, the OS file cache), then `runs` timed runs. Prints one JSON line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sdlPlugin from '@microsoft/eslint-plugin-sdl';
import * as tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter, type Rule } from 'eslint';
import noUnsanitizedPlugin from 'eslint-plugin-no-unsanitized';
import securityPlugin from 'eslint-plugin-security';
import { codeScanners } from '../../../service/engine/code/analyzers';
import { eslintRules } from '../../../service/engine/code/javascript/rules';
import { scanDirectory } from '../../../service/engine/scan';

export interface ChildReport {
  /** Wall time of each timed run. */
  ms: number[];
  /** CPU time (user + system, every thread) of each timed run: steadier than wall time on a busy machine. */
  cpuMs: number[];
  filesScanned: number;
  filesSkipped: Record<string, number>;
  findings: number;
  /** Findings by upstream test id (Bandit, ESLint, SCS) or, for Vigil's own rules, by rule id. */
  byTest: Record<string, number>;
  /** Files that did not parse (or other per-file problems). */
  problems: number;
  maxRssMb: number;
}

const cpuOf = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};
const count = (into: Record<string, number>, key: string) => (into[key] = (into[key] ?? 0) + 1);

async function vigil(language: string, dir: string, runs: number): Promise<ChildReport> {
  const scanner = codeScanners.find((s) => s.name === `code-${language}`);
  if (!scanner) throw new Error(`no scanner code-${language}`);
  await scanDirectory(dir, { scanners: [scanner] });
  const ms: number[] = [];
  const cpuMs: number[] = [];
  let last: Awaited<ReturnType<typeof scanDirectory>> | undefined;
  for (let i = 0; i < runs; i++) {
    last = undefined;
    const [t0, cpu] = [performance.now(), process.cpuUsage()];
    last = await scanDirectory(dir, { scanners: [scanner] });
    ms.push(performance.now() - t0);
    cpuMs.push(cpuOf(cpu));
  }
  const run = last!.scanners.find((s) => s.scanner === scanner.name)!;
  const byTest: Record<string, number> = {};
  for (const f of last!.findings) {
    const upstream = f.details?.extra?.upstream as { id?: string } | undefined;
    count(byTest, upstream?.id ?? f.ruleId);
  }
  return {
    ms,
    cpuMs,
    filesScanned: run.filesScanned,
    filesSkipped: run.filesSkipped,
    findings: last!.findings.length,
    byTest,
    problems: last!.warnings.filter((w) => w.scanner === scanner.name).length,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

/**
 * A rule whose listeners cannot throw. SDL's no-insecure-random throws on `require(name)` with a
 * non-literal name, and ESLint then aborts the whole run; Vigil guards its rules the same way.
 */
function guarded(rules: Record<string, Rule.RuleModule>): ESLint.Plugin {
  const safe = (rule: Rule.RuleModule): Rule.RuleModule => ({
    ...rule,
    create(context) {
      const listeners = rule.create(context) as Record<string, (...args: unknown[]) => void>;
      return Object.fromEntries(
        Object.entries(listeners).map(([selector, listener]) => [
          selector,
          (...args: unknown[]) => {
            try {
              listener(...args);
            } catch {
              // one rule on one node: the rest of the file is still linted
            }
          },
        ]),
      ) as Rule.RuleListener;
    },
  });
  return { rules: Object.fromEntries(Object.entries(rules).map(([name, rule]) => [name, safe(rule)])) };
}

function baselineConfig(): Linter.Config[] {
  const names = eslintRules.map((r) => r.upstream!.id);
  return [
    { linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' } },
    { files: ['**/*.{js,jsx,mjs,cjs}'], languageOptions: { ecmaVersion: 'latest', sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } } },
    { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
    { files: ['**/*.{ts,tsx,mts,cts}'], languageOptions: { parser: tsParser as Linter.Parser, sourceType: 'module' } },
    {
      plugins: {
        '@microsoft/sdl': guarded(sdlPlugin.rules as Record<string, Rule.RuleModule>),
        security: guarded(securityPlugin.rules as Record<string, Rule.RuleModule>),
        'no-unsanitized': guarded(noUnsanitizedPlugin.rules as Record<string, Rule.RuleModule>),
      },
      rules: Object.fromEntries(names.map((n) => [n, 'error'] as const)),
    },
  ];
}

async function eslintBaseline(dir: string, listFile: string, runs: number): Promise<ChildReport> {
  const files = readFileSync(listFile, 'utf8').split('\n').filter(Boolean).map((f) => join(dir, f));
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, allowInlineConfig: false, cache: false, overrideConfig: baselineConfig() });
  await eslint.lintFiles(files);
  const ms: number[] = [];
  const cpuMs: number[] = [];
  let results: ESLint.LintResult[] = [];
  for (let i = 0; i < runs; i++) {
    results = [];
    const [t0, cpu] = [performance.now(), process.cpuUsage()];
    results = await eslint.lintFiles(files);
    ms.push(performance.now() - t0);
    cpuMs.push(cpuOf(cpu));
  }
  const byTest: Record<string, number> = {};
  let findings = 0;
  let problems = 0;
  for (const r of results) {
    for (const m of r.messages) {
      if (m.fatal) problems++;
      else if (m.ruleId) {
        findings++;
        count(byTest, m.ruleId);
      }
    }
  }
  return { ms, cpuMs, filesScanned: results.length, filesSkipped: {}, findings, byTest, problems, maxRssMb: process.resourceUsage().maxRSS / 1024 };
}

async function main(): Promise<void> {
  const [mode, a, b, c] = process.argv.slice(2);
  const report = mode === 'vigil' ? await vigil(a, b, Number(c)) : mode === 'eslint' ? await eslintBaseline(a, b, Number(c)) : undefined;
  if (!report) throw new Error('usage: child.ts vigil <language> <dir> <runs> | eslint <dir> <file-list> <runs>');
  console.log(JSON.stringify(report));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
