import type { PackageEntry } from '../types';
import { dependencyPaths, linkByName, MAX_PATH_LENGTH } from './lock-graph';
import { packageEntry } from './package-entry';

const graphOf = (edges: Record<string, string[]>) => ({ edges: new Map(Object.entries(edges)), nameOf: (k: string) => k.split('@')[0] });

describe('dependencyPaths', () => {
  it('gives each reachable node a shortest path from a direct dependency', () => {
    const paths = dependencyPaths(graphOf({ 'a@1': ['b@1', 'c@1'], 'b@1': ['d@1'], 'c@1': ['d@1'], 'x@1': ['d@1'] }), ['a@1', 'x@1']);
    expect(paths.get('a@1')).toEqual(['a']);
    expect(paths.get('b@1')).toEqual(['a', 'b']);
    expect(paths.get('d@1')).toEqual(['x', 'd']);
    expect(paths.has('z@1')).toBe(false);
  });

  it('ends on cycles, including a node depending on itself', () => {
    const paths = dependencyPaths(graphOf({ 'a@1': ['b@1', 'a@1'], 'b@1': ['c@1'], 'c@1': ['a@1', 'b@1'] }), ['a@1']);
    expect([...paths.entries()]).toEqual([
      ['a@1', ['a']],
      ['b@1', ['a', 'b']],
      ['c@1', ['a', 'b', 'c']],
    ]);
  });

  it('ignores edges to nodes it does not know and repeated direct keys', () => {
    const paths = dependencyPaths(graphOf({ 'a@1': ['ghost@9'] }), ['a@1', 'a@1']);
    expect(paths.get('ghost@9')).toEqual(['a', 'ghost']);
    expect(paths.size).toBe(2);
  });

  it('keeps paths no longer than MAX_PATH_LENGTH (a hostile chain stays linear in memory)', () => {
    const edges: Record<string, string[]> = {};
    for (let i = 0; i < 10_000; i++) edges[`n${i}@1`] = [`n${i + 1}@1`];
    const paths = dependencyPaths(graphOf(edges), ['n0@1']);
    expect(paths.size).toBe(MAX_PATH_LENGTH);
    expect(paths.get(`n${MAX_PATH_LENGTH - 1}@1`)).toHaveLength(MAX_PATH_LENGTH);
  });
});

describe('linkByName', () => {
  const entry = (name: string, version: string, direct?: boolean): PackageEntry =>
    packageEntry('RubyGems', name, version, { path: 'Gemfile.lock', extractor: 'test' }, { direct });

  it('links a bare name to every locked version and a versioned ref to that version only, never to itself', () => {
    const entries = [entry('app', '1', true), entry('lib', '1'), entry('lib', '2'), entry('self', '1')];
    linkByName(entries, [['lib', { name: 'self', version: '1' }], [{ name: 'lib', version: '2' }], [], ['self', 'ghost']]);
    expect(entries.map((e) => [e.name, e.version, e.dependsOn, e.dependencyPath])).toEqual([
      ['app', '1', ['pkg:gem/lib@1', 'pkg:gem/lib@2', 'pkg:gem/self@1'], ['app']],
      ['lib', '1', ['pkg:gem/lib@2'], ['app', 'lib']],
      ['lib', '2', undefined, ['app', 'lib']],
      ['self', '1', undefined, ['app', 'self']],
    ]);
  });

  it('bounds the versions a bare name links to (a hostile lock repeating one name)', () => {
    const entries = [entry('app', '1'), ...Array.from({ length: 1000 }, (_, i) => entry('lib', `${i}`))];
    linkByName(entries, [['lib']]);
    expect(entries[0].dependsOn).toHaveLength(16);
  });
});
