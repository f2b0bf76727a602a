// Micro benchmark of the compliance checks (issue 15 §5, evaluation part): generated evidence for 200
// repositories in 10 projects with 50,000 merged pull requests (reviewers, a vote history, commits,
// statuses, two builds with their timelines; some self-approved, emergency, out of period, with builds
// gone), every project's policy revisions; evaluates every pull request and each repository's production
// branches, one context per repository as the evaluation job does. Prints the time.
// Run: npx tsx test/bench/compliance/evaluate-bench.ts [--prs 50000] [--repos 200]
// runEvaluateBench() is exported for `npm run bench:compliance`.
import { performance } from 'node:perf_hooks';
import type { ComplianceCheckId, ComplianceOutcome } from '../../../service/contract/compliance-api';
import { evaluateBranch, evaluatePullRequest, overallOutcome, type ComplianceContext } from '../../../service/compliance/evaluate';
import type { BuildEvidence, MergedPullRequestEvidence, PolicyRevisionEvidence } from '../../../service/compliance/evidence';
import { BUILD_VALIDATION_POLICY_TYPE, MINIMUM_REVIEWERS_POLICY_TYPE } from '../../../service/compliance/policy-scope';

const CHECKS: ComplianceCheckId[] = ['CMP-BRANCH-APPROVAL', 'CMP-PR-APPROVAL', 'CMP-PR-SAST', 'CMP-PR-TESTS', 'CMP-PR-DEPENDENCIES'];
const TASKS = ['Checkout', 'NuGetToolInstaller', 'NuGetCommand', 'DotNetCoreCLI', 'VSTest', 'PublishTestResults', 'MicrosoftSecurityDevOps', 'CopyFiles', 'PublishBuildArtifacts', 'trivy'];

/** A small deterministic generator (no Math.random: the same evidence every run). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const person = (i: number) => ({ id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, displayName: `Person ${i}`, uniqueName: `person${i}@contoso.com` });
const iso = (ms: number) => new Date(ms).toISOString();

export interface GeneratedCompliance {
  contexts: ComplianceContext[];
  /** Pull requests per context, same order. */
  pullRequests: MergedPullRequestEvidence[][];
}

export function generateCompliance(prCount = 50_000, repoCount = 200, projects = 10): GeneratedCompliance {
  const rand = rng(42);
  const start = Date.parse('2026-08-07T00:00:00Z');
  const span = 115 * 24 * 3600 * 1000;
  const contexts: ComplianceContext[] = [];
  const pullRequests: MergedPullRequestEvidence[][] = [];
  const policiesByProject = new Map<string, PolicyRevisionEvidence[]>();
  let policyId = 0;
  for (let r = 0; r < repoCount; r++) {
    const projectId = `project-${r % projects}`;
    const repoId = `repo-${r}`;
    const policies = policiesByProject.get(projectId) ?? [];
    policiesByProject.set(projectId, policies);
    const scope = [{ repositoryId: repoId, refName: 'refs/heads/main', matchKind: 'Exact' }];
    for (const [typeId, settings] of [
      [MINIMUM_REVIEWERS_POLICY_TYPE, { minimumApproverCount: 1, creatorVoteCounts: r % 17 === 0, resetOnSourcePush: true }],
      [BUILD_VALIDATION_POLICY_TYPE, { buildDefinitionId: r * 10 + 1, validDuration: 720 }],
    ] as const) {
      const id = ++policyId;
      for (let rev = 1; rev <= 3; rev++) {
        policies.push({ projectId, policyId: id, revision: rev, typeId, isEnabled: true, isBlocking: rev !== 2 || r % 5 !== 0, scope, settings: { ...settings }, revisedAt: iso(start - (4 - rev) * 30 * 24 * 3600 * 1000) });
      }
    }
    contexts.push({
      startDate: '2026-08-07',
      emergencyLabel: 'emergency',
      evidenceSources: { sastTasks: [], sastStatuses: [], testTasks: [], testStatuses: [], dependencyTasks: [], dependencyStatuses: [] },
      repository: { id: repoId, name: `repo ${r}`, projectId, defaultBranch: 'refs/heads/main', branchPatterns: ['release/*'], checks: CHECKS, url: `https://dev.azure.com/contoso/${projectId}/_git/repo-${r}` },
      policies,
    });
    pullRequests.push([]);
  }
  for (let i = 0; i < prCount; i++) {
    const r = i % repoCount;
    const ctx = contexts[r];
    const closed = start - 5 * 24 * 3600 * 1000 + Math.floor(rand() * span);
    const author = person(Math.floor(rand() * 400));
    const approver = rand() < 0.05 ? author : person(400 + Math.floor(rand() * 400));
    const merge = `${i.toString(16).padStart(8, '0')}${'c'.repeat(32)}`;
    const voteAt = closed - 3600_000 + (rand() < 0.03 ? 2 * 3600_000 : 0);
    const builds: BuildEvidence[] = [0, 1].map((b): BuildEvidence => {
      const gone = rand() < 0.02;
      // half of the deleted builds were deleted before Vigil recorded their timeline
      const recorded = !gone || rand() < 0.5;
      return {
        buildId: i * 2 + b,
        definitionId: r * 10 + 1 + b,
        definitionName: `ci-${b}`,
        buildNumber: `2026.${i}.${b}`,
        status: 'completed',
        result: rand() < 0.05 ? 'failed' : 'succeeded',
        reason: 'pullRequest',
        sourceVersion: merge,
        queueTime: iso(closed - 2 * 3600_000),
        finishTime: iso(closed - 1.5 * 3600_000),
        url: `https://dev.azure.com/contoso/${ctx.repository.projectId}/_build/results?buildId=${i * 2 + b}`,
        ...(recorded ? { tasks: TASKS.map((name) => ({ name, task: { name, version: '2.1.0' }, result: 'succeeded' })), tests: { total: 300, passed: 300, failed: 0 } } : {}),
        ...(gone ? { gone } : {}),
      };
    });
    pullRequests[r].push({
      projectId: ctx.repository.projectId,
      repositoryId: ctx.repository.id,
      pullRequestId: i + 1,
      title: `Change ${i}`,
      url: `https://dev.azure.com/contoso/${ctx.repository.projectId}/_git/repo-${r}/pullrequest/${i + 1}`,
      author,
      closedAt: iso(closed),
      closedBy: author,
      sourceRef: `refs/heads/feature/${i}`,
      targetRef: rand() < 0.9 ? 'refs/heads/main' : 'refs/heads/release/2.1',
      lastMergeCommit: merge,
      lastIteration: 3,
      labels: rand() < 0.01 ? ['emergency'] : ['feature'],
      reviewers: [{ ...approver, vote: 10 }, { ...person(900), vote: 0 }, { id: 'group-1', displayName: '[p]\\Reviewers', isContainer: true, vote: 10 }],
      votes: [
        { voter: person(900), vote: -5, at: iso(voteAt - 600_000) },
        { voter: approver, vote: 10, at: iso(voteAt) },
      ],
      commits: [0, 1, 2, 3, 4].map((c) => ({ commitId: `${merge.slice(0, 8)}${c}`, author: { name: author.displayName, email: author.uniqueName } })),
      statuses: rand() < 0.8 ? [{ genre: 'vigil', name: 'security', state: 'succeeded', iterationId: 3, createdAt: iso(closed - 1800_000) }] : [],
      builds,
      unavailable: [],
      collectedAt: iso(closed + 60_000),
    });
  }
  return { contexts, pullRequests };
}

export interface EvaluateBenchResult {
  pullRequests: number;
  branches: number;
  ms: number;
  /** CPU time (user + system) of the process meanwhile: on a loaded machine, closer to the work done. */
  cpuMs: number;
  outcomes: Record<ComplianceOutcome, number>;
}

export function runEvaluateBench(data: GeneratedCompliance): EvaluateBenchResult {
  const outcomes: Record<ComplianceOutcome, number> = { pass: 0, fail: 0, 'not-applicable': 0, exempt: 0, 'not-available': 0 };
  const now = new Date('2026-12-01T00:00:00Z');
  let prs = 0;
  let branches = 0;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  data.contexts.forEach((ctx, i) => {
    for (const branch of ['refs/heads/main', 'refs/heads/release/2.1']) {
      evaluateBranch(branch, ctx, now);
      branches++;
    }
    for (const pr of data.pullRequests[i]) {
      outcomes[overallOutcome(evaluatePullRequest(pr, ctx))]++;
      prs++;
    }
  });
  const cpu = process.cpuUsage(cpu0);
  return { pullRequests: prs, branches, ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000, outcomes };
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

if (require.main === module) {
  const prs = arg('prs', 50_000);
  const repos = arg('repos', 200);
  const g0 = performance.now();
  const data = generateCompliance(prs, repos);
  const generated = performance.now() - g0;
  runEvaluateBench(generateCompliance(2_000, 20)); // warm-up
  const result = runEvaluateBench(data);
  console.log(
    `compliance evaluation: ${result.pullRequests} pull requests and ${result.branches} branches of ${repos} repositories in ${result.ms.toFixed(0)} ms, ${result.cpuMs.toFixed(0)} ms of CPU ` +
      `(${((result.ms * 1000) / result.pullRequests).toFixed(1)} µs per pull request; evidence generated in ${generated.toFixed(0)} ms; ` +
      `heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB)`,
  );
  console.log(`overall outcomes: ${JSON.stringify(result.outcomes)}`);
}
