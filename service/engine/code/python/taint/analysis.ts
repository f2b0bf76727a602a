// One taint analysis per Python file, shared by the taint rules (each reports the hits of its kind).
import type { PyFile, PyRule, Report } from '../context';
import { analyzeTaint, type TaintHit, type TaintSpec } from '../../taint';
import type { CodeRule } from '../../types';
import { pythonTaintAdapter } from './adapter';
import { builtString, parameterSources, returnsHtml, usesDjango } from './frameworks';
import { PY_DJANGO_SOURCES, PY_TAINT_SPEC, type PySinkKind } from './spec';

const PY_DJANGO_SPEC: TaintSpec = { ...PY_TAINT_SPEC, sources: [...PY_TAINT_SPEC.sources, ...PY_DJANGO_SOURCES] };

/**
 * Files with none of these cannot hold a source: most of a project is skipped without a walk. Every
 * source name (spec.ts) holds `request` or a Tornado/Django name below; parameter sources need a
 * route decorator, a WSGI `start_response` parameter, or a Django view's `request` (frameworks.ts).
 */
const MAY_HAVE_SOURCES = /request|start_response|get_argument|get_query_argument|get_body_argument|get_cookie|self\.(?:kwargs|args)\b|@[\w.]*\b(?:route|get|post|put|patch|delete|head|options|api_route|websocket|view_config)\s*\(/;

const results = new WeakMap<PyFile, TaintHit[]>();

export function pythonTaintHits(file: PyFile): TaintHit[] {
  let hits = results.get(file);
  if (hits) return hits;
  hits = [];
  if (MAY_HAVE_SOURCES.test(file.text)) {
    const django = usesDjango(file);
    const spec: TaintSpec = {
      ...(django ? PY_DJANGO_SPEC : PY_TAINT_SPEC),
      parameters: (unit) => parameterSources(unit, file, django),
      returnSinks: [{ kind: 'xss', units: (unit) => returnsHtml(unit, file), select: builtString, label: (unit) => `the HTML response of ${unit.name ?? 'the view'}` }],
    };
    hits = analyzeTaint(file.root, pythonTaintAdapter(file.imports), spec).hits;
  }
  results.set(file, hits);
  return hits;
}

/** A taint rule: the file's hits of one sink kind, reported at the sink with their flow. */
export function taintRule(kind: PySinkKind, rule: Omit<CodeRule, 'language' | 'taint'>): PyRule {
  return {
    rule: { ...rule, language: 'python', taint: true },
    on: {
      module(_node, file, report: Report) {
        for (const h of pythonTaintHits(file)) if (h.kind === kind) report(h.node, h.message, h.flow);
      },
    },
  };
}
