// One project scanner per language (code-python, code-javascript, code-csharp): the files of its
// language that are source (not vendored, minified or generated), analysed together so an analyser
// can spread them over worker threads, and each hit made a finding.
import type { ProjectScanner, ProjectView, ScanContext, ScanOutput } from '../types';
import { codeFindings, codeRuleMeta } from './finding';
import { pathSkipReason, textSkipReason } from './skip';
import type { CodeOptions, LanguageAnalyzer, SourceText } from './types';

export function makeCodeScanner(analyzer: LanguageAnalyzer): ProjectScanner<CodeOptions> {
  const rulesById = new Map(analyzer.rules.map((r) => [r.id, r]));
  return {
    kind: 'project',
    name: analyzer.scannerName,
    version: analyzer.version,
    category: 'code',
    rules: analyzer.rules.map(codeRuleMeta),
    defaultOptions: {},
    wants: (path) => analyzer.wants(path),
    async scanProject(project: ProjectView, ctx: ScanContext<CodeOptions>): Promise<ScanOutput> {
      const skipped: Record<string, number> = {};
      const skip = (reason: string) => (skipped[reason] = (skipped[reason] ?? 0) + 1);
      const only = ctx.options?.rules?.length ? new Set(ctx.options.rules) : undefined;
      function* texts(): Generator<SourceText> {
        for (const f of project.wanted) {
          ctx.signal?.throwIfAborted();
          const byPath = pathSkipReason(f.path);
          if (byPath) {
            skip(byPath);
            continue;
          }
          const text = project.readText(f.path);
          if (text === undefined) continue;
          const byText = textSkipReason(text, analyzer.language);
          if (byText) {
            skip(byText);
            if (byText === 'minified') ctx.warn({ code: 'minified', message: 'Not analysed: a minified or bundled file', path: f.path });
            continue;
          }
          yield { path: f.path, text };
        }
      }
      const hits = await analyzer.analyze(texts(), {
        only,
        signal: ctx.signal,
        warn: (code, message, path) => ctx.warn({ code, message, path }),
        skip,
      });
      return { findings: codeFindings(hits.filter((h) => !only || only.has(h.ruleId)), rulesById), skipped };
    },
  };
}
