// The flows of the taint findings of each linted file, kept until the analyser takes them. Keys are
// `${name}:${line}:${column}` as ESLint puts them in the LintMessage of the report: line 1-based,
// column 1-based (ESLint's node.loc.start.column + 1). Files are keyed by ESLint's filename
// (context.filename, the same path as LintResult.filePath). At most MAX_FILES files are held, so a
// caller that never takes them cannot grow memory without bound.
import type { FlowStep } from '../../types';

const MAX_FILES = 64;
const byFile = new Map<string, Map<string, FlowStep[]>>();

export function flowKey(name: string, line: number, column: number): string {
  return `${name}:${line}:${column}`;
}

/** A new lint of this file starts: its old flows go. */
export function resetFlows(filePath: string): void {
  byFile.delete(filePath);
}

export function recordFlow(filePath: string, key: string, flow: FlowStep[]): void {
  let map = byFile.get(filePath);
  if (!map) {
    while (byFile.size >= MAX_FILES) byFile.delete(byFile.keys().next().value!);
    map = new Map();
    byFile.set(filePath, map);
  }
  map.set(key, flow.map((s) => ({ ...s, label: s.label.slice(0, 300) })));
}

/** The flows recorded while linting this file, by `${name}:${line}:${column}` of the report; cleared. */
export function takeFlows(filePath: string): Map<string, FlowStep[]> {
  const map = byFile.get(filePath);
  byFile.delete(filePath);
  return map ?? new Map();
}
