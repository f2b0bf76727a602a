// Go module versions: semantic versions with a v prefix (OSV's Go ranges write them without it),
// +incompatible for v2+ modules without a go.mod (build metadata: ignored when comparing) and
// pseudo-versions (v0.0.0-20230102150405-abcdef123456, v1.2.4-0.2023…-abcdef), which are
// pre-releases and so sort below the release they precede. The Go toolchain's own versions (go
// directive: 1.21, 1.21rc2, go1.22.1) are read too, for the stdlib pseudo-package.
import { type SemVer, parse as parseSemver } from 'semver';
import { defineScheme, packParts } from './scheme';

const SHORTHAND = /^v?(\d+)(?:\.(\d+))?$/;
const TOOLCHAIN = /^(?:go)?(\d+)\.(\d+)(?:\.(\d+))?(?:(rc|beta)(\d+))?$/;

function parseGo(version: string): SemVer | undefined {
  const semver = parseSemver(version);
  if (semver) return semver;
  // Go accepts vMAJOR and vMAJOR.MINOR as shorthands of vMAJOR.0.0 and vMAJOR.MINOR.0.
  const short = SHORTHAND.exec(version);
  if (short) return parseSemver(`${short[1]}.${short[2] ?? '0'}.0`) ?? undefined;
  const toolchain = TOOLCHAIN.exec(version);
  if (toolchain) {
    const [, major, minor, patch, pre, preNumber] = toolchain;
    return parseSemver(`${major}.${minor}.${patch ?? '0'}${pre ? `-${pre}.${preNumber}` : ''}`) ?? undefined;
  }
  return undefined;
}

export const goScheme = defineScheme<SemVer>({
  name: 'go',
  parse: parseGo,
  compareParsed: (a, b) => a.compare(b),
  isPrereleaseParsed: (p) => p.prerelease.length > 0,
  plainKey: (p) => (p.prerelease.length > 0 ? NaN : packParts([p.major, p.minor, p.patch], [19, 17, 17])),
  examples: {
    ordered: [
      ['v0.0.0-20190101000000-aaaaaaaaaaaa', 'v0.0.0-20230102150405-abcdef123456', 'v0.1.0', 'v1.0.0-rc.1', 'v1.0.0', 'v1.2.3'],
      // A pseudo-version based on v1.2.3 sorts between v1.2.3 and v1.2.4.
      ['v1.2.3', 'v1.2.4-0.20230102150405-abcdef123456', 'v1.2.4'],
      ['v1.9.0', 'v2.0.0+incompatible', 'v2.1.0+incompatible', 'v3.0.0'],
      ['1.20.14', '1.21rc2', '1.21.0', 'go1.21.5', '1.22'],
    ],
    equal: [
      ['v1.2.3', '1.2.3'],
      ['v2.0.0+incompatible', '2.0.0'],
      ['v1.2', 'v1.2.0'],
      ['go1.21', '1.21.0'],
      ['1.21rc2', '1.21.0-rc.2'],
    ],
    invalid: ['latest', 'v1.2.3.4', 'master', '', 'v01.2.3', 'abcdef123456'],
  },
});
