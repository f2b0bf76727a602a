// Dependency paths from a lockfile's graph: for each package, the shortest chain of names from a
// direct dependency down to it (breadth first from every direct dependency at once, so a package
// reached along several chains gets the shortest, and each package is visited once).

/** `edges`: package -> the packages it depends on (normalised names); `direct`: in the file's order. */
export function dependencyPaths(edges: ReadonlyMap<string, readonly string[]>, direct: readonly string[]): Map<string, string[]> {
  const paths = new Map<string, string[]>();
  const queue: string[] = [];
  for (const name of direct) {
    if (paths.has(name)) continue;
    paths.set(name, [name]);
    queue.push(name);
  }
  for (let head = 0; head < queue.length; head++) {
    const from = queue[head];
    const path = paths.get(from) as string[];
    for (const to of edges.get(from) ?? []) {
      if (paths.has(to)) continue;
      paths.set(to, [...path, to]);
      queue.push(to);
    }
  }
  return paths;
}
