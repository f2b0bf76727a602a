// Replays every version scheme's own table of examples: each ordered list pairwise in both
// directions (antisymmetry), equal pairs both ways, invalid strings refused.
import { VERSION_SCHEMES, versionScheme } from '.';
import { ECOSYSTEMS } from '../../../contract/vocabulary';

describe.each(VERSION_SCHEMES.map((s) => [s.name, s] as const))('version scheme %s', (_name, scheme) => {
  const { ordered, equal, invalid } = scheme.examples;

  it('has examples of each kind', () => {
    expect(ordered.length).toBeGreaterThan(0);
    expect(equal.length).toBeGreaterThan(0);
    expect(invalid.length).toBeGreaterThan(0);
  });

  const orderedPairs = ordered.flatMap((list) => list.flatMap((a, i) => list.slice(i + 1).map((b) => [a, b] as const)));
  it.each(orderedPairs)('%s < %s', (a, b) => {
    expect(scheme.valid(a)).toBe(true);
    expect(scheme.valid(b)).toBe(true);
    expect(scheme.compare(a, b)).toBe(-1);
    expect(scheme.compare(b, a)).toBe(1);
    expect(scheme.compare(a, a)).toBe(0);
  });

  it.each(equal)('%s == %s', (a, b) => {
    expect(scheme.compare(a, b)).toBe(0);
    expect(scheme.compare(b, a)).toBe(0);
  });

  it('orders plain releases by their plain keys exactly as it orders the versions', () => {
    const versions = [...new Set([...ordered.flat(), ...equal.flat(), '0.0.0', '1', '1.2', '1.2.3', '1.2.4', '2.0.0', '10.20.30', '99999.0.1'])].filter((v) => scheme.valid(v));
    const keyed = versions.map((v) => [v, scheme.plainKey(scheme.parse(v)!)] as const).filter(([, key]) => !Number.isNaN(key));
    expect(keyed.length).toBeGreaterThan(3);
    const disagreements = keyed.flatMap(([a, ka]) => keyed.filter(([b, kb]) => Math.sign(ka - kb) !== scheme.compare(a, b)).map(([b]) => `${a} vs ${b}`));
    expect(disagreements).toEqual([]);
  });

  it('gives no plain key to pre-releases', () => {
    const pre = [...ordered.flat(), ...equal.flat()].filter((v) => scheme.valid(v) && scheme.isPrereleaseParsed(scheme.parse(v)!));
    expect(pre.filter((v) => !Number.isNaN(scheme.plainKey(scheme.parse(v)!)))).toEqual([]);
  });

  // Regexes that backtrack exponentially never return on these (the test then times out).
  it.each([
    ['1.0.0-beta' + '1'.repeat(60) + 'x'],
    ['1.0.0-beta' + '.1'.repeat(100) + '!'],
    ['1' + '.1'.repeat(120) + '-'],
    ['2023' + '01'.repeat(60) + 'x'],
    ['v1.2.3-' + 'a-'.repeat(120) + '!'],
    [' '.repeat(250) + '1!'],
    ['1'.repeat(300)],
  ])('reads a hostile string in bounded time: %#', (v) => {
    expect(typeof scheme.valid(v)).toBe('boolean');
  });

  it.each(invalid.map((v) => [v]))('refuses %j', (v) => {
    expect(scheme.valid(v)).toBe(false);
    expect(scheme.parse(v)).toBeUndefined();
    expect(() => scheme.compare(v, v)).toThrow();
  });
});

describe('versionScheme', () => {
  it('gives every ecosystem but Other a scheme', () => {
    for (const ecosystem of ECOSYSTEMS) {
      if (ecosystem === 'Other') expect(versionScheme(ecosystem)).toBeUndefined();
      else expect(versionScheme(ecosystem)).toBeDefined();
    }
  });

  it.each([
    ['npm', 'semver'],
    ['crates.io', 'semver'],
    ['Go', 'go'],
    ['PyPI', 'pep440'],
    ['Maven', 'maven'],
    ['NuGet', 'nuget'],
    ['RubyGems', 'rubygems'],
    ['Packagist', 'composer'],
  ] as const)('%s compares with %s', (ecosystem, name) => {
    expect(versionScheme(ecosystem)?.name).toBe(name);
  });
});
