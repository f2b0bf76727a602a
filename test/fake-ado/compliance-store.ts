// Compliance history (issue 15): merged pull requests seeded at start from fixtures/compliance.json, with
// what ADO keeps of each: reviewers (group reviewers with isContainer, people's votedFor), the system
// VoteUpdate threads that date each vote, commits and their authors, PR statuses, PR builds on
// refs/pull/{id}/merge with timelines (or deleted by retention), and older revisions of policy
// configurations. Dates are relative to the start, so the same pull requests fall in the same period on any day.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildsOfOrg, type BuildRecord, type BuildTaskInput } from './build-store';
import type { FakeContext } from './context';
import type { Json, OrgDef, PolicyConfigDef, ProjectDef, ReviewerDef } from './model';
import { pullRequestsOfOrg, type PullRequestRecord } from './pull-request-store';

export interface GroupDef {
  key: string;
  id: string;
  displayName: string;
  uniqueName: string;
}

export interface MergedPullRequestDef {
  id: number;
  repository: string;
  title: string;
  createdBy: string;
  closedBy: string;
  closedDaysAgo: number;
  sourceRefName: string;
  targetRefName: string;
  reviewers: { identity: string; vote: number; isRequired?: boolean; votedFor?: string[] }[];
  votes?: { identity: string; vote: number; minutesBeforeClose: number }[];
  commits?: (string | { name: string; email: string })[];
  statuses?: { genre?: string; name: string; state: string; description?: string }[];
  builds?: { definition: number | string; result: string; tasks?: BuildTaskInput[]; deleted?: boolean }[];
  labels?: string[];
  completionOptions?: Json;
}

/** An older revision of a policy configuration: the fields it had then, over the current ones. */
export interface PolicyRevisionDef {
  revision: number;
  createdBy: string;
  createdDate: string;
  isEnabled?: boolean;
  isBlocking?: boolean;
  settings?: Json;
}

export interface OrgComplianceDef {
  groups?: GroupDef[];
  pullRequests?: MergedPullRequestDef[];
  /** project name -> policy id -> older revisions. */
  policyRevisions?: Record<string, Record<string, PolicyRevisionDef[]>>;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const revisionsByCtx = new WeakMap<FakeContext, Map<string, OrgComplianceDef['policyRevisions']>>();

export function loadCompliance(fixturesDir: string): Record<string, OrgComplianceDef> {
  const file = path.join(fixturesDir, 'compliance.json');
  if (!existsSync(file)) return {};
  return (JSON.parse(readFileSync(file, 'utf8')) as { orgs: Record<string, OrgComplianceDef> }).orgs;
}

const sha = (seed: string) => createHash('sha1').update(seed).digest('hex');

/** Seeds every organization's compliance history; `now` is the fake's start. */
export function seedCompliance(ctx: FakeContext, defs: Record<string, OrgComplianceDef>, now = Date.now()): void {
  const revisions = new Map<string, OrgComplianceDef['policyRevisions']>();
  revisionsByCtx.set(ctx, revisions);
  for (const [orgName, def] of Object.entries(defs)) {
    const org = ctx.findOrg(orgName);
    if (!org) throw new Error(`fixture compliance.json: unknown organization ${orgName}`);
    revisions.set(org.name, def.policyRevisions);
    const groups = new Map((def.groups ?? []).map((g) => [g.key, g]));
    for (const pr of def.pullRequests ?? []) seedPullRequest(ctx, org, groups, pr, now);
  }
}

/** The older revisions of a fixture policy (the current configuration is the last revision). */
export function olderPolicyRevisions(ctx: FakeContext, org: OrgDef, project: ProjectDef, current: PolicyConfigDef): PolicyConfigDef[] {
  const defs = revisionsByCtx.get(ctx)?.get(org.name)?.[project.name]?.[String(current.id)] ?? [];
  return defs
    .filter((d) => d.revision < current.revision)
    .map((d) => ({
      ...current,
      revision: d.revision,
      createdBy: d.createdBy,
      createdDate: d.createdDate,
      isEnabled: d.isEnabled ?? current.isEnabled,
      isBlocking: d.isBlocking ?? current.isBlocking,
      settings: { ...current.settings, ...(d.settings ?? {}), scope: current.settings.scope },
    }));
}

function seedPullRequest(ctx: FakeContext, org: OrgDef, groups: Map<string, GroupDef>, def: MergedPullRequestDef, now: number): void {
  const project = org.projects.find((p) => p.repos.some((r) => r.name === def.repository));
  const repo = project?.repos.find((r) => r.name === def.repository);
  if (!project || !repo) throw new Error(`fixture compliance.json: pull request ${def.id} names unknown repository ${def.repository}`);
  const prs = pullRequestsOfOrg(ctx, org.name);
  if (prs.has(def.id)) throw new Error(`fixture compliance.json: pull request ${def.id} already exists`);
  const closed = Math.floor((now - def.closedDaysAgo * DAY) / MINUTE) * MINUTE;
  const iso = (t: number) => new Date(t).toISOString();
  const person = (key: string) => ctx.identityRef(org, ctx.identity(org, key));
  const groupRef = (g: GroupDef): Json => ({ displayName: g.displayName, url: `${ctx.orgUrlOf(org)}/_apis/Identities/${g.id}`, id: g.id, uniqueName: g.uniqueName, isContainer: true });
  const reviewers: ReviewerDef[] = def.reviewers.map((rv) => {
    const group = groups.get(rv.identity);
    return {
      identity: rv.identity,
      vote: rv.vote,
      ...(rv.isRequired !== undefined ? { isRequired: rv.isRequired } : {}),
      ...(group ? { ref: groupRef(group), isContainer: true } : {}),
      ...(rv.votedFor ? { votedFor: rv.votedFor.map((k) => groupRef(groups.get(k) ?? missingGroup(def.id, k))) } : {}),
    };
  });
  const record: PullRequestRecord = {
    org,
    project,
    repo,
    id: def.id,
    title: def.title,
    description: '',
    status: 'completed',
    isDraft: false,
    createdBy: def.createdBy,
    creationDate: iso(closed - DAY),
    closedDate: iso(closed),
    closedBy: def.closedBy,
    sourceRefName: def.sourceRefName,
    targetRefName: def.targetRefName,
    mergeStatus: 'succeeded',
    reviewers,
    labels: (def.labels ?? []).map((name) => ({ name, active: true })),
    ...(def.completionOptions ? { completionOptions: def.completionOptions } : {}),
    iterations: [],
    fixture: true,
    trackingIds: new Map(),
  };
  prs.set(def.id, record);
  const key = `${org.name}/${repo.id}/${def.id}`;
  const repoUrl = `${ctx.orgUrlOf(org)}/${project.id}/_apis/git/repositories/${repo.id}`;

  // Commits: the fixture PR's source commit first, then one per further author.
  const authors = def.commits ?? [def.createdBy];
  record.seedCommits = authors.map((a, i) => {
    const who = typeof a === 'string' ? ctx.identity(org, a) : undefined;
    const user = { name: who?.displayName ?? (a as { name: string }).name, email: who?.uniqueName ?? (a as { email: string }).email, date: iso(closed - DAY + (i + 1) * 30 * MINUTE) };
    const id = sha(`compliance/${org.name}/${def.id}/commit/${i}`);
    return { commitId: id, author: user, committer: user, comment: `${def.title} (${i + 1})`, url: `${repoUrl}/commits/${id}` };
  });

  // Votes: VoteUpdate system threads (properties as ADO writes them; the voter a key into identities).
  const votes = def.votes ?? def.reviewers.filter((rv) => rv.vote !== 0 && !groups.has(rv.identity)).map((rv) => ({ identity: rv.identity, vote: rv.vote, minutesBeforeClose: 60 }));
  const prop = (value: string) => ({ $type: 'System.String', $value: value });
  ctx.state.prThreads.set(
    key,
    votes.map((v, i) => {
      const at = iso(closed - v.minutesBeforeClose * MINUTE);
      const voter = person(v.identity);
      return {
        id: i + 1,
        publishedDate: at,
        lastUpdatedDate: at,
        comments: [{ id: 1, parentCommentId: 0, author: voter, content: `${String(voter.displayName)} voted ${v.vote}`, publishedDate: at, lastUpdatedDate: at, lastContentUpdatedDate: at, commentType: 'system', usersLiked: [] }],
        threadContext: null,
        properties: {
          CodeReviewThreadType: prop('VoteUpdate'),
          CodeReviewVoteResult: prop(String(v.vote)),
          CodeReviewVotedByInitiatorIdentity: prop('1'),
          CodeReviewVotedByIdentity: prop('1'),
        },
        identities: { 1: voter },
        isDeleted: false,
      };
    }),
  );

  // Statuses on the last (only) iteration, posted by the scanner identity 90 minutes before closing.
  const scanner = person(org.identities[0].key);
  ctx.state.prStatuses.set(
    key,
    (def.statuses ?? []).map((s, i) => ({
      id: i + 1,
      state: s.state,
      description: s.description ?? `${s.genre ?? ''}/${s.name}: ${s.state}`,
      context: { name: s.name, ...(s.genre ? { genre: s.genre } : {}) },
      creationDate: iso(closed - 90 * MINUTE),
      updatedDate: iso(closed - 90 * MINUTE),
      createdBy: scanner,
      iterationId: 1,
      _links: { self: { href: `${repoUrl}/pullRequests/${def.id}/statuses/${i + 1}` }, repository: { href: repoUrl } },
    })),
  );

  // PR builds at the merge commit the fake derives for a fixture pull request.
  const merge = sha(`compliance/${org.name}/${def.id}/merge`);
  const builds = buildsOfOrg(ctx, org.name);
  for (const b of def.builds ?? []) {
    const buildDef = (ctx.projectAreas(org, project).buildDefinitions ?? []).find((d) => d.id === b.definition || d.name === b.definition);
    if (!buildDef || buildDef.repository !== repo.name) throw new Error(`fixture compliance.json: pull request ${def.id} names build definition ${b.definition}, not one of ${repo.name}`);
    const finish = closed - 120 * MINUTE;
    const id = 9000 + builds.filter((x) => x.seeded).length + 1;
    const build: BuildRecord = {
      id,
      org,
      project,
      repo,
      def: buildDef,
      buildNumber: `${iso(finish).slice(0, 10).replace(/-/g, '')}.${id - 9000}`,
      result: b.result,
      reason: 'pullRequest',
      sourceBranch: `refs/pull/${def.id}/merge`,
      sourceVersion: merge,
      requestedFor: def.createdBy,
      queueTime: iso(finish - 10 * MINUTE),
      startTime: iso(finish - 9 * MINUTE),
      finishTime: iso(finish),
      pullRequest: { id: def.id, sourceRefName: def.sourceRefName, targetRefName: def.targetRefName },
      tasks: b.tasks ?? [],
      seeded: true,
      ...(b.deleted ? { deleted: true, deletedDate: iso(now - DAY) } : {}),
    };
    builds.push(build);
  }
  record.seedMergeCommit = merge;
}

function missingGroup(prId: number, key: string): never {
  throw new Error(`fixture compliance.json: pull request ${prId} names unknown group ${key}`);
}
