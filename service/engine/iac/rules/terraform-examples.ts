// Example builders every Terraform rule set shares: a resource block, a variable nobody sets, an HCL
// literal, and a minimal `terraform show -json` plan (provider named from the resource type's prefix).

/** One resource block; `body` lines are indented by two spaces. */
export function tf(type: string, body: string, name = 'example'): string {
  const lines = body
    .trim()
    .split('\n')
    .map((l) => (l ? `  ${l}` : l));
  return `resource "${type}" "${name}" {\n${lines.join('\n')}\n}\n`;
}

/** A variable without a default, then the resource: the value the rule reads is not known. */
export function tfVar(variable: string, type: string, body: string, name = 'example'): string {
  return `variable "${variable}" {}\n\n${tf(type, body, name)}`;
}

/** An HCL literal for an example value. */
export function lit(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(lit).join(', ')}]`;
  return String(v);
}

export interface PlannedResource {
  type: string;
  name?: string;
  values: Record<string, unknown>;
  /** after_unknown of its change: `true` where the value is known only after apply (writes resource_changes). */
  unknown?: Record<string, unknown>;
}

export interface PlanOptions {
  /** The name of resources that give none (default 'example'). */
  defaultName?: string;
  /** Also write resource_changes (create actions, after_unknown). */
  changes?: boolean;
}

const providerOf = (type: string): string => `registry.terraform.io/hashicorp/${type.slice(0, Math.max(type.indexOf('_'), 0)) || type}`;

/** A minimal `terraform show -json` plan with these resources in the root module. */
export function tfPlan(resources: readonly PlannedResource[], options: PlanOptions = {}): string {
  const name = (r: PlannedResource) => r.name ?? options.defaultName ?? 'example';
  const head = (r: PlannedResource) => ({ address: `${r.type}.${name(r)}`, mode: 'managed', type: r.type, name: name(r), provider_name: providerOf(r.type) });
  const planned = resources.map((r) => ({ ...head(r), schema_version: 0, values: r.values }));
  const changes = options.changes
    ? {
        resource_changes: resources.map((r) => ({
          ...head(r),
          change: { actions: ['create'], before: null, after: r.values, after_unknown: { id: true, ...(r.unknown ?? {}) }, before_sensitive: false, after_sensitive: {} },
        })),
      }
    : {};
  return `${JSON.stringify({ format_version: '1.2', terraform_version: '1.9.8', planned_values: { root_module: { resources: planned } }, ...changes }, null, 2)}\n`;
}

/** A plan of one resource named 'example'. */
export const plan1 = (type: string, values: Record<string, unknown>): string => tfPlan([{ type, values }]);
