// The pipeline general settings judged at both levels (ado-rest.md §4.2, §4.3): one spec per
// setting, turned into an ADO-ORG- control (organization Settings > Pipelines > Settings) and an
// ADO-PRJ- control (Project settings > Pipelines > Settings). A project setting that is off passes
// when the organization enforces it (the organization's switch applies to every project).
import type { Evidence, Reference } from '../../contract/model';
import type { Severity } from '../../contract/vocabulary';
import type { OrgPipelineSettings, PipelineSettings } from '../snapshot';
import { azsk, ev, onOff, owaspCicd } from './helpers';

export type Verdict = 'pass' | 'fail' | 'unknown';

export interface PipelineSettingSpec {
  /** The id after ADO-ORG- / ADO-PRJ-. */
  suffix: string;
  levels: readonly ('org' | 'project')[];
  /** A should-statement, completed with "in the organization" / "in the project". */
  title: string;
  severity: Severity;
  description: string;
  /** The switch(es) to turn, as the Settings page labels them. */
  fix: string;
  helpUri: string;
  references: { org?: Reference[]; project?: Reference[]; both: Reference[] };
  /** Reads the settings of one level; evidence names every switch read. */
  judge(s: AnySettings): { verdict: Verdict; evidence: Evidence[] };
  /** Settings that must fail and pass (the controls' examples). */
  failing: AnySettings[];
  passing: AnySettings[];
}

type AnySettings = PipelineSettings & OrgPipelineSettings;

const SETTINGS_HELP = 'https://learn.microsoft.com/azure/devops/pipelines/security/misc';
const FORK_HELP = 'https://learn.microsoft.com/azure/devops/pipelines/security/repos#forks';

/** A switch that must be on: its judge and examples. */
function mustBeOn(key: keyof AnySettings, label: string): Pick<PipelineSettingSpec, 'judge' | 'failing' | 'passing'> {
  return {
    judge(s) {
      const v = s[key];
      return { verdict: v === undefined ? 'unknown' : v ? 'pass' : 'fail', evidence: [ev(label, onOff(v))] };
    },
    failing: [{ [key]: false }],
    passing: [{ [key]: true }],
  };
}

/** Fork protection: pass when fork pull requests are not built, or built with `key` on. */
function forkSafe(key: 'enforceNoAccessToSecretsFromForks' | 'enforceJobAuthScopeForForks' | 'isCommentRequiredForPullRequest', label: string): Pick<PipelineSettingSpec, 'judge' | 'failing' | 'passing'> {
  const judge = (s: PipelineSettings): { verdict: Verdict; evidence: Evidence[] } => {
    const evidence = [
      ev('Limit building pull requests from forked GitHub repositories', onOff(s.forkProtectionEnabled)),
      ev('Build pull requests from forked repositories', onOff(s.buildsEnabledForForks)),
      ev(label, onOff(s[key])),
    ];
    let verdict: Verdict;
    if (s.forkProtectionEnabled === false) verdict = 'fail';
    else if (s.forkProtectionEnabled === undefined) verdict = 'unknown';
    else if (s.buildsEnabledForForks === false || s[key] === true) verdict = 'pass';
    else if (s[key] === false) verdict = 'fail';
    else verdict = 'unknown';
    return { verdict, evidence };
  };
  return {
    judge,
    failing: [{ forkProtectionEnabled: false }, { forkProtectionEnabled: true, buildsEnabledForForks: true, [key]: false }],
    passing: [{ forkProtectionEnabled: true, buildsEnabledForForks: false }, { forkProtectionEnabled: true, buildsEnabledForForks: true, [key]: true }],
  };
}

export const PIPELINE_SETTING_SPECS: readonly PipelineSettingSpec[] = [
  {
    suffix: 'CLASSIC-CREATION',
    levels: ['org', 'project'],
    title: 'Creation of classic build and release pipelines should be disabled',
    severity: 'high',
    description:
      'Classic (designer) pipelines are edited in the web UI, outside version control and pull-request review, and lack the protections YAML pipelines get (templates, checks on protected resources). Disabling their creation keeps new pipelines reviewable as code.',
    fix: 'turn on "Disable creation of classic build pipelines" and "Disable creation of classic release pipelines"',
    helpUri: 'https://learn.microsoft.com/azure/devops/pipelines/security/misc#disable-creation-of-classic-pipelines',
    references: {
      org: [azsk('ADO_Organization_DP_Disable_Creation_Of_Classic_Pipeline')],
      project: [azsk('ADO_Project_DP_Disable_Creation_Of_Classic_Pipeline'), { type: 'defender', id: '(Preview) Azure DevOps projects should have creation of classic pipelines disabled', url: 'https://learn.microsoft.com/azure/defender-for-cloud/recommendations-reference-devops' }],
      both: [owaspCicd(4)],
    },
    judge(s) {
      const evidence = [
        ev('Disable creation of classic pipelines', onOff(s.disableClassicPipelineCreation)),
        ev('Disable creation of classic build pipelines', onOff(s.disableClassicBuildPipelineCreation)),
        ev('Disable creation of classic release pipelines', onOff(s.disableClassicReleasePipelineCreation)),
      ];
      const both = s.disableClassicBuildPipelineCreation === true && s.disableClassicReleasePipelineCreation === true;
      if (s.disableClassicPipelineCreation === true || both) return { verdict: 'pass', evidence };
      const anyOff = s.disableClassicPipelineCreation === false || s.disableClassicBuildPipelineCreation === false || s.disableClassicReleasePipelineCreation === false;
      return { verdict: anyOff ? 'fail' : 'unknown', evidence };
    },
    failing: [{ disableClassicPipelineCreation: false }, { disableClassicBuildPipelineCreation: true, disableClassicReleasePipelineCreation: false }],
    passing: [{ disableClassicPipelineCreation: true }, { disableClassicPipelineCreation: false, disableClassicBuildPipelineCreation: true, disableClassicReleasePipelineCreation: true }],
  },
  {
    suffix: 'JOB-SCOPE',
    levels: ['org', 'project'],
    title: 'The job authorization scope of non-release pipelines should be limited to the current project',
    severity: 'medium',
    description:
      "Without this switch a pipeline whose job authorization scope is the project collection runs with a token that can read and change repositories, builds and work items of every project in the organization. Limited to the current project, a compromised pipeline reaches only its own project.",
    fix: 'turn on "Limit job authorization scope to current project for non-release pipelines"',
    helpUri: 'https://learn.microsoft.com/azure/devops/pipelines/process/access-tokens#job-authorization-scope',
    references: {
      org: [azsk('ADO_Organization_AuthZ_Limit_Non_Release_Pipeline_Scope')],
      project: [azsk('ADO_Project_AuthZ_Limit_Non_Release_Pipeline_Scope')],
      both: [owaspCicd(5)],
    },
    ...mustBeOn('enforceJobAuthScope', 'Limit job authorization scope to current project for non-release pipelines'),
  },
  {
    suffix: 'JOB-SCOPE-RELEASE',
    levels: ['org', 'project'],
    title: 'The job authorization scope of release pipelines should be limited to the current project',
    severity: 'medium',
    description:
      'Classic release pipelines otherwise run with a token scoped to the whole project collection, so a compromised release reaches every project in the organization.',
    fix: 'turn on "Limit job authorization scope to current project for release pipelines"',
    helpUri: 'https://learn.microsoft.com/azure/devops/pipelines/process/access-tokens#job-authorization-scope',
    references: {
      org: [azsk('ADO_Organization_AuthZ_Limit_Release_Pipeline_Scope')],
      project: [azsk('ADO_Project_AuthZ_Limit_Release_Pipeline_Scope')],
      both: [owaspCicd(5)],
    },
    ...mustBeOn('enforceJobAuthScopeForReleases', 'Limit job authorization scope to current project for release pipelines'),
  },
  {
    suffix: 'REPO-SCOPE',
    levels: ['org', 'project'],
    title: 'Access to repositories in YAML pipelines should be protected (token limited to referenced repositories)',
    severity: 'medium',
    description:
      "Without \"Protect access to repositories in YAML pipelines\" the job token can read every repository of the project, not only those the YAML pipeline checks out or declares; a pipeline that runs untrusted code can then exfiltrate other repositories' source.",
    fix: 'turn on "Protect access to repositories in YAML pipelines"',
    helpUri: 'https://learn.microsoft.com/azure/devops/pipelines/process/access-tokens#protect-access-to-repositories-in-yaml-pipelines',
    references: {
      org: [azsk('ADO_Organization_AuthZ_Limit_Pipeline_Scope_To_Referenced_Repos')],
      project: [azsk('ADO_Project_AuthZ_Limit_Pipeline_Scope_To_Referenced_Repos')],
      both: [owaspCicd(5)],
    },
    ...mustBeOn('enforceReferencedRepoScopedToken', 'Protect access to repositories in YAML pipelines'),
  },
  {
    suffix: 'SETTABLE-VARS',
    levels: ['org', 'project'],
    title: 'Only variables marked settable at queue time should be settable at queue time',
    severity: 'medium',
    description:
      'Without "Limit variables that can be set at queue time" anyone who can queue a build can override any variable, including ones that steer scripts, tool versions or deployment targets (variable injection).',
    fix: 'turn on "Limit variables that can be set at queue time"',
    helpUri: 'https://learn.microsoft.com/azure/devops/pipelines/security/inputs#limit-variables-that-can-be-set-at-queue-time',
    references: {
      org: [azsk('ADO_Organization_SI_Limit_Variables_Settable_At_Queue_Time')],
      project: [azsk('ADO_Project_SI_Limit_Variables_Settable_At_Queue_Time')],
      both: [owaspCicd(4)],
    },
    ...mustBeOn('enforceSettableVar', 'Limit variables that can be set at queue time'),
  },
  {
    suffix: 'BADGES',
    levels: ['org', 'project'],
    title: 'Anonymous access to status badges should be disabled',
    severity: 'low',
    description: 'Public status badges disclose pipeline names, branches and results of private projects to anyone who has the badge URL.',
    fix: 'turn on "Disable anonymous access to badges"',
    helpUri: SETTINGS_HELP,
    references: {
      org: [azsk('ADO_Organization_DP_Disable_Anonymous_Access_To_Badges')],
      project: [azsk('ADO_Project_DP_Disable_Anonymous_Access_To_Badges')],
      both: [],
    },
    ...mustBeOn('statusBadgesArePrivate', 'Disable anonymous access to badges'),
  },
  {
    suffix: 'FORK-SECRETS',
    levels: ['org', 'project'],
    title: 'Builds of pull requests from forked repositories should not get secrets',
    severity: 'high',
    description:
      'A pull request from a fork runs code its author controls. With fork protection off, or with secrets made available to fork builds, that code can read the pipeline secrets and exfiltrate them (poisoned pipeline execution).',
    fix: 'turn on "Limit building pull requests from forked GitHub repositories" and, if forks are built, "Do not make secrets available to builds of forks"',
    helpUri: FORK_HELP,
    references: { project: [azsk('ADO_Project_SI_Apply_Secure_Policy_For_PRBuildTrigger_From_ForkedRepo')], both: [owaspCicd(4), owaspCicd(6)] },
    ...forkSafe('enforceNoAccessToSecretsFromForks', 'Do not make secrets available to builds of forks'),
  },
  {
    suffix: 'FORK-TOKEN',
    levels: ['org', 'project'],
    title: 'Builds of pull requests from forked repositories should get a read-only token',
    severity: 'medium',
    description: 'A fork build with a job token that has write permissions can push code, queue builds or change work items on behalf of the pipeline.',
    fix: 'turn on "Limit building pull requests from forked GitHub repositories" and, if forks are built, "Make fork builds have the same permissions as regular builds" off',
    helpUri: FORK_HELP,
    references: { project: [azsk('ADO_Project_SI_Apply_Secure_Policy_For_PRBuildTrigger_From_ForkedRepo')], both: [owaspCicd(4), owaspCicd(5)] },
    ...forkSafe('enforceJobAuthScopeForForks', 'Fork builds get a token scoped like a fork (not the regular permissions)'),
  },
  {
    suffix: 'FORK-COMMENT',
    levels: ['org', 'project'],
    title: 'Builds of pull requests from forked repositories should require a team member\'s comment',
    severity: 'low',
    description: 'Requiring a comment from a team member before a fork pull request is built means someone looks at outside code before it runs on your agents.',
    fix: 'turn on "Limit building pull requests from forked GitHub repositories" and, if forks are built, "Require a team member\'s comment before building a pull request"',
    helpUri: FORK_HELP,
    references: { both: [owaspCicd(4)] },
    ...forkSafe('isCommentRequiredForPullRequest', "Require a team member's comment before building a pull request"),
  },
  {
    suffix: 'SHELL-ARGS',
    levels: ['org', 'project'],
    title: 'Shell tasks arguments parameter validation should be enabled',
    severity: 'medium',
    description:
      'Built-in shell tasks (Bash, PowerShell, CmdLine...) pass their arguments input to a shell; validation rejects arguments carrying command separators, so a variable set by a user or a pull request cannot inject commands. Audit mode only logs.',
    fix: 'turn on "Enable shell tasks arguments validation" (not only its audit mode)',
    helpUri: 'https://learn.microsoft.com/azure/devops/pipelines/security/inputs#shellTasksArgsValidation',
    references: { both: [owaspCicd(4)] },
    judge(s) {
      const evidence = [ev('Enable shell tasks arguments validation', onOff(s.enableShellTasksArgsSanitizing)), ev('Audit mode only', onOff(s.enableShellTasksArgsSanitizingAudit))];
      const v = s.enableShellTasksArgsSanitizing;
      return { verdict: v === undefined ? 'unknown' : v ? 'pass' : 'fail', evidence };
    },
    failing: [{ enableShellTasksArgsSanitizing: false, enableShellTasksArgsSanitizingAudit: true }],
    passing: [{ enableShellTasksArgsSanitizing: true }],
  },
  {
    suffix: 'IMPLIED-CI',
    levels: ['org', 'project'],
    title: 'The implied YAML CI trigger should be disabled',
    severity: 'low',
    description: 'A YAML pipeline without a trigger section runs on every push to every branch; disabling the implied trigger means a pipeline runs only on the branches its YAML names.',
    fix: 'turn on "Disable implied YAML CI trigger"',
    helpUri: 'https://learn.microsoft.com/azure/devops/pipelines/build/triggers#opting-out-of-ci',
    references: { both: [owaspCicd(4)] },
    ...mustBeOn('disableImpliedYAMLCiTrigger', 'Disable implied YAML CI trigger'),
  },
  {
    suffix: 'STAGE-CHOOSER',
    levels: ['org'],
    title: 'Users should not be able to skip stages when they run a pipeline (stage chooser disabled)',
    severity: 'low',
    description: 'The stage chooser lets whoever queues a run skip stages such as tests or security scans before a deployment stage.',
    fix: 'turn on "Disable the ability to select stages to skip from the Queue Pipeline panel"',
    helpUri: SETTINGS_HELP,
    references: { both: [owaspCicd(1)] },
    ...mustBeOn('disableStageChooser', 'Disable stage chooser'),
  },
  {
    suffix: 'PUBLISH-METADATA',
    levels: ['project'],
    title: 'Pipelines should publish metadata for artifact evaluation',
    severity: 'low',
    description: 'Published pipeline metadata lets deployment checks evaluate the artifacts a pipeline produced (where they came from, which run built them) before they are deployed.',
    fix: 'turn on "Publish metadata from pipelines"',
    helpUri: 'https://learn.microsoft.com/azure/devops/pipelines/process/artifact-policy',
    references: { project: [azsk('ADO_Project_DP_Publish_Metadata_From_Pipeline')], both: [owaspCicd(9)] },
    ...mustBeOn('publishPipelineMetadata', 'Publish metadata from pipelines'),
  },
];
