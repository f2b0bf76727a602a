// Semantic Versioning 2.0 (npm, crates.io; also Pub, Hex and SwiftURL, whose OSV ranges are SEMVER),
// through the semver package. Build metadata is ignored when comparing, as SemVer says.
import { type SemVer, parse as parseSemver } from 'semver';
import { defineScheme, packParts } from './scheme';

export const semverScheme = defineScheme<SemVer>({
  name: 'semver',
  parse: (version) => parseSemver(version) ?? undefined,
  compareParsed: (a, b) => a.compare(b),
  isPrereleaseParsed: (p) => p.prerelease.length > 0,
  plainKey: (p) => (p.prerelease.length > 0 ? NaN : packParts([p.major, p.minor, p.patch], [19, 17, 17])),
  examples: {
    ordered: [
      // SemVer §11's own sequence.
      ['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0'],
      ['0.0.1', '0.1.0', '0.9.9', '0.10.0', '1.0.0', '1.2.3', '1.10.0', '2.0.0', '10.0.0'],
      ['4.17.20', '4.17.21-pre', '4.17.21', '4.18.0-0', '4.18.0'],
      ['1.0.0-2', '1.0.0-10', '1.0.0-a', '1.0.0-a.1'],
    ],
    equal: [
      ['1.0.0', 'v1.0.0'],
      ['1.0.0+build.5', '1.0.0'],
      ['1.0.0-rc.1+sha.abc', '1.0.0-rc.1'],
    ],
    invalid: ['4.17', '1', 'latest', '^1.2.3', '1.2.3.4', '01.2.3', '1.2.3-01', '', 'workspace:*'],
  },
});
