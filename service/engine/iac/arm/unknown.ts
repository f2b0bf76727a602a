// Unknown values built from other values: the expression as written, and the refs of every unknown input.
import type { IacValue } from '../types';
import { Unknown, isObject, isUnknown } from '../values';

/** The refs of every Unknown in `inputs` (looking inside lists and objects, bounded). */
export function refsOf(inputs: readonly (IacValue | undefined)[]): string[] {
  const refs = new Set<string>();
  const visit = (v: IacValue | undefined, depth: number) => {
    if (v === undefined || depth > 16 || refs.size > 64) return;
    if (isUnknown(v)) for (const r of v.refs) refs.add(r);
    else if (Array.isArray(v)) for (const x of v) visit(x, depth + 1);
    else if (isObject(v)) for (const x of Object.values(v)) visit(x, depth + 1);
  };
  for (const v of inputs) visit(v, 0);
  return [...refs];
}

/** An Unknown for `expr` that refers to whatever its inputs refer to (plus `extra`). */
export function unknownFrom(expr: string, inputs: readonly (IacValue | undefined)[], extra: readonly string[] = []): Unknown {
  const refs = refsOf(inputs);
  for (const r of extra) if (!refs.includes(r)) refs.push(r);
  return new Unknown(expr.length > 500 ? `${expr.slice(0, 499)}…` : expr, refs);
}
