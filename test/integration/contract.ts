// Calls to /api/v1 whose answers are checked against the wire contract (service/contract/api.ts):
// a success body must parse with its schema and hold nothing the schema does not name; an error must
// be problem+json. So the server cannot drift from the contract unnoticed.
import { z } from 'zod';
import { problemSchema, type Problem } from '../../service/contract/api';
import type { Stack, StackUser } from '../support/stack';

/** Where `parsed` (what the schema kept) and `body` (what was sent) part: a field the contract does not have, or a value read otherwise. */
function difference(parsed: unknown, body: unknown, at: string): string | undefined {
  if (Array.isArray(body)) {
    if (!Array.isArray(parsed) || parsed.length !== body.length) return `${at}: the array reads otherwise`;
    for (let i = 0; i < body.length; i++) {
      const d = difference(parsed[i], body[i], `${at}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  if (body !== null && typeof body === 'object') {
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return `${at}: the object reads otherwise`;
    const kept = parsed as Record<string, unknown>;
    for (const [key, value] of Object.entries(body)) {
      if (!(key in kept)) return `${at}.${key}: a field the contract does not have`;
      const d = difference(kept[key], value, `${at}.${key}`);
      if (d) return d;
    }
    const added = Object.keys(kept).find((key) => !(key in body) && kept[key] !== undefined);
    return added ? `${at}.${added}: not in the body, yet the schema gives it` : undefined;
  }
  return parsed === body ? undefined : `${at}: ${JSON.stringify(body)} reads as ${JSON.stringify(parsed)}`;
}

/**
 * Why `body` does not follow `schema`, or undefined when it does: it must parse, and hold nothing the
 * schema does not name at any depth (parsing drops unknown keys, so the parsed value is compared with
 * the body).
 */
export function contractViolation(schema: z.ZodType, body: unknown): string | undefined {
  const parsed = schema.safeParse(body);
  if (!parsed.success) return z.prettifyError(parsed.error);
  return difference(parsed.data, body, '$');
}

/** Why an error answer is not problem+json by the contract with its own status, or undefined when it is. */
export function problemViolation(status: number, contentType: string, body: unknown): string | undefined {
  if (!contentType.startsWith('application/problem+json')) return `not problem+json (${contentType || 'no content type'})`;
  const why = contractViolation(problemSchema, body);
  if (why) return `not a problem by the contract: ${why}`;
  const named = (body as Problem).status;
  return named === status ? undefined : `the problem names status ${named}, the answer is ${status}`;
}

/** The body parsed by `schema`; fails when it does not parse or carries fields beyond the contract. */
export function conforming<S extends z.ZodType>(schema: S, body: unknown, what: string): z.infer<S> {
  const why = contractViolation(schema, body);
  if (why) throw new Error(`${what} does not follow the contract:\n${why}\n${JSON.stringify(body).slice(0, 2000)}`);
  return schema.parse(body);
}

export interface CheckedResponse<T> {
  status: number;
  contentType: string;
  body: T;
}

export function contractApi(stack: Stack) {
  return {
    /** A 2xx answer whose body follows `schema`. */
    async ok<S extends z.ZodType>(
      schema: S,
      user: StackUser,
      method: string,
      path: string,
      body?: unknown,
      orgName?: string,
    ): Promise<CheckedResponse<z.infer<S>>> {
      const res = await stack.api(user, method, path, body, orgName);
      if (res.status < 200 || res.status > 299) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
      return { ...res, body: conforming(schema, res.body, `${method} ${path}`) };
    },

    /** An error answer: problem+json with the problem's own status. */
    async problem(user: StackUser | null, method: string, path: string, body?: unknown, orgName?: string): Promise<CheckedResponse<Problem>> {
      const res = await stack.api(user, method, path, body, orgName);
      if (res.status < 400) throw new Error(`${method} ${path}: expected an error, got ${res.status} ${JSON.stringify(res.body)}`);
      const why = problemViolation(res.status, res.contentType, res.body);
      if (why) throw new Error(`${method} ${path} (${res.status}): ${why}\n${JSON.stringify(res.body).slice(0, 2000)}`);
      return { ...res, body: res.body as Problem };
    },
  };
}
