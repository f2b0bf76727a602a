// A hit as a Finding of the shared model: the rule's metadata, the sink's location, and a fingerprint
// from rule + path + the normalised sink code (not the line), so moving code keeps its identity.
import { hash } from 'node:crypto';
import { fingerprint } from '../fingerprint';
import type { Reference } from '../../contract/model';
import type { Finding, RuleMeta } from '../types';
import type { CodeHit, CodeRule } from './types';

export function codeRuleMeta(rule: CodeRule): RuleMeta {
  const refs: Reference[] = rule.cwe.map((id) => ({ type: 'cwe', id }));
  if (rule.upstream) refs.push({ type: rule.upstream.type, id: rule.upstream.id });
  return {
    id: rule.id,
    title: rule.title,
    severity: rule.severity,
    confidence: rule.confidence,
    category: 'code',
    description: rule.description,
    remediation: rule.remediation,
    ...(rule.remediationSnippet ? { remediationSnippet: rule.remediationSnippet } : {}),
    ...(rule.helpUri ? { helpUri: rule.helpUri } : {}),
    tags: [...new Set(['code', rule.language, ...(rule.taint ? ['taint'] : []), ...(rule.tags ?? [])])],
    cwe: [...rule.cwe],
    references: refs,
  };
}

/** Whitespace and comments do not change a sink's identity. */
export function normaliseSink(code: string): string {
  return code.replace(/\s+/g, ' ').trim().slice(0, 2000);
}

/**
 * Findings for the hits of one scan. Identical sinks in one file (the same call twice) are told apart
 * by their order, so each keeps its own identity.
 */
export function codeFindings(hits: readonly CodeHit[], rules: ReadonlyMap<string, CodeRule>): Finding[] {
  const seen = new Map<string, number>();
  const ordered = [...hits].sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
  const out: Finding[] = [];
  const placed = new Set<string>();
  for (const hit of ordered) {
    const rule = rules.get(hit.ruleId);
    if (!rule) continue;
    const at = `${hit.ruleId}\u0000${hit.path}\u0000${hit.line}\u0000${hit.column}`;
    if (placed.has(at)) continue; // one finding per rule and place
    placed.add(at);
    const sink = hash('sha256', normaliseSink(hit.sinkText), 'hex').slice(0, 16);
    const key = `${hit.ruleId}\u0000${hit.path}\u0000${sink}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    out.push({
      ruleId: rule.id,
      title: rule.title,
      severity: hit.severity ?? rule.severity,
      category: 'code',
      confidence: hit.confidence ?? rule.confidence,
      message: hit.message,
      location: {
        kind: 'file',
        path: hit.path,
        line: hit.line,
        column: hit.column,
        ...(hit.endLine ? { endLine: hit.endLine } : {}),
        ...(hit.endColumn ? { endColumn: hit.endColumn } : {}),
        snippetHash: sink,
      },
      fingerprint: fingerprint(rule.id, hit.path, sink, ...(n ? [String(n)] : [])),
      details: {
        ...(hit.flow?.length ? { flow: hit.flow.slice(0, 50).map((s) => ({ ...s, label: s.label.slice(0, 300) })) } : {}),
        extra: { language: rule.language, ...(rule.upstream ? { upstream: { type: rule.upstream.type, id: rule.upstream.id } } : {}) },
      },
      remediation: rule.remediation,
      ...(rule.helpUri ? { helpUri: rule.helpUri } : {}),
      cwe: [...rule.cwe],
    });
  }
  return out;
}
