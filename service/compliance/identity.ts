// Who is who across ADO identities (reviewers, voters, the pull request's author: ids and sign-in names)
// and git identities (commit authors and committers: name and e-mail only). Two identities are the same
// person when both have an id and the ids are equal; otherwise when the sign-in name of one equals the
// uniqueName or e-mail of the other, without case. Display names are never compared (people share names).
import type { IdentityEvidence, MergedPullRequestEvidence } from './evidence';

const norm = (s: string | undefined): string | undefined => {
  const t = s?.trim().toLowerCase();
  return t ? t : undefined;
};

/** One ADO identity or git identity, in the comparable form. */
interface Comparable {
  id?: string;
  name?: string;
}

const comparable = (i: IdentityEvidence): Comparable => ({ id: norm(i.id), name: norm(i.uniqueName) });

export function sameIdentity(a: IdentityEvidence, b: IdentityEvidence): boolean {
  return matches(comparable(a), comparable(b));
}

function matches(a: Comparable, b: Comparable): boolean {
  if (a.id && b.id) return a.id === b.id;
  return !!a.name && a.name === b.name;
}

/** A stable key for grouping one person's votes: id, else sign-in name, else display name. */
export function identityKey(i: IdentityEvidence): string {
  return norm(i.id) ?? `name:${norm(i.uniqueName) ?? norm(i.displayName) ?? ''}`;
}

/** How a person relates to the pull request's authorship, for the message. */
export type AuthorRole = { role: 'pull-request-author' } | { role: 'commit-author' | 'commit-committer'; commitId: string };

/** The pull request's author and every author and committer of its commits. */
export interface Authorship {
  matchRole(person: IdentityEvidence): AuthorRole | undefined;
}

export function authorshipOf(pr: Pick<MergedPullRequestEvidence, 'author' | 'commits'>): Authorship {
  const author = pr.author ? comparable(pr.author) : undefined;
  const byEmail = new Map<string, AuthorRole>();
  for (const c of pr.commits) {
    const a = norm(c.author?.email);
    if (a && !byEmail.has(a)) byEmail.set(a, { role: 'commit-author', commitId: c.commitId });
    const k = norm(c.committer?.email);
    if (k && !byEmail.has(k)) byEmail.set(k, { role: 'commit-committer', commitId: c.commitId });
  }
  return {
    matchRole(person) {
      const p = comparable(person);
      if (author && matches(p, author)) return { role: 'pull-request-author' };
      return p.name ? byEmail.get(p.name) : undefined;
    },
  };
}

export function identityName(i: IdentityEvidence | undefined): string {
  return i?.displayName || i?.uniqueName || i?.id || 'someone unknown';
}

export function roleText(role: AuthorRole): string {
  return role.role === 'pull-request-author' ? 'the pull request\'s author' : `the ${role.role === 'commit-author' ? 'author' : 'committer'} of commit ${role.commitId.slice(0, 8)}`;
}
