// The engine's interface to the sink matchers: what a call site looks like, what they may ask,
// and where their hits go.
import type { AssignmentExpression, Node, ObjectExpression } from 'estree';
import type { FlowStep } from '../../../types';
import type { FunctionNode } from './handlers';
import type { JsFile } from './modules';
import type { Taint, Value } from './values';

/** A call, `new` or dynamic import as the sink matchers see it. */
export interface CallSite {
  node: Node;
  /** Resolved callee: 'child_process.exec', 'res.redirect', 'eval' (see calleeName). */
  name: string;
  /** The property name of a member callee (redirect in res.status(302).redirect(u)). */
  method: string | null;
  receiver: Node | null;
  args: Node[];
  isNew: boolean;
}

/** What a sink matcher may ask of the engine. */
export interface SinkApi {
  /** The value of an expression the engine has just evaluated (arguments, their properties). */
  value(node: Node | null | undefined): Value;
  isResponse(node: Node): boolean;
  /** The content type a response chain sets (res.type('text/plain').send(...)), lower case. */
  responseType(node: Node): string | null;
  functionOf(callee: Node): FunctionNode | null;
  report(rule: string, node: Node, sink: string, taint: Taint): void;
  text(node: Node): string;
  file: JsFile;
}

export interface SinkMatcher {
  call?(site: CallSite, api: SinkApi): void;
  assign?(node: AssignmentExpression, api: SinkApi): void;
  object?(node: ObjectExpression, api: SinkApi): void;
}

export interface TaintHit {
  rule: string;
  node: Node;
  message: string;
  flow: FlowStep[];
}

/** Hits by rule name, each place once. */
export class HitStore {
  readonly byRule = new Map<string, TaintHit[]>();
  private readonly seen = new Set<string>();
  add(hit: TaintHit): void {
    const key = `${hit.rule}:${hit.node.range![0]}:${hit.node.range![1]}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const list = this.byRule.get(hit.rule) ?? [];
    list.push(hit);
    this.byRule.set(hit.rule, list);
  }
}
