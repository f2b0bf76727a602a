// CMP-PR-SAST, CMP-PR-TESTS and CMP-PR-DEPENDENCIES: the merged pull request underwent SAST, integration
// testing, a dependency check before merge. Proof is either
// - a recognised status (sources.ts) whose latest state, among those posted on the last iteration (or
//   without an iteration) before completion, is succeeded; or
// - a build of the pull request's last merge commit (build.sourceVersion = lastMergeCommit; when that is
//   unknown, the newest build of each pipeline queued before completion) that finished before completion
//   and ran a recognised task that succeeded (succeededWithIssues counts: scanners report findings that
//   way). SAST and dependency checks accept a succeeded or partially succeeded build (another step's issues
//   do not undo the scan); testing needs a succeeded build from a build validation policy in force on the
//   branch at merge, with published test results (more than 0, none failed) or a recognised test task.
// A build deleted by retention before Vigil recorded it, a timeline or facet that could not be read, makes
// the outcome not available (never a fail) unless another proof stands; a build deleted after Vigil recorded
// its timeline is judged as recorded (that is why the evidence is kept at merge time).
import type { ComplianceEvidenceItem } from '../../contract/compliance-api';
import type { PullRequestCheck, Verdict } from '../check';
import { ISO27001_CHANGE_MANAGEMENT, ISO27001_SECURE_TESTING, SOC2_CHANGE_MANAGEMENT } from '../check';
import type { BuildEvidence, BuildTaskEvidence, MergedPullRequestEvidence, PolicyRevisionEvidence, StatusEvidence } from '../evidence';
import { appliesTo, BUILD_VALIDATION_POLICY_TYPE, revisionAt } from '../policy-scope';
import type { PreparedContext } from '../prepare';
import type { PullRequestFacts, RelevantBuilds } from '../pr-facts';
import { statusContext, type SourceKind, type TaskMatch } from '../sources';
import { build, buildValidation, context, mergedPr, task, unavailable, vigilStatus } from '../testing';
import {
  ADO_BUILD_VALIDATION_HELP,
  ADO_STATUS_POLICY_HELP,
  complianceMeta,
  facetText,
  ms,
  notAvailable,
  shortRef,
  when,
} from './common';

interface ScanSpec {
  kind: SourceKind;
  /** "SAST", "integration testing", "a dependency check" */
  noun: string;
  /** What its tasks are: "SAST", "test", "dependency scanning" */
  taskNoun: string;
  /** Testing: the build must come from a build validation policy and have run tests. */
  testing: boolean;
}

interface Proof {
  summary: string;
  items: ComplianceEvidenceItem[];
}

const lc = (s: string | undefined): string => (s ?? '').toLowerCase();
const TASK_OK = new Set(['succeeded', 'succeededwithissues']);

function buildLabel(b: BuildEvidence): string {
  const name = b.definitionName ?? (b.definitionId !== undefined ? `pipeline ${b.definitionId}` : 'build');
  return `${name}${b.buildNumber ? ` #${b.buildNumber}` : ''} (build ${b.buildId})`;
}

function taskLabel(t: BuildTaskEvidence): string {
  const ref = t.task?.name ? `${t.task.name}${t.task.version ? `@${t.task.version.split('.')[0]}` : ''}` : 'a step';
  return t.task?.name && t.name !== t.task.name ? `${ref} "${t.name}"` : ref;
}

function buildItem(b: BuildEvidence, label: string): ComplianceEvidenceItem {
  return {
    label: 'Build',
    value: `${label} ${b.result}${b.sourceVersion ? ` for merge commit ${b.sourceVersion.slice(0, 8)}` : ''}${b.gone ? ' (deleted by retention since; as Vigil recorded it)' : ''}`,
    ...(b.url ? { url: b.url } : {}),
    ...(b.finishTime ? { at: b.finishTime } : {}),
  };
}

function taskItem(x: { t: BuildTaskEvidence; how: TaskMatch }): ComplianceEvidenceItem {
  return { label: 'Task', value: `${taskLabel(x.t)} ${x.t.result}${x.how === 'step-name' ? ' (recognised by its step name only)' : ''}` };
}

function policyItem(policy: PolicyRevisionEvidence, pr: MergedPullRequestEvidence, p: PreparedContext): ComplianceEvidenceItem {
  const url = p.policiesPageUrl(pr.targetRef);
  return { label: 'Build validation policy', value: `Policy ${policy.policyId} (${policy.isBlocking ? 'required' : 'optional'}) on ${shortRef(pr.targetRef)}, in force at merge`, ...(url ? { url } : {}) };
}

function timelineUnknown(label: string, facets: PullRequestFacts['facets']): string {
  const why = facets.get('timeline');
  return `the timeline of ${label} could not be read${why !== undefined ? ` (${why.replace(/\.$/, '')})` : ''}`;
}

/** The builds that can prove something for the pull request's last iteration, and how many were older. */
function relevantBuilds(pr: MergedPullRequestEvidence, closed: number): RelevantBuilds {
  const queued = pr.builds.filter((b) => {
    const q = ms(b.queueTime);
    return Number.isNaN(q) || q <= closed;
  });
  if (pr.lastMergeCommit) {
    const merge = lc(pr.lastMergeCommit);
    // A deleted build may have lost its commit: it might have been the one that proved it.
    const builds = queued.filter((b) => (b.sourceVersion ? lc(b.sourceVersion) === merge : !!b.gone));
    const uncommitted = queued.filter((b) => !b.sourceVersion && !b.gone);
    return { builds, older: queued.length - builds.length - uncommitted.length, uncommitted };
  }
  const newest = new Map<string, BuildEvidence>();
  for (const b of queued) {
    const key = b.definitionId !== undefined ? `d${b.definitionId}` : `b${b.buildId}`;
    const seen = newest.get(key);
    if (!seen || ms(b.queueTime) > ms(seen.queueTime)) newest.set(key, b);
  }
  return { builds: [...newest.values()], older: queued.length - newest.size, uncommitted: [] };
}

/** Latest recognised status per context on the last iteration, posted before completion. */
function judgeStatuses(pr: MergedPullRequestEvidence, p: PreparedContext, spec: ScanSpec, closed: number, proofs: Proof[], misses: string[]): void {
  const matcher = p.sources[spec.kind];
  const latest = new Map<string, StatusEvidence>();
  const elsewhere = new Map<string, StatusEvidence>();
  for (const s of pr.statuses) {
    if (!matcher.status(s)) continue;
    if (ms(s.createdAt) > closed) continue;
    const onLast = pr.lastIteration === undefined || s.iterationId === undefined || s.iterationId === pr.lastIteration;
    const into = onLast ? latest : elsewhere;
    const key = lc(statusContext(s));
    const seen = into.get(key);
    if (!seen || (ms(s.createdAt) || 0) > (ms(seen.createdAt) || 0) || ((ms(s.createdAt) || 0) === (ms(seen.createdAt) || 0) && (s.id ?? 0) > (seen.id ?? 0))) into.set(key, s);
  }
  for (const s of latest.values()) {
    const iteration = s.iterationId !== undefined ? ` on iteration ${s.iterationId}` : '';
    if (s.state === 'succeeded') {
      proofs.push({
        summary: `status ${statusContext(s)} succeeded${iteration} ${when(s.createdAt)}`,
        items: [{ label: 'Status', value: `${statusContext(s)} succeeded${iteration}${s.description ? `: ${s.description}` : ''}`, ...(s.targetUrl ? { url: s.targetUrl } : {}), ...(s.createdAt ? { at: s.createdAt } : {}) }],
      });
    } else misses.push(`status ${statusContext(s)} ${s.state}${iteration}`);
  }
  for (const [key, s] of elsewhere) {
    if (!latest.has(key)) misses.push(`status ${statusContext(s)} was posted on iteration ${s.iterationId}, not the last (${pr.lastIteration})`);
  }
}

/** The build validation policy in force on the target branch at merge that queued this build's pipeline. */
function buildPolicyOf(b: BuildEvidence, pr: MergedPullRequestEvidence, p: PreparedContext, closed: number): PolicyRevisionEvidence | undefined {
  const repo = { id: pr.repositoryId, defaultBranch: p.ctx.repository.defaultBranch };
  for (const h of p.policiesFor(BUILD_VALIDATION_POLICY_TYPE, pr.targetRef)) {
    const r = revisionAt(h, closed);
    if (r && appliesTo(r, repo, pr.targetRef) && b.definitionId !== undefined && Number(r.settings.buildDefinitionId) === b.definitionId) return r;
  }
  return undefined;
}

export function judgeScan(pr: MergedPullRequestEvidence, p: PreparedContext, spec: ScanSpec, facts: PullRequestFacts): Verdict {
  const facets = facts.facets;
  const closed = facts.closed;
  const proofs: Proof[] = [];
  const misses: string[] = [];
  const unknown: string[] = [];
  let expired = false;

  const statusesReason = facets.get('statuses');
  if (statusesReason !== undefined) {
    if (p.sources[spec.kind].hasStatuses) unknown.push(facetText('statuses', statusesReason));
  } else judgeStatuses(pr, p, spec, closed, proofs, misses);

  // One proof is enough: the builds are read only when no status proved it.
  const buildsReason = proofs.length ? undefined : facets.get('builds');
  if (proofs.length) {
    // proven by a status
  } else if (buildsReason !== undefined) unknown.push(facetText('builds', buildsReason));
  else {
    const { builds, older, uncommitted } = (facts.relevantBuilds ??= relevantBuilds(pr, closed));
    if (older && !builds.length) misses.push(`${older} build${older === 1 ? '' : 's'} ran for an earlier iteration, none for the last merge commit`);
    for (const b of uncommitted) misses.push(`${buildLabel(b)} has no recorded commit, so it does not prove the last merge commit was built`);
    const policiesReason = p.ctx.policiesUnavailable ?? facets.get('policies');
    const matcher = p.sources[spec.kind];
    for (const b of builds) {
      const label = buildLabel(b);
      // A build deleted since Vigil recorded its timeline is judged as recorded; without a record, nothing is known.
      if (b.gone && b.tasks === undefined) {
        unknown.push(`${label} was deleted by retention before Vigil recorded it`);
        expired = true;
        continue;
      }
      let policy: PolicyRevisionEvidence | undefined;
      if (spec.testing) {
        policy = buildPolicyOf(b, pr, p, closed);
        if (!policy) {
          if (policiesReason !== undefined) unknown.push(`whether ${label} was a build validation build is unknown: the branch policies could not be read (${policiesReason.replace(/\.$/, '')})`);
          else misses.push(`${label} is not the build of a build validation policy on ${shortRef(pr.targetRef)} at merge`);
          continue;
        }
      }
      if (b.status && b.status !== 'completed') {
        misses.push(`${label} had not completed at merge (${b.status})`);
        continue;
      }
      if (ms(b.finishTime) > closed) {
        misses.push(`${label} finished after completion`);
        continue;
      }
      const resultOk = spec.testing ? b.result === 'succeeded' : b.result === 'succeeded' || b.result === 'partiallySucceeded';
      if (!resultOk) {
        misses.push(`${label} ${b.result ? `ended ${b.result}` : 'has no result'}`);
        continue;
      }
      const recognised: { t: BuildTaskEvidence; how: TaskMatch }[] = [];
      let ran: { t: BuildTaskEvidence; how: TaskMatch } | undefined;
      for (const t of b.tasks ?? []) {
        const how = matcher.task(t);
        if (!how) continue;
        recognised.push({ t, how });
        if (!ran && TASK_OK.has(lc(t.result))) ran = { t, how };
      }
      if (spec.testing) {
        if (b.tests && b.tests.failed > 0) misses.push(`${label}: ${b.tests.failed} of ${b.tests.total} tests failed`);
        else if (b.tests && b.tests.total > 0) {
          proofs.push({ summary: `${label} passed ${b.tests.passed} of ${b.tests.total} tests`, items: [buildItem(b, label), { label: 'Test results', value: `${b.tests.passed} passed of ${b.tests.total}` }, policyItem(policy!, pr, p)] });
        } else if (ran) proofs.push({ summary: `${label} ran ${taskLabel(ran.t)}`, items: [buildItem(b, label), taskItem(ran), policyItem(policy!, pr, p)] });
        else if (!b.tests && facets.has('tests')) unknown.push(`the test results of ${label} could not be read (${facets.get('tests')!.replace(/\.$/, '')})`);
        else if (b.tasks === undefined) unknown.push(timelineUnknown(label, facets));
        else misses.push(`${label} published no test results and ran no recognised test task`);
        continue;
      }
      if (ran) proofs.push({ summary: `${label} ran ${taskLabel(ran.t)}`, items: [buildItem(b, label), taskItem(ran)] });
      else if (b.tasks === undefined) unknown.push(timelineUnknown(label, facets));
      else if (recognised.length) misses.push(`${label}: ${recognised.map((x) => `${taskLabel(x.t)} ${x.t.result ?? 'did not report a result'}`).join(', ')}`);
      else misses.push(`${label} ran no recognised ${spec.taskNoun} task`);
    }
  }

  const evidence: ComplianceEvidenceItem[] = [facts.item];
  if (proofs.length) {
    return { outcome: 'pass', message: `${spec.noun[0].toUpperCase()}${spec.noun.slice(1)} before merge: ${proofs[0].summary}.`, evidence: [...evidence, ...proofs.flatMap((x) => x.items)] };
  }
  const missItems = misses.map((m) => ({ label: 'Not proof', value: m }));
  if (unknown.length) {
    return notAvailable(`Whether the pull request underwent ${spec.noun} before merge cannot be told.`, unknown, [...evidence, ...missItems], expired ? 'evidence-expired' : 'error');
  }
  const none = `no recognised ${spec.taskNoun} status on the last iteration and no ${spec.testing ? 'build validation build' : 'build'} of the last merge commit that ran ${spec.testing ? 'tests' : `a recognised ${spec.taskNoun} task`}`;
  return { outcome: 'fail', message: `No evidence of ${spec.noun} before merge: ${misses.length ? misses.join('; ') : none}.`, evidence: [...evidence, ...missItems] };
}

// ---- the three checks ------------------------------------------------------------------------------

const base = context();
const noStatus = { statuses: [] };
const exempt = [{ ctx: base, pr: mergedPr({ labels: ['emergency'], statuses: [], builds: [] }) }];
const notApplicable = [
  { ctx: base, pr: mergedPr({ targetRef: 'refs/heads/develop', statuses: [], builds: [] }) },
  { ctx: base, pr: mergedPr({ closedAt: '2026-08-01T12:00:00Z', statuses: [], builds: [] }) },
];
const gone = build({ gone: true, tasks: undefined, tests: undefined, result: undefined, status: undefined, definitionName: undefined, buildNumber: undefined, sourceVersion: undefined, url: undefined });

const SAST: ScanSpec = { kind: 'sast', noun: 'SAST', taskNoun: 'SAST', testing: false };
const DEPENDENCIES: ScanSpec = { kind: 'dependency', noun: 'a dependency check', taskNoun: 'dependency scanning', testing: false };
const TESTING: ScanSpec = { kind: 'test', noun: 'integration testing', taskNoun: 'test', testing: true };

export const prSastCheck: PullRequestCheck = {
  subject: 'pull-request',
  meta: complianceMeta({
    id: 'CMP-PR-SAST',
    title: 'SAST before merge',
    severity: 'medium',
    description:
      'Each pull request merged into a production branch underwent static application security testing before completion: a succeeded Vigil pull-request scan status (vigil/security) or another status the organization names, on the last iteration; or a build of its last merge commit that ran a recognised SAST task which succeeded (VigilScan, MicrosoftSecurityDevOps, AdvancedSecurity-Codeql-Analyze, SonarQubeAnalyze, SonarCloudAnalyze, Checkmarx AST, Semgrep, and the tasks the organization adds). A build lost to retention before Vigil recorded it makes the result not available.',
    remediation:
      'Turn on Vigil\'s pull-request gate for the repository (its status proves the scan), or add a SAST task to the pipeline of a build validation policy on the branch; name other tools\' statuses or tasks among the organization\'s evidence sources (Vigil settings › Compliance).',
    helpUri: ADO_STATUS_POLICY_HELP,
    tags: [SOC2_CHANGE_MANAGEMENT, ISO27001_SECURE_TESTING, 'sast'],
  }),
  judge: (pr, p, facts) => judgeScan(pr, p, SAST, facts),
  examples: {
    mustNotFlag: [
      { ctx: base, pr: mergedPr() },
      { ctx: base, pr: mergedPr({ ...noStatus, builds: [build({ tasks: [task('MicrosoftSecurityDevOps', 'succeededWithIssues')], result: 'partiallySucceeded' })] }) },
      // the organization's own status
      { ctx: context({ evidenceSources: { ...base.evidenceSources, sastStatuses: ['codeql/analysis'] } }), pr: mergedPr({ statuses: [vigilStatus({ genre: 'codeql', name: 'analysis' })], builds: [] }) },
    ],
    mustFlag: [
      { ctx: base, pr: mergedPr({ ...noStatus, builds: [] }) },
      { ctx: base, pr: mergedPr({ statuses: [vigilStatus({ state: 'failed' })], builds: [build({ tasks: [task('VSTest')] })] }) },
      // a succeeded status, then a failed one on the same iteration
      { ctx: base, pr: mergedPr({ statuses: [vigilStatus(), vigilStatus({ id: 8, state: 'failed', createdAt: '2026-11-05T10:05:00Z' })], builds: [] }) },
      { ctx: base, pr: mergedPr({ statuses: [vigilStatus({ iterationId: 2 })], builds: [] }) },
      { ctx: base, pr: mergedPr({ ...noStatus, builds: [build({ tasks: [task('SonarQubeAnalyze', 'failed')], result: 'failed' })] }) },
      { ctx: base, pr: mergedPr({ ...noStatus, builds: [build({ sourceVersion: '0123456789abcdef', tasks: [task('Semgrep')] })] }) },
      // a status posted after completion
      { ctx: base, pr: mergedPr({ statuses: [vigilStatus({ createdAt: '2026-11-05T11:00:00Z' })], builds: [] }) },
    ],
    notApplicable,
    notAvailable: [
      { ctx: base, pr: mergedPr({ ...noStatus, builds: [gone] }) },
      { ctx: base, pr: mergedPr({ statuses: [], unavailable: [unavailable('statuses')], builds: [build({ tasks: [task('VSTest')] })] }) },
      { ctx: base, pr: mergedPr({ ...noStatus, builds: [build({ tasks: undefined })], unavailable: [unavailable('timeline', 'the timeline answered 404')] }) },
    ],
    exempt,
  },
};

export const prDependenciesCheck: PullRequestCheck = {
  subject: 'pull-request',
  meta: complianceMeta({
    id: 'CMP-PR-DEPENDENCIES',
    title: 'Dependency checks before merge',
    severity: 'medium',
    description:
      'Each pull request merged into a production branch had its dependencies checked for known vulnerabilities before completion: a succeeded Vigil pull-request scan status (vigil/security, which runs Vigil\'s dependency scanner) or another status the organization names, on the last iteration; or a build of its last merge commit that ran a recognised task which succeeded (VigilScan, AdvancedSecurity-Dependency-Scanning, OWASP dependency-check-build-task, SnykSecurityScan, WhiteSource (Mend), trivy, and the tasks the organization adds; a script such as npm audit counts only when the organization names its step, e.g. "step:npm audit").',
    remediation:
      'Turn on Vigil\'s pull-request gate for the repository, or add a dependency scanning task to the pipeline of a build validation policy on the branch; name other tools among the organization\'s evidence sources (Vigil settings › Compliance; a script step as "step:" and its display name).',
    helpUri: ADO_STATUS_POLICY_HELP,
    tags: [SOC2_CHANGE_MANAGEMENT, ISO27001_CHANGE_MANAGEMENT, 'dependencies'],
  }),
  judge: (pr, p, facts) => judgeScan(pr, p, DEPENDENCIES, facts),
  examples: {
    mustNotFlag: [
      { ctx: base, pr: mergedPr() },
      { ctx: base, pr: mergedPr({ ...noStatus, builds: [build({ tasks: [task('dependency-check-build-task')] })] }) },
      // a script step the organization named
      { ctx: context({ evidenceSources: { ...base.evidenceSources, dependencyTasks: ['step:npm audit'] } }), pr: mergedPr({ ...noStatus, builds: [build({ tasks: [{ name: 'npm audit', task: { name: 'CmdLine', version: '2.0.0' }, result: 'succeeded' }] })] }) },
    ],
    mustFlag: [
      { ctx: base, pr: mergedPr({ ...noStatus, builds: [build()] }) },
      // a script named like a scan proves nothing unless the organization says so
      { ctx: base, pr: mergedPr({ ...noStatus, builds: [build({ tasks: [{ name: 'npm audit', task: { name: 'CmdLine', version: '2.0.0' }, result: 'succeeded' }] })] }) },
      { ctx: base, pr: mergedPr({ ...noStatus, builds: [build({ tasks: [task('trivy', 'skipped')] })] }) },
      { ctx: base, pr: mergedPr({ ...noStatus, builds: [build({ tasks: [task('SnykSecurityScan')], finishTime: '2026-11-05T10:30:00Z' })] }) },
    ],
    notApplicable,
    notAvailable: [
      { ctx: base, pr: mergedPr({ ...noStatus, builds: [gone] }) },
      { ctx: base, pr: mergedPr({ ...noStatus, builds: [], unavailable: [unavailable('builds', 'the builds answered 403')] }) },
    ],
    exempt,
  },
};

const testsCtx = base;
const laterPolicy = context({ policies: [buildValidation({}, { policyId: 2, revisedAt: '2026-11-20T00:00:00Z' })] });

export const prTestsCheck: PullRequestCheck = {
  subject: 'pull-request',
  meta: complianceMeta({
    id: 'CMP-PR-TESTS',
    title: 'Integration testing before merge',
    severity: 'medium',
    description:
      'Each pull request merged into a production branch was tested before completion: the build of a build validation policy in force on the branch at merge, for its last merge commit, succeeded and published test results (more than 0, none failed) or ran a recognised test task (VSTest, PublishTestResults, and the tasks the organization adds); or a test status the organization names succeeded on the last iteration. Tasks that build as well as test (DotNetCoreCLI, Maven, Gradle, Npm) count through the test results they publish.',
    remediation:
      'Add a build validation policy on the branch whose pipeline runs the tests and publishes their results (PublishTestResults, or the test task\'s own publishing).',
    helpUri: ADO_BUILD_VALIDATION_HELP,
    tags: [SOC2_CHANGE_MANAGEMENT, ISO27001_SECURE_TESTING, 'testing'],
  }),
  judge: (pr, p, facts) => judgeScan(pr, p, TESTING, facts),
  examples: {
    mustNotFlag: [
      { ctx: testsCtx, pr: mergedPr() },
      { ctx: testsCtx, pr: mergedPr({ builds: [build({ tests: undefined, tasks: [task('VSTest')] })] }) },
      // the organization's test status, no policy needed
      { ctx: context({ policies: [], evidenceSources: { ...base.evidenceSources, testStatuses: ['ci/integration-tests'] } }), pr: mergedPr({ statuses: [vigilStatus({ genre: 'ci', name: 'integration-tests' })], builds: [] }) },
    ],
    mustFlag: [
      // a build, but not of a build validation policy on the branch
      { ctx: testsCtx, pr: mergedPr({ builds: [build({ definitionId: 99 })] }) },
      { ctx: testsCtx, pr: mergedPr({ builds: [build({ tests: { total: 120, passed: 118, failed: 2 } })] }) },
      { ctx: testsCtx, pr: mergedPr({ builds: [build({ result: 'partiallySucceeded' })] }) },
      { ctx: testsCtx, pr: mergedPr({ builds: [build({ tests: { total: 0, passed: 0, failed: 0 }, tasks: [task('DotNetCoreCLI', 'succeeded', 'dotnet build')] })] }) },
      // the policy came after the merge
      { ctx: laterPolicy, pr: mergedPr() },
    ],
    notApplicable,
    notAvailable: [
      { ctx: testsCtx, pr: mergedPr({ builds: [gone] }) },
      { ctx: testsCtx, pr: mergedPr({ builds: [build({ tests: undefined, tasks: [task('DotNetCoreCLI', 'succeeded', 'dotnet test')] })], unavailable: [unavailable('tests')] }) },
      { ctx: context({ policies: [], policiesUnavailable: 'ADO answered 403' }), pr: mergedPr() },
    ],
    exempt,
  },
};
