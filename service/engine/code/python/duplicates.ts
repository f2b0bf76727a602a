// One finding per sink, as the JavaScript scanner: a Bandit hotspot on the same code as a finding
// that says more about it (a taint finding with the flow from the request, or B703's check of the
// argument over B308's listing of every mark_safe) is dropped.
import type { CodeHit } from '../types';

const XML_PARSERS = ['CODE-PY-XML-CELEMENTTREE', 'CODE-PY-XML-ELEMENTTREE', 'CODE-PY-XML-EXPATBUILDER', 'CODE-PY-XML-EXPATREADER', 'CODE-PY-XML-LXML', 'CODE-PY-XML-MINIDOM', 'CODE-PY-XML-PULLDOM', 'CODE-PY-XML-SAX'];

/** Rule id → the rules whose hit on the same code replaces it. */
export const DUPLICATE_OF: Readonly<Record<string, readonly string[]>> = {
  'CODE-PY-SQL-STRING-BUILT': ['CODE-PY-TAINT-SQL'],
  'CODE-PY-DJANGO-EXTRA': ['CODE-PY-TAINT-SQL'],
  'CODE-PY-DJANGO-RAWSQL': ['CODE-PY-TAINT-SQL'],
  'CODE-PY-SUBPROCESS-SHELL-TRUE': ['CODE-PY-TAINT-COMMAND'],
  'CODE-PY-SUBPROCESS-WITHOUT-SHELL': ['CODE-PY-TAINT-COMMAND'],
  'CODE-PY-CALL-WITH-SHELL-TRUE': ['CODE-PY-TAINT-COMMAND'],
  'CODE-PY-START-PROCESS-WITH-SHELL': ['CODE-PY-TAINT-COMMAND'],
  'CODE-PY-START-PROCESS-NO-SHELL': ['CODE-PY-TAINT-COMMAND'],
  'CODE-PY-PICKLE': ['CODE-PY-TAINT-DESERIALIZATION'],
  'CODE-PY-MARSHAL': ['CODE-PY-TAINT-DESERIALIZATION'],
  'CODE-PY-YAML-LOAD': ['CODE-PY-TAINT-DESERIALIZATION'],
  'CODE-PY-EVAL': ['CODE-PY-TAINT-CODE'],
  'CODE-PY-EXEC-USED': ['CODE-PY-TAINT-CODE'],
  'CODE-PY-MARK-SAFE-USED': ['CODE-PY-DJANGO-MARK-SAFE', 'CODE-PY-TAINT-XSS'],
  'CODE-PY-DJANGO-MARK-SAFE': ['CODE-PY-TAINT-XSS'],
  ...Object.fromEntries(XML_PARSERS.map((id) => [id, ['CODE-PY-TAINT-XXE']])),
};

const before = (l1: number, c1: number, l2: number, c2: number): boolean => l1 < l2 || (l1 === l2 && c1 <= c2);

/** Whether `outer` covers `inner` (a taint sink call covers the SQL string built in its argument). */
function covers(outer: CodeHit, inner: CodeHit): boolean {
  return (
    outer.path === inner.path &&
    before(outer.line, outer.column, inner.line, inner.column) &&
    before(inner.endLine ?? inner.line, inner.endColumn ?? inner.column, outer.endLine ?? outer.line, outer.endColumn ?? outer.column)
  );
}

const REPLACING = new Set(Object.values(DUPLICATE_OF).flat());

export function dropDuplicates(hits: CodeHit[]): CodeHit[] {
  const replacing = hits.filter((h) => REPLACING.has(h.ruleId));
  if (!replacing.length) return hits;
  return hits.filter((h) => {
    const by = DUPLICATE_OF[h.ruleId];
    return !by || !replacing.some((r) => by.includes(r.ruleId) && covers(r, h));
  });
}
