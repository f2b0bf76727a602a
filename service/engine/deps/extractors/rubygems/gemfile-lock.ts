// Gemfile.lock and gems.locked (Bundler 1 and 2): in the GEM, GIT and PATH sections, lines under
// `specs:` indented four spaces are gems (`name (version)` or `name (version-platform)`, the
// platform dropped and platform variants merged), six spaces their dependencies (the graph).
// DEPENDENCIES lists what the Gemfile asks for: the direct gems. A PATH gem at `remote: .` is the
// project's own gemspec: not inventoried, its dependencies direct.
import type { PackageEntry, PackageExtractor } from '../../types';
import { linkByName } from '../lock-graph';
import { packageEntry } from '../package-entry';

const EXTRACTOR = 'rubygems/gemfile-lock';
const SOURCE_SECTIONS = new Set(['GEM', 'GIT', 'PATH', 'PLUGIN SOURCE']);
const SPEC = /^ {4}([^\s(]+) \(([^)\s]+)\)$/;
const SPEC_DEPENDENCY = /^ {6}([^\s(]+)(?: \(.*\))?$/;
const DEPENDENCY = /^ {2}([^\s(!]+)!?(?: \(.*\))?$/;

interface Gem {
  entry: PackageEntry;
  dependencies: Set<string>;
}

/** `1.15.0-x86_64-linux` -> 1.15.0 (gem versions never hold a '-'; the lockfile adds the platform after one). */
export const gemVersion = (raw: string): string => raw.split('-', 1)[0];

export const gemfileLockExtractor: PackageExtractor = {
  name: EXTRACTOR,
  version: '1',
  wants: (path) => /(^|\/)(Gemfile\.lock|gems\.locked)$/.test(path),
  extract(file, warn) {
    const gems = new Map<string, Gem>();
    const direct = new Set<string>();
    let section = '';
    let inSpecs = false;
    let projectPath = false;
    let current: Gem | undefined;
    let sawSection = false;
    const unreadable: number[] = [];
    const lines = (file.text.charCodeAt(0) === 0xfeff ? file.text.slice(1) : file.text).split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i].endsWith('\r') ? lines[i].slice(0, -1) : lines[i];
      if (line.trim() === '') continue;
      if (!line.startsWith(' ')) {
        // Section names are upper-case words; anything else at the margin (a merge conflict's markers) is not one.
        if (!/^[A-Z][A-Z ]*$/.test(line.trimEnd())) {
          unreadable.push(i + 1);
          continue;
        }
        section = line.trim();
        sawSection ||= SOURCE_SECTIONS.has(section) || section === 'DEPENDENCIES';
        inSpecs = false;
        projectPath = false;
        current = undefined;
        continue;
      }
      if (SOURCE_SECTIONS.has(section)) {
        if (/^ {2}\S/.test(line)) {
          inSpecs = line.trim() === 'specs:';
          if (section === 'PATH' && /^ {2}remote: \.\/?$/.test(line)) projectPath = true;
          current = undefined;
          continue;
        }
        if (!inSpecs) continue;
        const spec = SPEC.exec(line);
        if (spec) {
          current = projectPath ? undefined : addGem(gems, spec[1], gemVersion(spec[2]), file.path, i + 1);
          continue;
        }
        const dep = SPEC_DEPENDENCY.exec(line);
        if (dep) {
          if (current) current.dependencies.add(dep[1]);
          else if (projectPath) direct.add(dep[1]);
          continue;
        }
        unreadable.push(i + 1);
      } else if (section === 'DEPENDENCIES') {
        const dep = DEPENDENCY.exec(line);
        if (dep) direct.add(dep[1]);
        else unreadable.push(i + 1);
      }
      // PLATFORMS, RUBY VERSION, BUNDLED WITH, CHECKSUMS: nothing to inventory.
    }
    if (!sawSection && file.text.trim() !== '') warn({ code: 'parse-error', message: 'no GEM, GIT, PATH or DEPENDENCIES section: not a Gemfile.lock' });
    if (unreadable.length > 0) {
      const more = unreadable.length > 1 ? ` (and ${unreadable.length - 1} more lines)` : '';
      warn({ code: 'parse-error', message: `line ${unreadable[0]}: not a lockfile entry${more}` });
    }
    const all = [...gems.values()];
    const entries = all.map((g) => g.entry);
    if (direct.size > 0) for (const e of entries) e.direct = direct.has(e.name);
    linkByName(
      entries,
      all.map((g) => [...g.dependencies]),
    );
    return entries;
  },
};

function addGem(gems: Map<string, Gem>, name: string, version: string, path: string, line: number): Gem {
  const key = `${name}@${version}`;
  let gem = gems.get(key);
  if (!gem) gems.set(key, (gem = { entry: packageEntry('RubyGems', name, version, { path, line, extractor: EXTRACTOR }), dependencies: new Set() }));
  return gem;
}
