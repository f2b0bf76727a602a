// Dependency paths from a lockfile's graph: for each package, the shortest chain of names from a
// direct dependency down to it (breadth first from every direct dependency at once, so a package
// reached along several chains gets the shortest, and each package is visited once). Chains longer
// than MAX_PATH_LENGTH are not given (a hostile chain of n packages would otherwise cost n² names).

export const MAX_PATH_LENGTH = 32;

/** `edges`: package -> the packages it depends on (normalised names); `direct`: in the file's order. */
export function dependencyPaths(edges: ReadonlyMap<string, readonly string[]>, direct: readonly string[]): Map<string, string[]> {
  const parent = new Map<string, string | null>();
  const depth = new Map<string, number>();
  const queue: string[] = [];
  for (const name of direct) {
    if (parent.has(name)) continue;
    parent.set(name, null);
    depth.set(name, 1);
    queue.push(name);
  }
  for (let head = 0; head < queue.length; head++) {
    const from = queue[head];
    const next = (depth.get(from) as number) + 1;
    for (const to of edges.get(from) ?? []) {
      if (parent.has(to)) continue;
      parent.set(to, from);
      depth.set(to, next);
      queue.push(to);
    }
  }
  const paths = new Map<string, string[]>();
  for (const name of queue) {
    const length = depth.get(name) as number;
    if (length > MAX_PATH_LENGTH) continue;
    const path = new Array<string>(length);
    let at: string | null | undefined = name;
    for (let i = length - 1; i >= 0 && at != null; i--, at = parent.get(at)) path[i] = at;
    paths.set(name, path);
  }
  return paths;
}
