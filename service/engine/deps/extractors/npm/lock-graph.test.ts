import type { ScanWarning } from '../../../types';
import { type EdgeKind, LockGraph, type LockNode, MAX_LOCK_NODES, packagesOf } from './lock-graph';

const node = (name: string, version: string, deps: string[] = [], extra: Partial<LockNode> = {}): LockNode => ({ name, version, deps, ...extra });

function graphOf(nodes: Record<string, LockNode>, direct: [string, EdgeKind][]): LockGraph {
  const graph = new LockGraph('lock', () => {});
  for (const [id, n] of Object.entries(nodes)) graph.add(id, n);
  graph.directKnown = true;
  for (const [id, kind] of direct) graph.addDirect(id, kind);
  return graph;
}

describe('packagesOf', () => {
  it.each([
    // [what, direct kinds, scope of the shared transitive package "t"]
    ['reached from prod and dev', [['p', 'prod'], ['d', 'dev']], undefined],
    ['reached from dev only', [['d', 'dev']], 'dev'],
    ['reached from peer and dev', [['p', 'peer'], ['d', 'dev']], 'peer'],
    ['reached from optional and dev', [['p', 'optional'], ['d', 'dev']], 'optional'],
  ] as [string, [string, EdgeKind][], string | undefined][])('derives the best scope: %s', (_what, direct, scope) => {
    const graph = graphOf({ p: node('p', '1.0.0', ['t']), d: node('d', '1.0.0', ['t']), t: node('t', '1.0.0') }, direct);
    const t = packagesOf(graph, 'lock', 'x').find((e) => e.name === 't');
    expect(t?.scope).toBe(scope);
  });

  it('makes an optional edge optional at best', () => {
    const graph = graphOf({ p: node('p', '1.0.0', [], { optionalDeps: ['o'] }), o: node('o', '1.0.0', ['t']), t: node('t', '1.0.0') }, [['p', 'prod']]);
    const byName = new Map(packagesOf(graph, 'lock', 'x').map((e) => [e.name, e]));
    expect(byName.get('o')?.scope).toBe('optional');
    expect(byName.get('t')?.scope).toBe('optional');
    expect(byName.get('p')?.scope).toBeUndefined();
  });

  it('merges the places of one version: first line, any direct, shortest path, union of dependsOn', () => {
    const graph = graphOf(
      {
        a: node('a', '1.0.0', ['x1'], { line: 10 }),
        b: node('b', '1.0.0', ['x2'], { line: 20 }),
        x1: node('x', '2.0.0', ['y'], { line: 40 }),
        x2: node('x', '2.0.0', ['z'], { line: 30, license: 'MIT' }),
        y: node('y', '1.0.0'),
        z: node('z', '1.0.0'),
        c: node('c', '1.0.0', ['b']),
      },
      [['a', 'prod'], ['c', 'prod']],
    );
    const x = packagesOf(graph, 'lock', 'x').filter((e) => e.name === 'x');
    expect(x).toEqual([
      {
        ecosystem: 'npm',
        name: 'x',
        version: '2.0.0',
        purl: 'pkg:npm/x@2.0.0',
        path: 'lock',
        line: 30,
        license: 'MIT',
        direct: false,
        dependencyPath: ['a', 'x'],
        dependsOn: ['pkg:npm/y@1.0.0', 'pkg:npm/z@1.0.0'],
        extractor: 'x',
      },
    ]);
  });

  it('keeps non-registry packages of one name apart by what they declare', () => {
    const graph = graphOf({ g1: node('u', '', [], { declared: 'git+a' }), g2: node('u', '', [], { declared: 'git+b' }) }, []);
    expect(packagesOf(graph, 'lock', 'x').map((e) => e.declared)).toEqual(['git+a', 'git+b']);
  });

  it('gives no path past 64 levels, and terminates on cycles', () => {
    const nodes: Record<string, LockNode> = {};
    for (let i = 0; i < 200; i++) nodes[`n${i}`] = node(`n${i}`, '1.0.0', [`n${(i + 1) % 200}`, `n${i}`]);
    const entries = packagesOf(graphOf(nodes, [['n0', 'prod']]), 'lock', 'x');
    const byName = new Map(entries.map((e) => [e.name, e]));
    expect(entries).toHaveLength(200);
    expect(byName.get('n63')?.dependencyPath).toHaveLength(64);
    expect(byName.get('n64')?.dependencyPath).toBeUndefined();
    expect(byName.get('n199')?.dependsOn).toEqual(['pkg:npm/n0@1.0.0']);
    expect(byName.get('n150')?.scope).toBeUndefined();
    expect(byName.get('n150')?.direct).toBe(false);
  });

  it('says nothing of direct, scope or paths when the file does not say what is direct', () => {
    const graph = new LockGraph('lock', () => {});
    graph.add('a', node('a', '1.0.0', ['b']));
    graph.add('b', node('b', '1.0.0'));
    const [a] = packagesOf(graph, 'lock', 'x');
    expect(a).not.toHaveProperty('direct');
    expect(a).not.toHaveProperty('scope');
    expect(a).not.toHaveProperty('dependencyPath');
    expect(a.dependsOn).toEqual(['pkg:npm/b@1.0.0']);
  });

  it('leaves out dependsOn when the file holds no graph', () => {
    const graph = new LockGraph('lock', () => {});
    graph.edgesKnown = false;
    graph.add('a', node('a', '1.0.0'));
    expect(packagesOf(graph, 'lock', 'x')[0]).not.toHaveProperty('dependsOn');
  });
});

describe('LockGraph', () => {
  it(`stops at ${MAX_LOCK_NODES} packages with one warning`, () => {
    const warnings: Omit<ScanWarning, 'scanner'>[] = [];
    const graph = new LockGraph('huge.lock', (w) => warnings.push(w));
    let added = 0;
    for (let i = 0; i < MAX_LOCK_NODES + 10; i++) if (graph.add(`p${i}`, node(`p${i}`, '1.0.0'))) added++;
    expect(added).toBe(MAX_LOCK_NODES);
    expect(graph.nodes.size).toBe(MAX_LOCK_NODES);
    expect(warnings).toEqual([{ code: 'too-many-packages', path: 'huge.lock', message: expect.stringContaining(String(MAX_LOCK_NODES)) }]);
  });

  it('ignores a direct dependency it does not hold', () => {
    const graph = new LockGraph('lock', () => {});
    graph.addDirect('missing', 'prod');
    graph.addDirect(undefined, 'prod');
    expect(graph.direct).toEqual([]);
  });
});
