// Calls to /api/v1 whose answers are checked against the wire contract (service/contract/api.ts):
// a success body must parse with its schema and hold nothing the schema does not name; an error must
// be problem+json. So the server cannot drift from the contract unnoticed.
import { z } from 'zod';
import { problemSchema, type Problem } from '../../service/contract/api';
import type { Stack, StackUser } from '../support/stack';

/** The body parsed by `schema`; fails when it does not parse or carries fields beyond the contract. */
export function conforming<S extends z.ZodType>(schema: S, body: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new Error(`${what} does not follow the contract:\n${z.prettifyError(parsed.error)}\n${JSON.stringify(body).slice(0, 2000)}`);
  // Parsing drops unknown keys: any difference is a field the contract does not have.
  expect({ what, body: parsed.data }).toEqual({ what, body });
  return parsed.data;
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
      expect(res.contentType).toContain('application/problem+json');
      const problem = conforming(problemSchema, res.body, `${method} ${path} (${res.status})`);
      expect(problem.status).toBe(res.status);
      return { ...res, body: problem };
    },
  };
}
