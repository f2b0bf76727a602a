import { dependencyPaths, MAX_PATH_LENGTH } from './dependency-paths';

describe('dependencyPaths', () => {
  it('gives the shortest chain from a direct dependency, direct first', () => {
    const edges = new Map([
      ['a', ['b', 'c']],
      ['b', ['d']],
      ['c', ['d', 'e']],
      ['x', ['e']],
      ['e', ['a']],
    ]);
    const paths = dependencyPaths(edges, ['a', 'x']);
    expect(Object.fromEntries(paths)).toEqual({ a: ['a'], x: ['x'], b: ['a', 'b'], c: ['a', 'c'], d: ['a', 'b', 'd'], e: ['x', 'e'] });
  });

  it('leaves out packages no direct dependency reaches', () => {
    expect(dependencyPaths(new Map([['orphan', ['a']]]), ['a']).has('orphan')).toBe(false);
  });

  it('stops giving paths past the length limit on a long chain, and visits each package once', () => {
    const n = 5000;
    const edges = new Map(Array.from({ length: n }, (_, i) => [`p${i}`, [`p${i + 1}`, `p${Math.max(0, i - 1)}`]]));
    const paths = dependencyPaths(edges, ['p0']);
    expect(paths.get(`p${MAX_PATH_LENGTH - 1}`)).toHaveLength(MAX_PATH_LENGTH);
    expect(paths.has(`p${MAX_PATH_LENGTH}`)).toBe(false);
    expect(paths.size).toBe(MAX_PATH_LENGTH);
  });
});
