// Defensive reading of ADO's JSON: optional fields are dropped when mistyped, a missing required
// field makes the whole answer an AdoError('bad-response') naming the call.
import { AdoError, type IdentityRef } from './types';

export type Json = Record<string, unknown>;

/** What was being read, for the message of a bad-response error. */
export interface ParseContext {
  operation: string;
  path: string;
}

export function asRecord(v: unknown): Json | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
}

export const optString = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
export const optNumber = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
export const optBool = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);

/** The elements of an optional array that are objects; [] when it is absent or not an array. */
export function records(v: unknown): Json[] {
  return Array.isArray(v) ? v.map(asRecord).filter((x): x is Json => x !== undefined) : [];
}

export function optStringArray(v: unknown): string[] | undefined {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined;
}

/** A map of string values (triggerInfo, authorization.parameters, data); null values are kept as null. */
export function optStringMap(v: unknown): Record<string, string | null> | undefined {
  const r = asRecord(v);
  if (!r) return undefined;
  const out: Record<string, string | null> = {};
  for (const [k, x] of Object.entries(r)) {
    if (typeof x === 'string' || x === null) out[k] = x;
    else if (typeof x === 'number' || typeof x === 'boolean') out[k] = String(x);
  }
  return out;
}

/** "unexpected answer from Azure DevOps to <operation>: <what>", e.g. "...: authenticatedUser.id missing". */
export function badResponse(ctx: ParseContext, what: string): AdoError {
  return new AdoError('bad-response', `unexpected answer from Azure DevOps to ${ctx.operation}: ${what}`, undefined, undefined, ctx.path);
}

/** What a value is, for "is not a string (a number)". */
export function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/** `at.key`, or `key` at the top of the answer. */
const fieldPath = (at: string | undefined, key: string): string => (at ? `${at}.${key}` : key);

/**
 * A field the client cannot do without: "<path> missing" when absent, null or empty, "<path> is not a
 * string (a number)" when of another type. `at` is the path of `parent` in the answer ('authenticatedUser').
 */
export function requireString(parent: Json, key: string, ctx: ParseContext, at?: string): string {
  const v = parent[key];
  const where = fieldPath(at, key);
  if (v === undefined || v === null || v === '') throw badResponse(ctx, `${where} missing`);
  if (typeof v !== 'string') throw badResponse(ctx, `${where} is not a string (${kindOf(v)})`);
  return v;
}

/** A number the client cannot do without (an id): "<path> missing", "<path> is not a number (a string)". */
export function requireNumber(parent: Json, key: string, ctx: ParseContext, at?: string): number {
  const v = parent[key];
  const where = fieldPath(at, key);
  if (v === undefined || v === null) throw badResponse(ctx, `${where} missing`);
  if (typeof v !== 'number' || !Number.isFinite(v)) throw badResponse(ctx, `${where} is not a number (${kindOf(v)})`);
  return v;
}

/** An array the client cannot do without: "<path> missing", "<path> is not an array (a string)". */
export function requireArray(parent: Json, key: string, ctx: ParseContext, at?: string): unknown[] {
  const v = parent[key];
  const where = fieldPath(at, key);
  if (v === undefined || v === null) throw badResponse(ctx, `${where} missing`);
  if (!Array.isArray(v)) throw badResponse(ctx, `${where} is not an array (${kindOf(v)})`);
  return v;
}

/** A nested object the client cannot do without; same messages as requireString. */
export function requireObject(parent: Json, key: string, ctx: ParseContext, at?: string): Json {
  const v = parent[key];
  const where = fieldPath(at, key);
  if (v === undefined || v === null) throw badResponse(ctx, `${where} missing`);
  const r = asRecord(v);
  if (!r) throw badResponse(ctx, `${where} is not an object (${kindOf(v)})`);
  return r;
}

/** The answer itself must be a JSON object. */
export function requireBody(body: unknown, ctx: ParseContext): Json {
  const r = asRecord(body);
  if (!r) throw badResponse(ctx, `the answer is not a JSON object (${kindOf(body)})`);
  return r;
}

/**
 * One element of a collection must be an object: "<what> is not an object (a string)". With `what` ''
 * the element is the answer itself (a single-object route): requireBody.
 */
export function requireItem(v: unknown, ctx: ParseContext, what: string): Json {
  if (what === '') return requireBody(v, ctx);
  const r = asRecord(v);
  if (!r) throw badResponse(ctx, `${what} is not an object (${kindOf(v)})`);
  return r;
}

/**
 * The items of a collection answer: `{count, value: T[]}`, a bare array when the server honoured
 * noArrayWrap, or `{count: 0}` without `value`, which ADO answers for an empty collection (audit
 * streams, ado-rest.md §9). Otherwise "the answer is not a JSON object (…)", "value missing" or
 * "value is not an array (a string)".
 */
export function collectionItems(body: unknown, ctx: ParseContext): unknown[] {
  if (Array.isArray(body)) return body;
  const r = requireBody(body, ctx);
  if (r.value === undefined && r.count === 0) return [];
  return requireArray(r, 'value', ctx);
}

/** Every item of every page (AdoTransport.pages, bodyTokenPages, skipPages), parsed. */
export async function collect<T>(pages: AsyncIterable<unknown[]>, parse: (raw: unknown) => T): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) for (const raw of page) out.push(parse(raw));
  return out;
}

/** IdentityRef {id, displayName, uniqueName, descriptor}; undefined when absent or without an id. */
export function optIdentity(v: unknown): IdentityRef | undefined {
  const r = asRecord(v);
  if (typeof r?.id !== 'string') return undefined;
  return {
    id: r.id,
    displayName: optString(r.displayName),
    uniqueName: optString(r.uniqueName),
    descriptor: optString(r.descriptor),
  };
}

/** {id, name} of a project reference, when both are strings. */
export function optProjectRef(v: unknown): { id: string; name: string } | undefined {
  const r = asRecord(v);
  return typeof r?.id === 'string' && typeof r.name === 'string' ? { id: r.id, name: r.name } : undefined;
}

/** `_links.web.href`, the browser link ADO attaches to many objects. */
export function webLink(r: Json): string | undefined {
  return optString(asRecord(asRecord(asRecord(r._links)?.web))?.href);
}

/** Encodes one path segment (a name or a GUID). */
export const seg = (s: string | number): string => encodeURIComponent(String(s));
