// The benchmark's model of what one request costs in TSTUs. ADO publishes no per-request cost (one
// TSTU is "roughly a typical user's load over 5 minutes", ado-rest.md §14); this assumes a plain read
// costs 0.01 TSTU and an expanded or cross-cutting one (full build definitions, checks with settings,
// graph memberships and lookups, member entitlements, portal data providers) 0.03. UNVERIFIED: the
// benchmark's figures scale with these numbers (BENCH_TSTU_SCALE multiplies them).
export function requestCost(req: { method: string; path: string; query: string }): number {
  const heavy =
    /includeAllProperties=true|\$expand=/i.test(req.query) ||
    /\/_apis\/(graph\/|userentitlements|Contribution\/HierarchyQuery)/i.test(req.path);
  return heavy ? 0.03 : 0.01;
}
