// What the taint engine knows about a value: untainted (null), the request object itself (whose
// members are sources), or tainted data with the path it took and what it has been cleaned for.
import type { Node } from 'estree';
import type { FlowStep } from '../../../types';

/** The sink kinds, one per taint rule; a sanitiser clears some of them. */
export const KIND = {
  command: 1,
  code: 2,
  sql: 4,
  nosql: 8,
  path: 16,
  redirect: 32,
  xss: 64,
  ssrf: 128,
  regex: 256,
  proto: 512,
  template: 1024,
} as const;
export type Kind = keyof typeof KIND;
export const ALL_KINDS = 2047;

/**
 * container: req.query / req.body as a whole (an object the client shapes); value: one member of it
 * (a string, or an object or array when the body is JSON or the query uses brackets); string: text
 * built from it (concatenation, templates, string methods); object: an object or array literal of
 * the program holding request data ({ email: req.body.email }).
 */
export type Shape = 'container' | 'value' | 'string' | 'object';

/** A flow step kept as a linked list, so taints share their history instead of copying it. */
export interface StepLink {
  step: FlowStep;
  prev: StepLink | null;
  length: number;
}

export interface Taint {
  kind: 'taint';
  source: FlowStep;
  steps: StepLink | null;
  /** Sink kinds a sanitiser or a check has made this safe for (bits of KIND). */
  cleared: number;
  shape: Shape;
  /** Built with HTML markup around it ('<p>' + x). */
  html: boolean;
  /** A URL or path whose scheme and host (or leading '/') is a constant: 'https://api.example.com/' + x. */
  fixedPrefix: boolean;
  /** The request path (req.url, req.originalUrl): starts with '/'. */
  pathLike?: boolean;
}

/** The request object of a handler (req, ctx, request): not data itself, its members are. */
export interface RequestMarker {
  kind: 'request';
  label: string;
}

export type Value = Taint | RequestMarker | null;

export function isTaint(v: Value | undefined): v is Taint {
  return !!v && v.kind === 'taint';
}

export function taintFor(v: Value | undefined, kind: Kind): Taint | null {
  return isTaint(v) && !(v.cleared & KIND[kind]) ? v : null;
}

const MAX_LABEL = 120;

/** One line, at most `max` characters. */
export function clip(text: string, max = MAX_LABEL): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

export function newSource(label: string, at: Node, shape: Shape): Taint {
  const { line, column } = at.loc!.start;
  return { kind: 'taint', source: { line, column: column + 1, label: clip(label) }, steps: null, cleared: 0, shape, html: false, fixedPrefix: false };
}

export function withStep(t: Taint, step: FlowStep): Taint {
  const last = t.steps?.step;
  if (last && last.line === step.line && last.label === step.label) return t;
  return { ...t, steps: { step: { ...step, label: clip(step.label) }, prev: t.steps, length: (t.steps?.length ?? 0) + 1 } };
}

/** A source read straight from a container (no step yet) is named by the member read: req.query -> req.query.id. */
export function isFresh(t: Taint): boolean {
  return !t.steps && (t.shape === 'container' || t.shape === 'value');
}

/** Either value may reach the result: the first taint's history, cleaned only for what both are cleaned for. */
export function union(a: Value, b: Value): Value {
  if (!isTaint(a)) return isTaint(b) ? b : a ?? b;
  if (!isTaint(b)) return a;
  return { ...a, cleared: a.cleared & b.cleared, html: a.html || b.html, fixedPrefix: a.fixedPrefix && b.fixedPrefix, pathLike: !!a.pathLike && !!b.pathLike, shape: a.shape === b.shape ? a.shape : 'value' };
}

export function cleared(t: Value, kinds: number): Value {
  if (!isTaint(t)) return t;
  const bits = t.cleared | kinds;
  return bits === ALL_KINDS ? null : { ...t, cleared: bits };
}

/** The flow of a finding: the source, the steps in order (at most 40 kept: first and last), the sink. */
export function flowOf(t: Taint, sink: FlowStep): FlowStep[] {
  const steps: FlowStep[] = [];
  for (let s = t.steps; s; s = s.prev) steps.push(s.step);
  steps.reverse();
  const kept = steps.length > 40 ? [...steps.slice(0, 20), ...steps.slice(-20)] : steps;
  return [t.source, ...kept, { ...sink, label: clip(sink.label) }];
}
