// "Unpinned": a manifest asks for a range (^1.2, >=2,<3, 1.*, [1.0,2.0)) and no lockfile pins what
// installs get, so every install may resolve a different version, a newly published malicious one
// included. Extractors give such entries no version, only `declared`; a lockfile of the same
// ecosystem in the manifest's folder pins them (npm's package.json extractor already leaves out
// folders a lockfile or a workspace root covers). A requirements file has no lockfile: only its ==
// pins count.
import type { Ecosystem } from '../../../contract/vocabulary';
import type { PackageEntry } from '../types';

/** Lockfiles by ecosystem: one of them beside a manifest pins the manifest's ranges. */
const LOCKFILES: Partial<Record<Ecosystem, readonly string[]>> = {
  npm: ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'bun.lockb'],
  PyPI: ['Pipfile.lock', 'poetry.lock', 'pdm.lock', 'uv.lock', 'pylock.toml'],
  NuGet: ['packages.lock.json'],
  Maven: ['gradle.lockfile'],
  Go: ['go.sum'],
  'crates.io': ['Cargo.lock'],
  Packagist: ['composer.lock'],
  RubyGems: ['Gemfile.lock'],
};

/** Files that are their own pins (pip requirements and constraints). */
const SELF_PINNED = /\.(?:txt|in)$/i;

/** Specs that name no registry range: a URL, a git or local source, an unresolved property. */
const NOT_A_RANGE = /^(?:@\s|[a-z][a-z0-9+.-]*:\/\/|git[+@:]|github:|gitlab:|bitbucket:|file:|link:|workspace:|portal:|patch:|npm:)|\$\{|^[\w.-]+\/[\w.-]+(?:#.*)?$/i;

export type PinVerdict =
  | { outcome: 'pass'; why: string }
  | { outcome: 'not-applicable'; why: string }
  | { outcome: 'fail'; why: string };

/** Whether one entry is pinned; `has` tells whether a tree path exists. */
export function pinVerdict(pkg: PackageEntry, has: (path: string) => boolean, files: readonly { path: string }[] = []): PinVerdict {
  if (pkg.version !== '') return { outcome: 'pass', why: `pinned to ${pkg.version}` };
  const declared = pkg.declared?.trim();
  if (!declared) return { outcome: 'not-applicable', why: 'the file gives no version and no range' };
  if (NOT_A_RANGE.test(declared)) return { outcome: 'not-applicable', why: `${declared} is not a registry range` };
  const slash = pkg.path.lastIndexOf('/');
  const dir = slash < 0 ? '' : pkg.path.slice(0, slash + 1);
  if (pkg.ecosystem !== 'PyPI' || !SELF_PINNED.test(pkg.path)) {
    const lock = (LOCKFILES[pkg.ecosystem] ?? []).find((name) => has(dir + name));
    if (lock) return { outcome: 'pass', why: `${dir + lock} pins it` };
    if (pkg.ecosystem === 'PyPI') {
      const pylock = files.find((f) => f.path.startsWith(dir) && /^pylock\.[^/]+\.toml$/.test(f.path.slice(dir.length)));
      if (pylock) return { outcome: 'pass', why: `${pylock.path} pins it` };
    }
  }
  return { outcome: 'fail', why: 'is a range with no lockfile pinning it' };
}
