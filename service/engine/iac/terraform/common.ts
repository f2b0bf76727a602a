// What the .tf loader and the plan loader share: the provider of a resource, module address prefixes and
// resource references qualified by the module that holds them.

/** `google_storage_bucket` → 'google'; a `provider = google-beta.eu` argument or a plan's provider name wins. */
export function providerOf(type: string, explicit?: string): string {
  if (explicit) {
    // registry.terraform.io/hashicorp/google-beta → google-beta; google-beta.eu → google-beta
    const last = explicit.slice(explicit.lastIndexOf('/') + 1);
    const name = last.split('.')[0];
    if (name) return name;
  }
  const cut = type.indexOf('_');
  return cut > 0 ? type.slice(0, cut) : type;
}

/** Reference roots that mean the same thing in every module (iteration values, paths). */
const UNQUALIFIED_ROOTS = new Set(['each', 'count', 'path', 'terraform', 'self']);

/**
 * A reference as written inside a module (`google_storage_bucket.b.name`, `module.child.id`,
 * `data.x.y.z`, `var.x`) as seen from the root: prefixed with the module's address
 * (`module.kms.var.x`, as the .tf loader names a module variable nobody set). Iteration values stay as written.
 */
export function qualifyRef(ref: string, modulePrefix: string): string {
  if (!modulePrefix) return ref;
  const root = ref.split(/[.[]/, 1)[0];
  return UNQUALIFIED_ROOTS.has(root) ? ref : modulePrefix + ref;
}
