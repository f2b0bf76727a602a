// The PEP 440 sort key computed once per version must order exactly as @renovatebot/pep440's
// compare (which recomputes it on every call) does.
import { compare as libraryCompare } from '@renovatebot/pep440';
import { pep440Scheme } from './pep440';

const VERSIONS = [
  ...new Set([
    ...pep440Scheme.examples.ordered.flat(),
    ...pep440Scheme.examples.equal.flat(),
    '0.1',
    '1.0.post1.dev2',
    '1.0rc1.post1',
    '1.0a1.dev3',
    '2!1.0',
    '1.0+ubuntu-1',
    '1.0+ubuntu.2',
    '1.0+1.abc',
    '1.0.0.0.1',
    '1.0b2.post345.dev456',
  ]),
];

describe('pep440 scheme agrees with @renovatebot/pep440', () => {
  it.each(VERSIONS.map((v) => [v]))('%s against every other version', (a) => {
    const ours = VERSIONS.map((b) => `${b}: ${pep440Scheme.compare(a, b)}`);
    const library = VERSIONS.map((b) => `${b}: ${Math.sign(libraryCompare(a, b))}`);
    expect(ours).toEqual(library);
  });
});

describe('pep440 pre-releases', () => {
  it.each([
    ['1.0a1', true],
    ['1.0.dev0', true],
    ['1.0rc2', true],
    ['1.0', false],
    ['1.0.post1', false],
  ] as const)('%s -> %s', (v, expected) => {
    expect(pep440Scheme.isPrereleaseParsed(pep440Scheme.parse(v)!)).toBe(expected);
  });
});
