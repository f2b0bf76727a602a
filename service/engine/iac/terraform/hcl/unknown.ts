// A value that cannot be known statically: the expression as written and the traversals it references.
// Kept tiny and self-contained; service/engine/iac/values.ts may re-export or replace it.
export class Unknown {
  constructor(
    readonly expr: string,
    readonly refs: readonly string[] = [],
  ) {}
}

export function isUnknown(v: unknown): v is Unknown {
  return v instanceof Unknown;
}
