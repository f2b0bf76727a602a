// A taint rule as an ESLint rule. The engine runs once per file (the first of the rules to finish
// the file runs it for all of them, keyed by ESLint's SourceCode), each rule reports its own hits
// and records their flows for takeFlows.
import type { Rule, SourceCode } from 'eslint';
import type { CodeRule } from '../../types';
import { analyzeSource, type FileAnalysis } from './engine/analyze';
import type { HitStore, SinkMatcher } from './engine/api';
import type { JsFile } from './engine/modules';
import { flowKey, recordFlow, resetFlows } from './flows';

export interface TaintRuleDef {
  rule: CodeRule;
  /** The ESLint rule name under the plugin 'vigil-taint'. */
  name: string;
  /** Request data reaching a sink. */
  sink?: SinkMatcher;
  /** A check of the whole file that needs no request data (jwt.verify without algorithms). */
  check?: (file: JsFile, hits: HitStore) => void;
}

const analyses = new WeakMap<SourceCode, FileAnalysis | null>();

function analysisFor(context: Rule.RuleContext, defs: readonly TaintRuleDef[]): FileAnalysis | null {
  const source = context.sourceCode;
  if (analyses.has(source)) return analyses.get(source)!;
  resetFlows(context.filename);
  let result: FileAnalysis | null = null;
  try {
    result = analyzeSource(source, context.filename.replace(/\\/g, '/'), defs.flatMap((d) => (d.sink ? [d.sink] : [])), defs.flatMap((d) => (d.check ? [d.check] : [])));
  } catch (e) {
    // A hostile file that still overflows the stack (the walks are bounded, ESLint's own are not) is not analysed.
    if (!(e instanceof RangeError)) throw e;
  }
  analyses.set(source, result);
  return result;
}

export function eslintRuleOf(def: TaintRuleDef, all: () => readonly TaintRuleDef[]): Rule.RuleModule {
  return {
    meta: { type: 'problem', docs: { description: def.rule.title }, schema: [] },
    create(context) {
      return {
        'Program:exit'() {
          const analysis = analysisFor(context, all());
          for (const hit of analysis?.hits.byRule.get(def.name) ?? []) {
            context.report({ node: hit.node as never, message: hit.message });
            const { line, column } = hit.node.loc!.start;
            recordFlow(context.filename, flowKey(def.name, line, column + 1), hit.flow);
          }
        },
      };
    },
  };
}
