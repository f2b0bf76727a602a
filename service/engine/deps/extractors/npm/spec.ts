// What a dependency spec (`^1.2.0`, `npm:bar@1.0.0`, `github:user/repo`, `file:../x`) asks for, the
// way npm reads it: a registry range (maybe under an alias), or something no registry version
// describes (git, tarball, local folder, workspace), which stays out of advisory matching.
import { valid, validRange } from 'semver';

export type SpecKind =
  /** A registry package: `range` is a semver range or a dist-tag; `name` set for an alias. */
  | { kind: 'registry'; range: string; name?: string }
  /** A sibling of the workspace (`workspace:*`, `link:`): the project's own code. */
  | { kind: 'local' }
  /** Git, tarball, file or anything else npm would fetch from outside a registry. */
  | { kind: 'other' };

const OTHER_PREFIX = /^(?:git\+|git:|github:|gitlab:|bitbucket:|gist:|https?:|file:|portal:|patch:|catalog:)/i;

/** `1.2.3`, `^1.2`, `~1`: ranges semver always accepts, most of a lockfile's, told without building a Range. */
const PLAIN_RANGE = /^[\^~]?(?:0|[1-9]\d{0,14})(?:\.(?:0|[1-9]\d{0,14})){0,2}$/;

export function classifySpec(spec: string): SpecKind {
  const s = spec.trim();
  if (s.startsWith('npm:')) {
    const rest = s.slice(4);
    const at = rest.lastIndexOf('@');
    if (at > 0) return { kind: 'registry', name: rest.slice(0, at), range: rest.slice(at + 1) };
    return { kind: 'registry', name: rest, range: '*' };
  }
  if (s.startsWith('workspace:') || s.startsWith('link:')) return { kind: 'local' };
  if (OTHER_PREFIX.test(s)) return { kind: 'other' };
  if (s === '' || s === 'latest' || PLAIN_RANGE.test(s) || validRange(s, { loose: true }) !== null) return { kind: 'registry', range: s || '*' };
  // A dist-tag is a bare word; `user/repo` (GitHub shorthand), `./dir` and paths are not registry specs.
  if (/^[A-Za-z][\w.-]*$/.test(s)) return { kind: 'registry', range: s };
  return { kind: 'other' };
}

/** The version an exact spec pins (`1.2.3`, `=1.2.3`, `v1.2.3`), else ''. */
export function exactVersion(range: string): string {
  const r = range.trim().replace(/^=\s*/, '');
  return valid(r) ?? '';
}

/** A concrete version a lockfile records for a registry package (`1.2.3`, `1.2.3-beta.1+build`). */
export function isRegistryVersion(version: unknown): version is string {
  return typeof version === 'string' && /^\d/.test(version) && valid(version) !== null;
}

/**
 * Whether a lockfile's `resolved` URL is a registry tarball (`…/<name>/-/<base>-<version>.tgz`, any
 * registry host) rather than a git checkout, a local file or an arbitrary tarball.
 */
export function isRegistryTarball(resolved: unknown): boolean {
  if (typeof resolved !== 'string' || resolved === '') return true;
  if (!/^https?:\/\//i.test(resolved)) return false;
  return /\/-\/[^/?#]+\.tgz(?:[?#].*)?$/i.test(resolved);
}

/** `name@range` split at the '@' that ends the name (scoped names start with '@'). */
export function splitDescriptor(descriptor: string): { name: string; range: string } | undefined {
  const at = descriptor.indexOf('@', 1);
  if (at <= 0) return undefined;
  return { name: descriptor.slice(0, at), range: descriptor.slice(at + 1) };
}
