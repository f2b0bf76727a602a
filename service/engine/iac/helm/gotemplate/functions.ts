// How template functions are declared: Go parameter kinds drive argument checking as text/template does.
import type { ParamKind } from './kinds';

export type { ParamKind } from './kinds';

/** What a function may ask of the running template (Helm's include and tpl need it). */
export interface CallContext {
  include(name: string, data: unknown): string;
  tpl(source: string, data: unknown): string;
}

export interface GoFunction {
  params: ParamKind[];
  variadic?: ParamKind;
  call: (args: unknown[], ctx: CallContext) => unknown;
}

export type FuncMap = Map<string, GoFunction>;

const KIND_LETTERS: Record<string, ParamKind> = { s: 'string', i: 'int', f: 'float', b: 'bool', a: 'any', l: 'list', m: 'map' };

/**
 * A function from a compact signature: letters s(tring) i(nt) f(loat64) b(ool) a(ny) l(ist) m(ap),
 * space separated, the last one may be variadic ("...a"). Example: 'i s' for indent(spaces int, v string).
 */
export function goFunc(signature: string, call: (args: unknown[], ctx: CallContext) => unknown): GoFunction {
  const params: ParamKind[] = [];
  let variadic: ParamKind | undefined;
  for (const part of signature.split(' ').filter(Boolean)) {
    if (part.startsWith('...')) variadic = KIND_LETTERS[part.slice(3)];
    else params.push(KIND_LETTERS[part]);
  }
  return { params, variadic, call };
}
