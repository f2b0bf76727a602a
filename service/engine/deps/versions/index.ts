// Which version comparator each ecosystem uses: an explicit list, no registration by side effect.
import type { Ecosystem } from '../../../contract/vocabulary';
import { composerScheme } from './composer';
import { goScheme } from './go';
import { mavenScheme } from './maven';
import { nugetScheme } from './nuget';
import { pep440Scheme } from './pep440';
import { rubygemsScheme } from './rubygems';
import type { VersionScheme } from './scheme';
import { semverScheme } from './semver';

export type { VersionExamples, VersionScheme } from './scheme';

/** Every scheme once (the generic examples test replays each). */
export const VERSION_SCHEMES: readonly VersionScheme[] = [
  semverScheme,
  goScheme,
  pep440Scheme,
  mavenScheme,
  nugetScheme,
  rubygemsScheme,
  composerScheme,
] as VersionScheme[];

const BY_ECOSYSTEM: Partial<Record<Ecosystem, VersionScheme>> = {
  npm: semverScheme,
  'crates.io': semverScheme,
  // Pub, Hex and SwiftURL versions are semantic versions too (OSV gives their ranges as SEMVER or
  // ECOSYSTEM with semantic versions); their small departures (pub orders build metadata) do not
  // change whether a version is affected.
  Pub: semverScheme,
  Hex: semverScheme,
  SwiftURL: semverScheme,
  Go: goScheme,
  PyPI: pep440Scheme,
  Maven: mavenScheme,
  NuGet: nugetScheme,
  RubyGems: rubygemsScheme,
  Packagist: composerScheme,
} as Partial<Record<Ecosystem, VersionScheme>>;

/** The comparator of an ecosystem; undefined for 'Other' (only exact versions can be compared there). */
export function versionScheme(ecosystem: Ecosystem): VersionScheme | undefined {
  return BY_ECOSYSTEM[ecosystem];
}
