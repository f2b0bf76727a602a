/*
 * The taint core's API: one small intra-procedural engine shared by the tree-sitter languages
 * (Python, C#). How a language plugs in:
 *
 * 1. An ADAPTER (`TaintAdapter`) tells the core what the language's nodes mean, one node at a time:
 *    - `units(root)`: what to analyse: every function/method/lambda with a body (its parameters in call
 *      order, without self/this) and the top level (the module body, top-level statements).
 *    - `statement(node)`: a statement's role: an assignment (targets and value; `x += v` is
 *      `augmented`), a return, expressions to evaluate, a branch (if/while/for/catch: its condition, the
 *      names it binds such as a loop variable, its bodies, walked as "maybe executed"), a block (try,
 *      with/using: walked as always executed, with its bindings), or `skip` (nested functions and classes,
 *      analysed as their own units; imports). `undefined`: walk its named children as statements.
 *    - `expression(node)`: an expression's role: a name, a member or index access (`obj.attr`,
 *      `obj[i]`), a call (callee, receiver, qualified name with the file's imports resolved, positional
 *      and keyword arguments), a composition (string building and anything whose value derives from all
 *      its parts: concatenation, interpolation, %-formatting, .format, lists, conditionals, await), a
 *      membership test (`x in ALLOWED`, `ALLOWED.Contains(x)`), an assignment expression, or `clean`
 *      (literals, comparisons, lambdas: never tainted; sub-expressions listed in `visit` are still
 *      searched for sinks).
 *    - `target(node)`: an assignment target's role: a name or member chain (a variable key such as `q` or
 *      `self.q`), an element of a container (`d['k'] = v` taints `d`), a tuple/list pattern for
 *      destructuring, or `ignore`.
 *    The adapter resolves names: `qualifiedName` on calls and accesses is the dotted name with imports
 *    resolved (`sp.Popen` -> `subprocess.Popen`); a chain that starts with a local variable keeps it as
 *    written (`request.GET`, `cursor.execute`).
 *
 * 2. A SPEC (`TaintSpec`) is data per language and framework: sources (qualified names of untrusted
 *    members and calls; parameters of route/controller functions through `parameters`), sinks (call
 *    names, which arguments, optional conditions, with a `kind` such as 'sql' or 'command'),
 *    sanitisers (calls whose result is safe for some kinds or all), validators (calls and membership
 *    tests in a condition that make a variable safe from there on), return sinks (a Flask view's
 *    returned string), propagation knobs (methods that taint their receiver: append, Append; lookups
 *    whose key does not flow: TABLE.get(name)). Names match exactly or as `*.method` (any receiver).
 *
 * 3. The ENTRY `analyzeTaint(root, adapter, spec, limits?)` (./engine) returns one `TaintHit` per sink
 *    call and kind reached by untrusted data: the sink node (report there), its kind, a message
 *    ("request.args['q'] (line 12) reaches cursor.execute (line 18)") and the flow (source step,
 *    assignment steps, sink step). Rules pick the hits of their kind. Call it once per file and cache
 *    the result per file when several rules share it.
 *
 * Semantics, in short: one pass per unit in source order (loop bodies twice); a variable holds the taints
 * (up to 4 origins) of what was assigned to it; assignments inside branches and loops add taint but
 * never remove it; tuple literals unpack element by element;
 * calls to functions of the same file use a summary (which parameters reach the return value, which
 * sources it returns, which parameters reach a sink inside it); unknown calls with tainted positional
 * arguments return tainted values (`os.path.join(base, name)`), methods of tainted objects too
 * (`q.strip()`), keyword arguments do not (`Model.objects.get(pk=pk)` is a lookup); sanitisers clear
 * the kinds they cover; validators (anywhere, and in conditions) and membership tests (in conditions)
 * clear a variable from there on. Bounds (`TaintLimits`): nodes per unit and per file,
 * expression depth (string concatenation chains are flattened without recursion), steps per flow,
 * summary nesting. A bound hit cuts the analysis silently at that point (no findings from what was
 * not analysed) and sets `truncated` on the result.
 */
import type { SyntaxNode } from '../../tree-sitter';
import type { FlowStep } from '../types';

export type { SyntaxNode } from '../../tree-sitter';
export type { FlowStep } from '../types';

// ---------------------------------------------------------------- the adapter

/** A function (or the top level) analysed on its own. */
export interface TaintUnit {
  /** The function node; the root for the top level. `params` and `body` may be getters (read only for analysed units). */
  node: SyntaxNode;
  /** Calls to this name (a plain call `f(x)` or a method call `self.f(x)`) use this unit's summary. Undefined for the top level and lambdas. */
  name?: string;
  /** Parameters in call order (no self/this/cls). */
  params: readonly TaintParam[];
  /** The statements to walk, in order. */
  body: readonly SyntaxNode[];
  /**
   * The class (type) a method belongs to: `self.f(x)` / `this.f(x)` and, failing a free function,
   * `f(x)` resolve to methods of the caller's own class first.
   */
  owner?: SyntaxNode;
}

export interface TaintParam {
  name: string;
  node: SyntaxNode;
}

/** A name bound by a branch or block header: a loop variable (`for x in xs`), `with open(p) as f`, `catch (E e)`. */
export interface TaintBinding {
  target: SyntaxNode;
  /** The value the target takes (its taint, element or not); undefined: bound to something clean. */
  value?: SyntaxNode;
}

export type StatementShape =
  /** `x = v`, `a = b = v`, `a, b = v`, `x += v` (augmented: the old taint stays), `var x = v;` */
  | { kind: 'assign'; targets: readonly SyntaxNode[]; value: SyntaxNode; augmented?: boolean }
  | { kind: 'return'; value?: SyntaxNode }
  /** Expression statements, raise/throw, assert, print: evaluate (sinks inside them report). */
  | { kind: 'eval'; expressions: readonly SyntaxNode[] }
  /**
   * if/elif/else, while, for/foreach, catch, match/switch: the condition is evaluated (and its
   * validators applied), then the bindings, then the bodies, as maybe-executed code.
   */
  | {
      kind: 'branch';
      condition?: SyntaxNode;
      bindings?: readonly TaintBinding[];
      body: readonly SyntaxNode[];
      /** A loop (for, foreach, while, do): its body is walked twice, so values assigned late reach uses early in it. */
      loop?: boolean;
    }
  /** try, with/using, plain blocks: always executed, in order, after the bindings. */
  | { kind: 'block'; bindings?: readonly TaintBinding[]; body: readonly SyntaxNode[] }
  /** Nested functions and classes (their own units), imports, pass. */
  | { kind: 'skip' };

export type ExpressionShape =
  /** A local variable or a global name (a source when its qualified name is one: `input`). */
  | { kind: 'name'; name: string; qualifiedName?: string }
  /**
   * `obj.attr`, `obj[index]`, `obj?.attr`: tainted when the object is (or when the access itself is a
   * source). `key`: the variable key when the node is a plain chain (`self.q`), so assigned members
   * are tracked; `qualifiedName`: the chain with imports resolved (`flask.request.args`).
   */
  | { kind: 'access'; object: SyntaxNode; key?: string; qualifiedName?: string; index?: SyntaxNode }
  | { kind: 'call'; call: CallShape }
  /**
   * Built from its parts: concatenation, interpolation, %-formatting, .format, containers, conditional
   * expressions. Strings are literal text (used for the prefix before the tainted part: a fixed host
   * before a tainted path is not SSRF).
   */
  | {
      kind: 'compose';
      parts: ReadonlyArray<SyntaxNode | string>;
      /** A tuple or list literal: `a, b = x, 'y'` unpacks it element by element (a string part is a clean element). */
      sequence?: boolean;
    }
  /** `x in ALLOWED`, `ALLOWED.Contains(x)`: in a condition, `element` is validated from there on. */
  | { kind: 'membership'; element: SyntaxNode; container: SyntaxNode }
  /** `(x := v)`, C# `x = v` as an expression: binds and yields v. */
  | { kind: 'assign'; target: SyntaxNode; value: SyntaxNode }
  /** Literals, comparisons, lambdas, type tests: never tainted; `visit` is still searched for sinks. */
  | { kind: 'clean'; visit?: readonly SyntaxNode[] };

export interface CallShape {
  node: SyntaxNode;
  /** What is called: `os.system`, `cursor.execute`, `f`. */
  callee: SyntaxNode;
  /** The object of a method call (`cursor` in `cursor.execute(q)`, the literal in `"…".format(x)`). */
  receiver?: SyntaxNode;
  /** The last member name of a method call: execute, format. */
  method?: string;
  /** The callee as a dotted name with imports resolved, when it is a name chain. */
  qualifiedName?: string;
  /** Positional arguments in order (a spread `*args` is one of them). */
  args: readonly SyntaxNode[];
  /** Keyword / named arguments by name. */
  kwargs: ReadonlyMap<string, SyntaxNode>;
}

export type TargetShape =
  /** A variable or member chain: `q`, `self.q`, `this.q`. */
  | { kind: 'variable'; key: string }
  /** `d['k'] = v`, `obj.items[i] = v`: the container `object` gains v's taint (never loses any). */
  | { kind: 'element'; object: SyntaxNode }
  /** `a, b = v`, `(a, b) = …`, `[a, *rest] = v`, C# `var (a, b) = v`. */
  | { kind: 'pattern'; elements: readonly SyntaxNode[] }
  | { kind: 'ignore' };

export interface TaintAdapter {
  units(root: SyntaxNode): TaintUnit[];
  statement(node: SyntaxNode): StatementShape | undefined;
  expression(node: SyntaxNode): ExpressionShape;
  target(node: SyntaxNode): TargetShape;
  /** A short label for a node in a flow (its text on one line, cut); the default normalises whitespace. */
  label?(node: SyntaxNode): string;
}

// ---------------------------------------------------------------- the spec (data)

/** A qualified call or member name: exact (`os.system`), or `*.execute` for a method of any receiver. */
export type NamePattern = string;

export interface ParameterSource {
  /** The parameter (one of the unit's params, or any other parameter node of the function). */
  name: string;
  node: SyntaxNode;
  /** "route parameter name": the source step's label; default the name. */
  label?: string;
  /**
   * Instead of tainting the parameter, treat the name as this qualified name in source and sink
   * matching (`req: Request` -> `request`, so `req.query_params` is the source `request.query_params`).
   */
  alias?: string;
  /**
   * The whole object is untrusted (WSGI `environ`): the source step names its first access
   * (`environ['QUERY_STRING']`) rather than the parameter.
   */
  refine?: boolean;
}

export interface SinkSpec {
  /** 'sql', 'command', 'code', 'path', 'redirect', 'xss', … (a rule picks the hits of its kind). */
  kind: string;
  calls: readonly NamePattern[];
  /** Positional arguments checked; default [0]. 'all': every positional one. */
  args?: readonly number[] | 'all';
  /** Keyword arguments checked (`url`, `where`). */
  kwargs?: readonly string[];
  /** The receiver is checked (`Path(p).read_text()`). */
  receiver?: boolean;
  /** Replaces args/kwargs/receiver: the nodes to check (language shapes: a list's first element). */
  select?: (call: CallShape) => readonly SyntaxNode[];
  /** The call is a sink only when this holds (yaml.load without a safe Loader). */
  when?: (call: CallShape) => boolean;
  /**
   * True when the literal text before the tainted data makes it harmless here (a fixed scheme, host
   * and path before a tainted path segment is not SSRF). Unknown clean parts appear as '\u0000'.
   */
  safePrefix?: (prefix: string) => boolean;
  /** The sink's name in messages; default the callee's text. */
  label?: string;
}

/** A unit's return value is a sink (a Flask view's returned string is the HTML response). */
export interface ReturnSinkSpec {
  kind: string;
  /** The units whose returns count (route handlers of a framework that sends strings as HTML). */
  units: (unit: TaintUnit) => boolean;
  /** The returned expressions that count (a string built here, not a dict sent as JSON); default all. */
  select?: (value: SyntaxNode) => boolean;
  /** "the response of hello": the sink's name in messages; default "return". */
  label?: (unit: TaintUnit) => string;
}

export interface SanitizerSpec {
  calls: readonly NamePattern[];
  /** The kinds the result is safe for; 'all': the result is clean. */
  kinds: readonly string[] | 'all';
  /** Only when this holds (`request.args.get('n', type=int)`). */
  when?: (call: CallShape) => boolean;
}

export interface ValidatorSpec {
  /** Calls in a condition that validate a variable: `url_has_allowed_host_and_scheme(url, …)`, `name.isdigit()`. */
  calls: readonly NamePattern[];
  /** Which argument is validated (default 0); 'receiver' for methods (`name.isdigit()`). */
  arg?: number | 'receiver';
  /** The same argument passed by keyword (`url=`). */
  kwarg?: string;
  kinds: readonly string[] | 'all';
  when?: (call: CallShape) => boolean;
}

export interface TaintSpec {
  /** Untrusted members and calls by qualified name: `flask.request.args`, `request.GET`, `input`. */
  sources: readonly NamePattern[];
  /** Untrusted parameters of a unit (route handlers, controller actions, WSGI environ). */
  parameters?: (unit: TaintUnit) => readonly ParameterSource[];
  sinks: readonly SinkSpec[];
  /** Returns that are sinks; reported at the return statement. */
  returnSinks?: readonly ReturnSinkSpec[];
  sanitizers?: readonly SanitizerSpec[];
  validators?: readonly ValidatorSpec[];
  /** Membership tests in a condition validate the element for these kinds (default all). */
  membershipKinds?: readonly string[] | 'all';
  /** Method names whose tainted arguments taint the receiver: append, extend, update, Append, Add. */
  mutators?: readonly string[];
  /**
   * Lookups by key (`TABLE.get(name)`, `dict.GetValueOrDefault(key)`): the result is the receiver's
   * data (or a default given after the key), so the key's taint (the first argument) does not flow on.
   */
  lookups?: readonly NamePattern[];
  /** Calls that never pass taint on (len, isinstance, bool): like a sanitiser of all kinds. */
  cleanCalls?: readonly NamePattern[];
  /**
   * Cheap prefilter (most code has no source at all): when set, a unit is analysed only when one of
   * these strings occurs in its text, it has untrusted `parameters`, or it calls such a unit of the
   * file; without a `parameters` hook, a file where none occurs is skipped without a walk.
   */
  keywords?: readonly string[];
}

// ---------------------------------------------------------------- results

export interface TaintLimits {
  /** Nodes evaluated per unit; default 100_000. */
  maxNodesPerUnit?: number;
  /** Nodes evaluated per file (all units and summaries); default 1_000_000. */
  maxNodesPerFile?: number;
  /** Nested expressions followed (calls in calls…); default 120. */
  maxDepth?: number;
  /** Steps kept per flow between source and sink (the first and last are kept); default 12. */
  maxSteps?: number;
  /** Units analysed; default 5_000. */
  maxUnits?: number;
}

export interface TaintHit {
  kind: string;
  /** The sink call: report here. */
  node: SyntaxNode;
  /** "request.args['q'] (line 12) reaches cursor.execute (line 18)" */
  message: string;
  /** Source first, sink last. */
  flow: FlowStep[];
}

export interface TaintResult {
  hits: TaintHit[];
  /** A bound was hit: some code was not analysed. */
  truncated: boolean;
}
