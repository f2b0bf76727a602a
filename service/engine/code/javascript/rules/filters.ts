// Vigil's precision on top of the upstream rules: reports dropped where the upstream rule cannot
// tell data from code (a literal, a namespace URI, a test asserting that a URL is refused), and the
// options Vigil passes to upstream rules. Plugin rules are filtered on their AST node as they
// report; ESLint's core rules (not wrapped) on the reported source text.
import type { Linter, Rule } from 'eslint';

type Node = Rule.Node;

/** A string literal, a template without expressions, or `+` of those: a constant string. */
function constantString(node: Node | undefined | null): boolean {
  if (!node) return false;
  if (node.type === 'Literal') return typeof node.value === 'string';
  if (node.type === 'TemplateLiteral') return node.expressions.length === 0;
  if (node.type === 'BinaryExpression' && node.operator === '+') return constantString(node.left as Node) && constantString(node.right as Node);
  return false;
}

const COMPARISON = new Set(['==', '===', '!=', '!==']);

/** A literal compared with something, or a switch case: an identifier being tested, never fetched. */
function comparedWith(node: Node): boolean {
  const parent = node.type === 'TemplateElement' ? node.parent?.parent : node.parent;
  if (!parent) return false;
  if (parent.type === 'BinaryExpression') return COMPARISON.has(parent.operator);
  return parent.type === 'SwitchCase';
}

/** Bidi controls that reorder how code reads (Trojan Source); LRM/RLM/ALM are ordinary text marks. */
const TROJAN_SOURCE = /[\u202A-\u202E\u2066-\u2069]/;

type ReportFilter = (node: Node | undefined, descriptor: Rule.ReportDescriptor, context: Rule.RuleContext) => boolean;

/** Keep (true) or drop (false) a report of a plugin rule, by ESLint rule name. */
export const REPORT_FILTERS: Readonly<Record<string, ReportFilter>> = {
  // no-unsanitized judges innerHTML/outerHTML itself and knows a literal is safe.
  '@microsoft/sdl/no-inner-html': (node) => {
    if (node?.type === 'AssignmentExpression') return !constantString(node.right as Node);
    if (node?.parent?.type === 'CallExpression') return !constantString(node.parent.arguments[1] as Node);
    return true;
  },
  // A computed import() is the risk of a computed require() (CODE-JS-NON-LITERAL-REQUIRE), not an HTML sink.
  'no-unsanitized/method': (node) => node?.type !== 'ImportExpression',
  '@microsoft/sdl/no-insecure-url': (node) => !node || !comparedWith(node),
  'security/detect-bidi-characters': (_node, descriptor, context) => {
    const loc = 'loc' in descriptor ? descriptor.loc : undefined;
    if (!loc || !('start' in loc)) return true;
    const char = context.sourceCode.lines[loc.start.line - 1]?.charAt(loc.start.column) ?? '';
    return TROJAN_SOURCE.test(char);
  },
};

const SCHEMES = '(?:ftp|http|telnet|ws)://';
const HOST_END = '(?:[:/?#]|$)';

/** Insecure-URL exceptions: SDL's defaults, then hosts that never leave the machine or are reserved, and XML namespace names. */
const INSECURE_URL_EXCEPTIONS = [
  '^http:(\\/\\/|\\\\u002f\\\\u002f)schemas\\.microsoft\\.com(\\/\\/|\\\\u002f\\\\u002f)?.*',
  '^http:(\\/\\/|\\\\u002f\\\\u002f)schemas\\.openxmlformats\\.org(\\/\\/|\\\\u002f\\\\u002f)?.*',
  `^${SCHEMES}(?:localhost|127(?:\\.\\d{1,3}){3}|0\\.0\\.0\\.0|\\[::1\\])${HOST_END}`,
  `^${SCHEMES}[^/?#:@]+\\.(?:local|localhost|test|example|invalid)${HOST_END}`,
  `^${SCHEMES}(?:[\\w-]+\\.)*example\\.(?:com|org|net)${HOST_END}`,
  '^http://(?:www\\.w3\\.org|schemas\\.xmlsoap\\.org|schemas\\.microsoft\\.com|schemas\\.openxmlformats\\.org|purl\\.org|ns\\.adobe\\.com|xmlns\\.com)/',
];

/** Options for upstream rules, by ESLint rule name. */
export const RULE_OPTIONS: Readonly<Record<string, unknown[]>> = {
  '@microsoft/sdl/no-insecure-url': [{ exceptions: INSECURE_URL_EXCEPTIONS }],
};

/** Test files: a URL there is a fixture or an assertion that it is refused. */
const TEST_FILE = /(?:^|[\\/])__tests__[\\/]|\.(?:test|spec)\.[^\\/]*$/i;
const NOT_IN_TESTS = new Set(['@microsoft/sdl/no-insecure-url', 'no-script-url']);

const STRING = String.raw`(?:'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|` + '`(?:[^`\\\\$]|\\\\.|\\$(?!\\{))*`)';
/** `Function('return this')`, `new Function("a", "return a")`: every argument a constant string. */
const CONSTANT_FUNCTION = new RegExp(String.raw`^(?:new\s+)?(?:(?:window|self|global|globalThis)\.)?Function\s*\(\s*(?:${STRING}(?:\s*,\s*${STRING})*\s*,?\s*)?\)$`);
/** After `eval` (or `"eval"]`), a call: `eval(`, `eval?.(`, `(0, eval)(`. */
const CALLED = /^\s*(?:\]\s*)?(?:\?\.\s*)?(?:\)\s*)?\(/;

function reportedText(lines: readonly string[], m: Linter.LintMessage): string {
  if (!m.endLine || !m.endColumn) return lines[m.line - 1] ?? '';
  const part = lines.slice(m.line - 1, m.endLine);
  if (!part.length) return '';
  part[part.length - 1] = part[part.length - 1].slice(0, m.endColumn - 1);
  part[0] = part[0].slice(m.column - 1);
  return part.join('\n');
}

/** Keep (true) or drop (false) an ESLint message for this file. */
export function keepMessage(m: Linter.LintMessage, lines: readonly string[], path: string): boolean {
  if (!m.ruleId) return true;
  if (NOT_IN_TESTS.has(m.ruleId) && TEST_FILE.test(path)) return false;
  if (m.ruleId === 'no-new-func') return !CONSTANT_FUNCTION.test(reportedText(lines, m).trim());
  if (m.ruleId === 'no-eval') {
    const after = m.endLine === m.line && m.endColumn ? (lines[m.line - 1] ?? '').slice(m.endColumn - 1) : '';
    const next = lines[m.line] ?? '';
    return CALLED.test(after || next) || (/^\s*$/.test(after) && CALLED.test(next));
  }
  return true;
}

/** The report filter of a plugin rule wrapped around its context. */
export function filteredContext(context: Rule.RuleContext, filter: ReportFilter): Rule.RuleContext {
  const report = (...args: unknown[]) => {
    const first = args[0] as (Rule.ReportDescriptor & { type?: string }) | Node;
    const descriptor = (typeof first === 'object' && 'type' in first && typeof first.type === 'string' ? { node: first } : first) as Rule.ReportDescriptor;
    const node = 'node' in descriptor ? (descriptor.node as Node) : undefined;
    if (!filter(node, descriptor, context)) return;
    (context.report as (...a: unknown[]) => void)(...args);
  };
  return Object.create(context, { report: { value: report } }) as Rule.RuleContext;
}
