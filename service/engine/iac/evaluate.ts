// Rules over loaded resources: an explicit index by (model, resource type), one pass over each
// group's resources, findings for fails (suppressed by `#checkov:skip=` / `vigil:ignore` inside the
// resource block), results for passes and unknowns.
import type { RuleMeta } from '../../contract/model';
import { errorLine } from '../error-text';
import { fingerprint } from '../fingerprint';
import { parseInlineDirective } from '../suppress';
import type { Finding, RuleResult, Warn } from '../types';
import type { IacResource, IacRule, ResourceGroup, ResourceSkip, RuleContext, Verdict } from './types';
import { displayValue, isUnknown } from './values';

export const checkovIds = (rule: IacRule): readonly string[] => (rule.checkov === undefined ? [] : typeof rule.checkov === 'string' ? [rule.checkov] : rule.checkov);

/** The rule's catalog metadata (SARIF descriptors, docs, the hub). */
export function iacRuleMeta(rule: IacRule): RuleMeta {
  const references: NonNullable<RuleMeta['references']> = [
    ...checkovIds(rule).map((id) => ({ type: 'checkov' as const, id })),
    ...(rule.cis ?? []).map((id) => ({ type: 'cis' as const, id })),
  ];
  return {
    id: rule.id,
    title: rule.title,
    severity: rule.severity,
    confidence: rule.confidence ?? 'high',
    category: 'iac',
    description: rule.description,
    remediation: rule.remediation,
    ...(rule.remediationSnippet ? { remediationSnippet: rule.remediationSnippet } : {}),
    ...(rule.helpUri ? { helpUri: rule.helpUri } : {}),
    tags: [...new Set(['iac', rule.model, ...Object.keys(rule.examples), ...(rule.tags ?? [])])],
    ...(rule.cwe?.length ? { cwe: [...rule.cwe] } : {}),
    ...(references.length ? { references } : {}),
  };
}

export interface RuleIndex {
  rules: readonly IacRule[];
  forResource(r: IacResource): readonly IacRule[];
}

export function indexRules(rules: readonly IacRule[]): RuleIndex {
  const byKey = new Map<string, IacRule[]>();
  for (const rule of rules) {
    for (const type of rule.resourceTypes) {
      const key = `${rule.model}\u0000${type}`;
      let list = byKey.get(key);
      if (!list) byKey.set(key, (list = []));
      list.push(rule);
    }
  }
  const cache = new Map<string, readonly IacRule[]>();
  return {
    rules,
    forResource(r) {
      const key = `${r.model}\u0000${r.type}`;
      let list = cache.get(key);
      if (!list) {
        list = [...(byKey.get(key) ?? []), ...(byKey.get(`${r.model}\u0000*`) ?? [])];
        cache.set(key, list);
      }
      return list;
    },
  };
}

export interface Evaluation {
  findings: Finding[];
  results: RuleResult[];
}

function contextOf(group: ResourceGroup): RuleContext {
  let byType: Map<string, IacResource[]> | undefined;
  return {
    resources: group.resources,
    ofType(type) {
      if (!byType) {
        byType = new Map();
        for (const r of group.resources) {
          let list = byType.get(r.type);
          if (!list) byType.set(r.type, (list = []));
          list.push(r);
        }
      }
      return byType.get(type) ?? [];
    },
  };
}

const asList = (v: Verdict | readonly Verdict[]): readonly Verdict[] => (Array.isArray(v) ? (v as readonly Verdict[]) : [v as Verdict]);

export function evaluateGroups(groups: readonly ResourceGroup[], index: RuleIndex, text: (path: string) => string | undefined, warn: Warn): Evaluation {
  const out: Evaluation = { findings: [], results: [] };
  const skipsOf = skipReader(text);
  for (const group of groups) {
    const ctx = contextOf(group);
    for (const r of group.resources) {
      // A resource whose condition is known to be false is never deployed (CloudFormation Conditions).
      if (r.meta?.conditionValue === false) continue;
      const rules = index.forResource(r);
      // Rules of one resource often point at the same attribute (or at parents of missing ones).
      const located = new Map<string, { path: string; line: number }>();
      const at = (path: string | undefined) => locateOnce(r, path, located);
      for (const rule of rules) {
        let verdicts: readonly Verdict[];
        try {
          verdicts = asList(rule.check(r, ctx));
        } catch (err) {
          warn({ code: 'rule-error', path: r.path, message: `${rule.id} could not judge ${r.address}: ${errorLine(err)}` });
          out.results.push(result(rule, r, { outcome: 'unknown' }, at, 'error', `the rule failed: ${errorLine(err)}`));
          continue;
        }
        for (const v of verdicts) {
          if (v.outcome === 'fail') out.findings.push(finding(rule, r, v, at, skipsOf(r, rule)));
          else if (v.outcome === 'pass') out.results.push(result(rule, r, v, at));
          else if (v.outcome === 'unknown') out.results.push(result(rule, r, v, at, 'unsupported', unknownText(v)));
        }
      }
    }
  }
  return out;
}

function unknownText(v: Verdict): string {
  if (v.reason) return v.reason;
  const what = v.path ? `The value of ${v.path}` : 'A value the rule reads';
  return isUnknown(v.value) ? `${what} (${v.value.expr}) is not known before deployment` : `${what} is not known before deployment`;
}

type Located = { path: string; line: number };
type Locate = (path: string | undefined) => Located;

/** Where `path` is written: its own line, else the nearest parent's, else the resource's. */
function locateOnce(r: IacResource, path: string | undefined, located: Map<string, Located>): Located {
  if (!path) return { path: r.path, line: r.line };
  let at = located.get(path);
  if (!at) {
    const own = r.lineOf(path);
    if (own) at = { path: own.path ?? r.path, line: own.line };
    else {
      const parent = parentPath(path);
      at = parent ? locateOnce(r, parent, located) : { path: r.path, line: r.line };
    }
    located.set(path, at);
  }
  return at;
}

function parentPath(p: string): string | undefined {
  const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
  return cut > 0 ? p.slice(0, cut) : undefined;
}

function location(r: IacResource, v: Verdict, locate: Locate): Finding['location'] {
  const at = locate(v.path);
  const value = v.value === undefined || isUnknown(v.value) ? undefined : displayValue(v.value);
  return {
    kind: 'resource',
    path: at.path,
    line: at.line,
    address: r.address.slice(0, 1000),
    ...(v.path ? { attribute: v.path.slice(0, 1000) } : {}),
    ...(value !== undefined ? { value: typeof value === 'string' ? value.slice(0, 1000) : value } : {}),
  };
}

function describe(rule: IacRule, r: IacResource, v: Verdict): string {
  if (v.message) return v.message;
  if (!v.path) return `${rule.title}: ${r.address}`;
  if (v.value === undefined) return `${rule.title}: ${r.address} does not set ${v.path}`;
  const shown = displayValue(v.value);
  return `${rule.title}: ${r.address} sets ${v.path} to ${typeof shown === 'string' ? JSON.stringify(shown) : String(shown)}`;
}

function finding(rule: IacRule, r: IacResource, v: Verdict, locate: Locate, skip: ResourceSkip | undefined): Finding {
  const checkov = checkovIds(rule);
  return {
    ruleId: rule.id,
    title: rule.title,
    severity: rule.severity,
    category: 'iac',
    confidence: rule.confidence ?? 'high',
    message: describe(rule, r, v),
    location: location(r, v, locate),
    fingerprint: fingerprint(rule.id, r.path, r.address, v.path ?? ''),
    details: {
      extra: {
        platform: r.platform,
        model: r.model,
        resourceType: r.type,
        ...(checkov.length ? { checkov: checkov[0] } : {}),
        ...(rule.remediationSnippet ? { fix: rule.remediationSnippet } : {}),
      },
    },
    remediation: rule.remediation,
    ...(rule.helpUri ? { helpUri: rule.helpUri } : {}),
    ...(rule.cwe?.length ? { cwe: [...rule.cwe] } : {}),
    ...(skip ? { suppressed: { kind: 'inline' as const, reason: skip.reason } } : {}),
  };
}

function result(rule: IacRule, r: IacResource, v: Verdict, locate: Locate, code?: 'unsupported' | 'error', text?: string): RuleResult {
  return {
    ruleId: rule.id,
    category: 'iac',
    outcome: v.outcome === 'pass' ? 'pass' : 'not-available',
    location: location(r, v, locate),
    subjectKey: fingerprint(rule.id, r.path, r.address, v.path ?? ''),
    ...(code ? { reason: { code, text: (text ?? '').slice(0, 2000) } } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Skips: the resource's own (annotations), and comments inside its block in its file:
// `#checkov:skip=CKV_AZURE_35:reason` (for rules that declare that Checkov id) and
// `# vigil:ignore IAC-TF-AZ-STORAGE-TLS reason`.

const CHECKOV_SKIP = /checkov:skip=\s*([A-Za-z0-9_]+)\s*(?::\s*(.*?))?\s*(?:\*\/|-->)?\s*$/;

interface FileSkip extends ResourceSkip {
  line: number;
}

function skipReader(text: (path: string) => string | undefined): (r: IacResource, rule: IacRule) => ResourceSkip | undefined {
  const byFile = new Map<string, FileSkip[]>();
  const fileSkips = (path: string): FileSkip[] => {
    let list = byFile.get(path);
    if (list) return list;
    list = [];
    const t = text(path);
    if (t !== undefined && (t.includes('checkov:skip') || t.includes('vigil:ignore'))) {
      const lines = t.split('\n');
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i];
        if (line.includes('checkov:skip')) {
          const m = CHECKOV_SKIP.exec(line);
          if (m) list.push({ id: m[1], reason: `checkov:skip ${m[1]}${m[2] ? `: ${m[2]}` : ''}`, line: i + 1 });
        }
        if (line.includes('vigil:ignore')) {
          const d = parseInlineDirective(line);
          for (const id of d?.ruleIds ?? []) list.push({ id, reason: d!.reason || 'vigil:ignore', line: i + 1 });
        }
      }
    }
    byFile.set(path, list);
    return list;
  };
  return (r, rule) => {
    const checkov = checkovIds(rule);
    const named = (s: ResourceSkip) => s.id === rule.id || checkov.includes(s.id);
    const own = r.skips?.find(named);
    if (own) return own;
    return fileSkips(r.path).find((s) => s.line >= r.line && s.line <= r.endLine && named(s));
  };
}
