// Bandit's blacklists as data: one entry per Bandit id with the qualified names it lists, made into
// one rule each. Calls are matched by the qualified name of what is called (imports resolved, so
// `import pickle as p; p.loads(x)` is pickle.loads); imports by the module or name imported.
import type { CodeRule } from '../../types';
import { callOf, mentions, stringValue, type PyCall, type PyFile, type PyRule } from '../context';
import type { SyntaxNode } from '../../../tree-sitter';

interface BlacklistSpec {
  bandit: string;
  /** Bandit's name for the test (the anchor of its docs section): pickle, xml_bad_sax, import_ftplib */
  name: string;
  id: string;
  title: string;
  severity: CodeRule['severity'];
  cwe: string;
  /** Qualified names; `telnetlib.*` is anything in telnetlib. */
  names: readonly string[];
  /** What a hit says; {name} is the qualified name found. */
  message: string;
  description: string;
  remediation: string;
  remediationSnippet?: string;
  fail: string[];
  pass: string[];
}

export interface CallBlacklistSpec extends BlacklistSpec {
  /** A call the list names that is nonetheless fine (urlopen of a literal https URL). */
  allow?: (call: PyCall) => boolean;
  /** More handlers (the unverified SSL context assigned as the default). */
  more?: PyRule['on'];
}

export type ImportBlacklistSpec = BlacklistSpec;

function matcher(names: readonly string[]): (name: string) => boolean {
  const exact = new Set(names.filter((n) => !n.endsWith('.*')));
  const prefixes = names.filter((n) => n.endsWith('.*')).map((n) => n.slice(0, -1));
  return (name) => exact.has(name) || prefixes.some((p) => name.startsWith(p));
}

/** The first part of each name: a file that never writes one of them cannot call or import any. */
const heads = (names: readonly string[]): string[] => [...new Set(names.map((n) => n.split('.')[0]))];

function ruleOf(spec: BlacklistSpec, page: 'blacklist_calls' | 'blacklist_imports'): CodeRule {
  return {
    id: spec.id,
    language: 'python',
    title: spec.title,
    severity: spec.severity,
    confidence: 'high',
    description: spec.description,
    remediation: spec.remediation,
    ...(spec.remediationSnippet ? { remediationSnippet: spec.remediationSnippet } : {}),
    cwe: [spec.cwe],
    upstream: { type: 'bandit', id: spec.bandit },
    helpUri: `https://bandit.readthedocs.io/en/latest/blacklists/${page}.html#${spec.bandit.toLowerCase()}-${spec.name.toLowerCase().replace(/_/g, '-')}`,
    tags: ['bandit-blacklist'],
    examples: { fail: spec.fail, pass: spec.pass },
  };
}

export function callBlacklistRule(spec: CallBlacklistSpec): PyRule {
  const listed = matcher(spec.names);
  return {
    rule: ruleOf(spec, 'blacklist_calls'),
    relevant: mentions(...heads(spec.names)),
    on: {
      ...spec.more,
      call(node, file, report) {
        const call = callOf(node, file);
        if (call.name && listed(call.name) && !spec.allow?.(call)) report(node, spec.message.replace(/\{name\}/g, call.name));
      },
    },
  };
}

/** The names an import statement brings in, as Bandit matches them: `from a.b import c` is a.b.c. */
function importedNames(stmt: SyntaxNode): string[] {
  const real = (n: SyntaxNode | null) => (n?.type === 'aliased_import' ? n.childForFieldName('name')?.text : n?.text);
  if (stmt.type === 'import_statement') return stmt.namedChildren.map(real).filter((n): n is string => !!n);
  const module = stmt.childForFieldName('module_name')?.text;
  if (!module || module.startsWith('.')) return []; // relative: the project's own module
  const names = stmt.childrenForFieldName('name');
  if (!names.length) return [module]; // from m import *
  return names.map(real).filter((n): n is string => !!n).map((n) => `${module}.${n}`);
}

const DYNAMIC_IMPORTS = new Set(['__import__', 'builtins.__import__', 'importlib.import_module', 'importlib.__import__']);

export function importBlacklistRule(spec: ImportBlacklistSpec): PyRule {
  const modules = spec.names;
  const listed = (name: string) => modules.some((m) => name === m || name.startsWith(`${m}.`));
  const onImport = (stmt: SyntaxNode, _file: PyFile, report: (node: SyntaxNode, message: string) => void): void => {
    // One finding per statement, as Bandit: `from xml.sax import parse, make_parser` is one import.
    const name = importedNames(stmt).find(listed);
    if (name) report(stmt, spec.message.replace(/\{name\}/g, name));
  };
  return {
    rule: ruleOf(spec, 'blacklist_imports'),
    relevant: mentions(...heads(modules)),
    on: {
      import_statement: onImport,
      import_from_statement: onImport,
      call(node, file, report) {
        // __import__('pickle') and importlib.import_module('pickle') import too.
        const call = callOf(node, file);
        if (!call.name || !DYNAMIC_IMPORTS.has(call.name)) return;
        const name = stringValue(call.args[0] ?? call.kwargs.get('name'));
        if (name && listed(name)) report(node, spec.message.replace(/\{name\}/g, name));
      },
    },
  };
}
