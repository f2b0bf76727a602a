// Posture controls: build pipelines (ADO-PIPE-). One result per build definition: pull requests
// from forks, variables settable at queue time, the job token's scope, classic pipelines, and
// credentials stored in clear in variables or classic task inputs. The project pipeline settings
// themselves (settable variables limited, repository access protected...) are ADO-PRJ- controls;
// these read them only where they change what the pipeline's own settings mean.
import type { Evidence } from '../../contract/model';
import type { BuildDefinitionSnap, OrgSnapshot, PipelineSettings, PipelineTrigger } from '../snapshot';
import { buildDefinitionOf, projectOf as projectSnapOf, snapshotOf, unavailableFacet } from '../testing';
import type { Control, ControlResult } from './control';
import { agentPoolById, agentQueueIn } from './indexes';
import { azsk, defender, ev, fail, listValue, notApplicable, notAvailableResult, notSent, onOff, owaspCicd as owasp, pass, postureMeta } from './helpers';
import {
  holdsLiteral,
  looksLikeSecretName,
  looksLikeUrlVariable,
  pipelineObject,
  projectOf,
  projectSettings,
} from './resources';

const LEARN = 'https://learn.microsoft.com/azure/devops/pipelines';

// ---- pull requests from forks ------------------------------------------------------------------

/** What a pipeline does with pull requests from forks, once the project's fork protection is applied. */
export interface ForkFacts {
  /** Its pull request triggers. */
  triggers: PipelineTrigger[];
  /** Fork PRs are built (trigger on, not turned off by the project); undefined when ADO did not say. */
  builds: boolean | undefined;
  /** ...with the pipeline's secrets. */
  secrets: boolean | undefined;
  /** ...with a token as broad as a regular build's. */
  fullToken: boolean | undefined;
  /** ...only after a team member's comment. */
  commentRequired: boolean | undefined;
  evidence: Evidence[];
}

const isPr = (t: PipelineTrigger): boolean => t.triggerType.toLowerCase() === 'pullrequest';

/** A project or trigger-level protection that is on wins over the pipeline's own setting. */
function protectedBy(settings: PipelineSettings | undefined, t: PipelineTrigger, key: 'enforceNoAccessToSecretsFromForks' | 'enforceJobAuthScopeForForks'): boolean {
  return settings?.[key] === true || t.pipelineTriggerSettings?.[key] === true;
}

/** Either is true: true; either unknown: unknown; else false. */
const anyOf = (a: boolean | undefined, b: boolean | undefined): boolean | undefined => (a === true || b === true ? true : a === undefined || b === undefined ? undefined : false);
/** Either is false: false; either unknown: unknown; else true. */
const allOf = (a: boolean | undefined, b: boolean | undefined): boolean | undefined => (a === false || b === false ? false : a === undefined || b === undefined ? undefined : true);

/** Per snapshot and definition: seven controls read the same facts. */
const forkMemo = new WeakMap<OrgSnapshot, WeakMap<BuildDefinitionSnap, ForkFacts>>();

export function forkFacts(s: OrgSnapshot, d: BuildDefinitionSnap): ForkFacts {
  let memo = forkMemo.get(s);
  if (!memo) forkMemo.set(s, (memo = new WeakMap()));
  let f = memo.get(d);
  if (!f) memo.set(d, (f = computeForkFacts(s, d)));
  return f;
}

function computeForkFacts(s: OrgSnapshot, d: BuildDefinitionSnap): ForkFacts {
  const triggers = d.triggers.filter(isPr);
  const ps = projectSettings(s, d.projectId, d.projectName);
  const settings = 'value' in ps ? ps.value : undefined;
  let builds: boolean | undefined = false;
  let secrets: boolean | undefined = false;
  let fullToken: boolean | undefined = false;
  let commentRequired: boolean | undefined = true;
  for (const t of triggers) {
    const forks = t.forks;
    if (forks?.enabled === undefined) {
      if (builds === false) builds = undefined;
      continue;
    }
    if (!forks.enabled || settings?.buildsEnabledForForks === false || t.pipelineTriggerSettings?.buildsEnabledForForks === false) continue;
    builds = true;
    secrets = anyOf(secrets, forks.allowSecrets === undefined ? undefined : forks.allowSecrets && !protectedBy(settings, t, 'enforceNoAccessToSecretsFromForks'));
    fullToken = anyOf(fullToken, forks.allowFullAccessToken === undefined ? undefined : forks.allowFullAccessToken && !protectedBy(settings, t, 'enforceJobAuthScopeForForks'));
    const own = t.isCommentRequiredForPullRequest ?? t.pipelineTriggerSettings?.isCommentRequiredForPullRequest;
    commentRequired = allOf(commentRequired, own === true || settings?.isCommentRequiredForPullRequest === true ? true : own === false ? false : undefined);
  }
  if (builds !== true) {
    secrets = fullToken = builds;
    commentRequired = true;
  }
  const first = triggers.find((t) => t.forks !== undefined)?.forks;
  const evidence: Evidence[] = [
    ev('Build pull requests from forks', onOff(first?.enabled)),
    ev('Make secrets available to builds of forks', onOff(first?.allowSecrets)),
    ev('Make fork builds have the same permissions as regular builds', onOff(first?.allowFullAccessToken)),
    ev('Project: limit building pull requests from forks', settings ? onOff(settings.forkProtectionEnabled) : 'not available'),
    ev('Project: do not make secrets available to builds of forks', settings ? onOff(settings.enforceNoAccessToSecretsFromForks) : 'not available'),
  ];
  return { triggers, builds, secrets, fullToken, commentRequired, evidence };
}

/** One result per pipeline with a pull request trigger, from a verdict on its fork facts. */
function forkControl(s: OrgSnapshot, verdict: (d: BuildDefinitionSnap, f: ForkFacts) => ControlResult | undefined): ControlResult[] {
  const out: ControlResult[] = [];
  for (const d of s.buildDefinitions) {
    const f = forkFacts(s, d);
    if (f.triggers.length === 0) continue;
    const object = pipelineObject(d);
    if (f.builds === undefined) {
      out.push(notAvailableResult(object, notSent(`the fork settings of the pull request trigger of ${d.name}`), f.evidence));
      continue;
    }
    const r = verdict(d, f);
    if (r) out.push(r);
  }
  return out;
}

const prTrigger = (forks: PipelineTrigger['forks'], more: Partial<PipelineTrigger> = {}): PipelineTrigger => ({ triggerType: 'pullRequest', branchFilters: ['+main'], forks, ...more });
const github = (isPrivate: boolean): BuildDefinitionSnap['repository'] => ({ id: 'contoso/web', type: 'GitHub', name: 'contoso/web', isPrivate, connectedServiceId: 'gh' });

const forkSecrets: Control = {
  meta: postureMeta({
    id: 'ADO-PIPE-FORK-SECRETS',
    title: 'Pipelines should not make secrets available to builds of forks',
    severity: 'high',
    description:
      'A pull request from a fork runs code its author wrote. With "Make secrets available to builds of forks" on, that code reads the pipeline\'s secret variables and the secrets of the variable groups and service connections it can reach, and can send them anywhere.',
    remediation:
      'Edit the pipeline, open Triggers > Pull request validation, and clear "Make secrets available to builds of forks"; or turn on Project settings > Pipelines > Settings > "Limit building pull requests from forks" with "Do not make secrets available to builds of forks".',
    helpUri: `${LEARN}/repos/github#contributions-from-forks`,
    references: [defender("Azure DevOps pipelines shouldn't have secrets available to builds of forks"), azsk('ADO_Build_DP_Dont_Make_Secrets_Available_To_Forked_Builds'), owasp(4), owasp(6)],
  }),
  areas: ['buildDefinitions'],
  evaluate: (s) =>
    forkControl(s, (d, f) => {
      const object = pipelineObject(d);
      if (f.secrets === undefined) return notAvailableResult(object, notSent(`whether ${d.name} makes secrets available to builds of forks`), f.evidence);
      return f.secrets ? fail(object, f.evidence, `Pipeline ${d.name} makes its secrets available to builds of pull requests from forks.`) : pass(object, f.evidence);
    }),
  examples: {
    mustFlag: [snapshotOf({ buildDefinitions: [buildDefinitionOf({ repository: github(false), triggers: [prTrigger({ enabled: true, allowSecrets: true })] })] })],
    mustNotFlag: [
      snapshotOf({ buildDefinitions: [buildDefinitionOf({ repository: github(false), triggers: [prTrigger({ enabled: true, allowSecrets: false })] })] }),
      // The project's fork protection withholds secrets whatever the pipeline says.
      snapshotOf({
        projects: [projectSnapOf({ pipelineSettings: { state: 'available', value: { forkProtectionEnabled: true, enforceNoAccessToSecretsFromForks: true } } })],
        buildDefinitions: [buildDefinitionOf({ repository: github(false), triggers: [prTrigger({ enabled: true, allowSecrets: true })] })],
      }),
    ],
    notApplicable: [snapshotOf({ buildDefinitions: [buildDefinitionOf()] })],
    notAvailable: [snapshotOf({ buildDefinitions: [buildDefinitionOf({ triggers: [prTrigger(undefined)] })] })],
  },
};

const publicForks: Control = {
  meta: postureMeta({
    id: 'ADO-PIPE-PUBLIC-FORKS',
    title: 'Pipelines of public projects or public repositories should not build pull requests from forks',
    severity: 'high',
    description:
      'Anyone can fork a public repository and open a pull request. A pipeline that builds those pull requests runs a stranger\'s code on your agents, with your pipeline\'s token and whatever the agent can reach.',
    remediation:
      'Edit the pipeline, open Triggers > Pull request validation, and clear "Build pull requests from forks of this repository"; or set Project settings > Pipelines > Settings > "Limit building pull requests from forks" and require a team member\'s comment before a fork is built.',
    helpUri: `${LEARN}/security/repos#forks`,
    references: [azsk('ADO_Build_DP_Dont_Allow_Forked_PublicRepo_Builds_In_PrivateProjects'), owasp(4)],
  }),
  areas: ['buildDefinitions', 'projects'],
  evaluate: (s) =>
    forkControl(s, (d, f) => {
      const object = pipelineObject(d);
      const visibility = projectOf(s, d.projectId)?.visibility;
      const evidence = [ev('Project visibility', visibility), ev('Repository is private', d.repository?.isPrivate), ...f.evidence];
      if (visibility !== 'public' && d.repository?.isPrivate !== false) return notApplicable(object, evidence);
      return f.builds ? fail(object, evidence, `Pipeline ${d.name} builds pull requests from forks of a public ${visibility === 'public' ? 'project' : 'repository'}.`) : pass(object, evidence);
    }),
  examples: {
    mustFlag: [
      snapshotOf({ buildDefinitions: [buildDefinitionOf({ repository: github(false), triggers: [prTrigger({ enabled: true, allowSecrets: false })] })] }),
      snapshotOf({ projects: [projectSnapOf({ visibility: 'public' })], buildDefinitions: [buildDefinitionOf({ triggers: [prTrigger({ enabled: true })] })] }),
    ],
    mustNotFlag: [snapshotOf({ buildDefinitions: [buildDefinitionOf({ repository: github(false), triggers: [prTrigger({ enabled: false })] })] })],
    notApplicable: [snapshotOf({ projects: [projectSnapOf()], buildDefinitions: [buildDefinitionOf({ repository: github(true), triggers: [prTrigger({ enabled: true })] })] })],
    notAvailable: [snapshotOf({ buildDefinitions: [buildDefinitionOf({ repository: github(false), triggers: [prTrigger(undefined)] })] })],
  },
};

const forkFullToken: Control = {
  meta: postureMeta({
    id: 'ADO-PIPE-FORK-FULL-TOKEN',
    title: 'Builds of forks should not get the same permissions as regular builds',
    severity: 'high',
    description:
      '"Make fork builds have the same permissions as regular builds" hands a fork\'s code the job access token of a regular build: it can push to the repository, queue builds and read what the build service can read.',
    remediation:
      'Edit the pipeline, open Triggers > Pull request validation, and clear "Make fork builds have the same permissions as regular builds"; or turn on Project settings > Pipelines > Settings > "Limit job authorization scope" for forks.',
    helpUri: `${LEARN}/repos/github#contributions-from-forks`,
    references: [azsk('ADO_Build_DP_Dont_Allow_Forked_Builds_Run_As_Regular_Builds'), owasp(4), owasp(5)],
  }),
  areas: ['buildDefinitions'],
  evaluate: (s) =>
    forkControl(s, (d, f) => {
      const object = pipelineObject(d);
      if (!f.builds) return notApplicable(object, f.evidence);
      if (f.fullToken === undefined) return notAvailableResult(object, notSent(`the fork token setting of ${d.name}`), f.evidence);
      return f.fullToken ? fail(object, f.evidence, `Pipeline ${d.name} gives builds of forks the same token as regular builds.`) : pass(object, f.evidence);
    }),
  examples: {
    mustFlag: [snapshotOf({ buildDefinitions: [buildDefinitionOf({ triggers: [prTrigger({ enabled: true, allowSecrets: false, allowFullAccessToken: true })] })] })],
    mustNotFlag: [snapshotOf({ buildDefinitions: [buildDefinitionOf({ triggers: [prTrigger({ enabled: true, allowSecrets: false, allowFullAccessToken: false })] })] })],
    notApplicable: [snapshotOf({ buildDefinitions: [buildDefinitionOf({ triggers: [prTrigger({ enabled: false })] })] })],
    notAvailable: [snapshotOf({ buildDefinitions: [buildDefinitionOf({ triggers: [prTrigger({ enabled: true, allowSecrets: false })] })] })],
  },
};

const forkComment: Control = {
  meta: postureMeta({
    id: 'ADO-PIPE-FORK-COMMENT',
    title: 'Builds of forks should wait for a team member\'s comment',
    severity: 'medium',
    description:
      'Without "Require a team member\'s comment before building a pull request", every pull request from a fork runs at once: nobody looks at the code before the pipeline executes it.',
    remediation:
      'Edit the pipeline, open Triggers > Pull request validation, and turn on "Require a team member\'s comment before building a pull request"; or turn it on for all pipelines under Project settings > Pipelines > Settings > "Limit building pull requests from forks".',
    helpUri: `${LEARN}/repos/github#contributions-from-forks`,
    references: [owasp(4), owasp(1)],
  }),
  areas: ['buildDefinitions'],
  evaluate: (s) =>
    forkControl(s, (d, f) => {
      const object = pipelineObject(d);
      if (!f.builds) return notApplicable(object, f.evidence);
      if (f.commentRequired === undefined) return notAvailableResult(object, notSent(`the comment requirement of ${d.name}`), f.evidence);
      return f.commentRequired ? pass(object, f.evidence) : fail(object, f.evidence, `Pipeline ${d.name} builds pull requests from forks without waiting for a team member's comment.`);
    }),
  examples: {
    mustFlag: [snapshotOf({ buildDefinitions: [buildDefinitionOf({ triggers: [prTrigger({ enabled: true }, { isCommentRequiredForPullRequest: false })] })] })],
    mustNotFlag: [snapshotOf({ buildDefinitions: [buildDefinitionOf({ triggers: [prTrigger({ enabled: true }, { isCommentRequiredForPullRequest: true })] })] })],
    notApplicable: [snapshotOf({ buildDefinitions: [buildDefinitionOf({ triggers: [prTrigger({ enabled: false })] })] })],
    notAvailable: [snapshotOf({ projects: [projectSnapOf({ pipelineSettings: unavailableFacet() })], buildDefinitions: [buildDefinitionOf({ triggers: [prTrigger({ enabled: true })] })] })],
  },
};

/** Whether the pipeline's default queue is Microsoft-hosted, from the definition or the project's queues. */
function hostedQueue(s: OrgSnapshot, d: BuildDefinitionSnap): boolean | undefined {
  if (d.queue?.isHosted !== undefined) return d.queue.isHosted;
  const q = d.queue && agentQueueIn(s, d.projectId, d.queue.id);
  const poolId = q?.poolId ?? d.queue?.poolId;
  return q?.isHosted ?? (poolId === undefined ? undefined : agentPoolById(s, poolId)?.isHosted);
}

const forkSelfHosted: Control = {
  meta: postureMeta({
    id: 'ADO-PIPE-FORK-SELF-HOSTED',
    title: 'Builds of forks should not run on self-hosted agents',
    severity: 'high',
    description:
      'A fork\'s code that runs on a self-hosted agent runs inside your network, on a machine that keeps state between jobs: it can leave a backdoor for the next build or reach internal services.',
    remediation:
      'Run pull request validation of forks on Microsoft-hosted agents: edit the pipeline and pick a Microsoft-hosted pool for it, or clear "Build pull requests from forks of this repository" under Triggers > Pull request validation.',
    helpUri: `${LEARN}/security/repos#forks`,
    references: [azsk('ADO_Build_DP_Do_Not_Use_Forked_Repo_With_Self_Hosted_Agent'), owasp(4), owasp(7)],
  }),
  areas: ['buildDefinitions'],
  evaluate: (s) =>
    forkControl(s, (d, f) => {
      const object = pipelineObject(d);
      const hosted = hostedQueue(s, d);
      const evidence = [ev('Default agent queue', d.queue?.name ?? d.queue?.poolName), ev('Microsoft-hosted', hosted), ...f.evidence];
      if (!f.builds) return notApplicable(object, evidence);
      if (hosted === undefined) return notAvailableResult(object, notSent(`whether the agent queue of ${d.name} is Microsoft-hosted`), evidence);
      return hosted ? pass(object, evidence) : fail(object, evidence, `Pipeline ${d.name} builds pull requests from forks on the self-hosted queue ${d.queue?.name ?? d.queue?.id}.`);
    }),
  examples: {
    mustFlag: [snapshotOf({ buildDefinitions: [buildDefinitionOf({ queue: { id: 20, name: 'self-hosted', isHosted: false }, triggers: [prTrigger({ enabled: true })] })] })],
    mustNotFlag: [snapshotOf({ buildDefinitions: [buildDefinitionOf({ queue: { id: 5, name: 'Azure Pipelines', isHosted: true }, triggers: [prTrigger({ enabled: true })] })] })],
    notApplicable: [snapshotOf({ buildDefinitions: [buildDefinitionOf({ queue: { id: 20, isHosted: false }, triggers: [prTrigger({ enabled: false })] })] })],
    notAvailable: [snapshotOf({ buildDefinitions: [buildDefinitionOf({ queue: { id: 99 }, triggers: [prTrigger({ enabled: true })] })] })],
  },
};

// ---- variables ---------------------------------------------------------------------------------

const settableSecret: Control = {
  meta: postureMeta({
    id: 'ADO-PIPE-SETTABLE-SECRETS',
    title: 'Secret pipeline variables should not be settable at queue time',
    severity: 'medium',
    description:
      'A secret variable marked "Let users override this value when running this pipeline" can be replaced by whoever queues the pipeline: a credential can be swapped for one the attacker controls, or a value that breaks out of a script.',
    remediation: 'Edit the pipeline, open Variables, and clear "Let users override this value when running this pipeline" on each secret variable listed.',
    helpUri: `${LEARN}/security/inputs`,
    references: [azsk('ADO_Build_SI_Review_Variables_Settable_At_Queue_Time'), owasp(6)],
  }),
  areas: ['buildDefinitions'],
  evaluate: (s) =>
    s.buildDefinitions.map((d) => {
      const object = pipelineObject(d);
      const secrets = d.variables.filter((v) => v.isSecret);
      const settable = secrets.filter((v) => v.allowOverride).map((v) => v.name);
      const evidence = [ev('Secret variables', secrets.length), ev('Secret variables settable at queue time', listValue(settable))];
      if (secrets.length === 0) return notApplicable(object, evidence);
      return settable.length > 0 ? fail(object, evidence, `Pipeline ${d.name} lets users override secret variables at queue time: ${listValue(settable)}.`) : pass(object, evidence);
    }),
  examples: {
    mustFlag: [snapshotOf({ buildDefinitions: [buildDefinitionOf({ variables: [{ name: 'deployKey', isSecret: true, allowOverride: true, plainValueForSecretsScan: null }] })] })],
    mustNotFlag: [snapshotOf({ buildDefinitions: [buildDefinitionOf({ variables: [{ name: 'deployKey', isSecret: true, allowOverride: false, plainValueForSecretsScan: null }] })] })],
    notApplicable: [snapshotOf({ buildDefinitions: [buildDefinitionOf({ variables: [{ name: 'config', isSecret: false, allowOverride: true, plainValueForSecretsScan: 'Release' }] })] })],
  },
};

const settableUrl: Control = {
  meta: postureMeta({
    id: 'ADO-PIPE-SETTABLE-URLS',
    title: 'URL variables should not be settable at queue time',
    severity: 'medium',
    description:
      'A variable that holds a URL (a feed, a deployment endpoint, an API) and can be overridden at queue time lets whoever queues the pipeline point it at a server they control, to receive credentials or serve a poisoned package.',
    remediation: 'Edit the pipeline, open Variables, and clear "Let users override this value when running this pipeline" on each URL variable listed; pass alternatives as runtime parameters with a fixed list of values.',
    helpUri: `${LEARN}/security/inputs`,
    references: [azsk('ADO_Build_SI_Review_URL_Variables_Settable_At_Queue_Time'), owasp(4)],
  }),
  areas: ['buildDefinitions'],
  evaluate: (s) =>
    s.buildDefinitions.map((d) => {
      const object = pipelineObject(d);
      // The plain value is read for its shape only (does it start with http?), never shown.
      const urls = d.variables.filter((v) => v.allowOverride && looksLikeUrlVariable(v.name, v.plainValueForSecretsScan)).map((v) => v.name);
      const evidence = [ev('Variables settable at queue time', listValue(d.variables.filter((v) => v.allowOverride).map((v) => v.name))), ev('URL variables among them', listValue(urls))];
      if (d.variables.length === 0) return notApplicable(object, evidence);
      return urls.length > 0 ? fail(object, evidence, `Pipeline ${d.name} lets users override URL variables at queue time: ${listValue(urls)}.`) : pass(object, evidence);
    }),
  examples: {
    mustFlag: [snapshotOf({ buildDefinitions: [buildDefinitionOf({ variables: [{ name: 'feedUrl', isSecret: false, allowOverride: true, plainValueForSecretsScan: 'https://pkgs.contoso.com/npm' }] })] })],
    mustNotFlag: [snapshotOf({ buildDefinitions: [buildDefinitionOf({ variables: [{ name: 'feedUrl', isSecret: false, allowOverride: false, plainValueForSecretsScan: 'https://pkgs.contoso.com/npm' }, { name: 'configuration', isSecret: false, allowOverride: true, plainValueForSecretsScan: 'Debug' }] })] })],
    notApplicable: [snapshotOf({ buildDefinitions: [buildDefinitionOf()] })],
  },
};

// ---- token scope and repository access ---------------------------------------------------------

const jobScope: Control = {
  meta: postureMeta({
    id: 'ADO-PIPE-JOB-SCOPE',
    title: 'Pipelines should run with a job token scoped to their project',
    severity: 'medium',
    description:
      'With the project collection job authorization scope, the build service token of every run can read (and often write) repositories, pipelines and artifacts of every project in the organization: one compromised pipeline reaches them all.',
    remediation:
      'Turn on Project settings > Pipelines > Settings > "Limit job authorization scope to current project for non-release pipelines" (or the organization-wide switch); for a classic pipeline, also set Options > "Build job authorization scope" to Current project.',
    helpUri: `${LEARN}/process/access-tokens#job-authorization-scope`,
    references: [azsk('ADO_Build_AuthZ_Limit_Pipeline_Access'), azsk('ADO_Organization_AuthZ_Limit_Non_Release_Pipeline_Scope'), owasp(5)],
  }),
  areas: ['buildDefinitions', 'projects'],
  evaluate: (s) =>
    s.buildDefinitions.map((d) => {
      const object = pipelineObject(d);
      const scope = d.jobAuthorizationScope;
      const ps = projectSettings(s, d.projectId, d.projectName);
      const enforced = 'value' in ps ? ps.value.enforceJobAuthScope : undefined;
      const evidence = [ev('Build job authorization scope', scope), ev('Project: limit job authorization scope to current project', 'value' in ps ? onOff(enforced) : 'not available')];
      if (enforced === true || scope?.toLowerCase() === 'project') return pass(object, evidence);
      if (scope === undefined) return notAvailableResult(object, notSent(`the job authorization scope of ${d.name}`), evidence);
      if ('reason' in ps) return notAvailableResult(object, ps.reason, evidence);
      if (enforced === undefined) return notAvailableResult(object, notSent('the project setting "Limit job authorization scope"'), evidence);
      return fail(object, evidence, `Pipeline ${d.name} runs with the ${scope} job authorization scope and the project does not limit it.`);
    }),
  examples: {
    mustFlag: [snapshotOf({ projects: [projectSnapOf({ pipelineSettings: { state: 'available', value: { enforceJobAuthScope: false } } })], buildDefinitions: [buildDefinitionOf({ jobAuthorizationScope: 'projectCollection' })] })],
    mustNotFlag: [
      snapshotOf({ projects: [projectSnapOf({ pipelineSettings: { state: 'available', value: { enforceJobAuthScope: false } } })], buildDefinitions: [buildDefinitionOf({ jobAuthorizationScope: 'project' })] }),
      snapshotOf({ projects: [projectSnapOf({ pipelineSettings: { state: 'available', value: { enforceJobAuthScope: true } } })], buildDefinitions: [buildDefinitionOf({ jobAuthorizationScope: 'projectCollection' })] }),
    ],
    notApplicable: [snapshotOf()],
    notAvailable: [snapshotOf({ projects: [projectSnapOf({ pipelineSettings: unavailableFacet() })], buildDefinitions: [buildDefinitionOf({ jobAuthorizationScope: 'projectCollection' })] })],
  },
};

// ---- classic pipelines -------------------------------------------------------------------------

/** Classic creation is off in the project: the general switch or the build (or release) one. */
export function classicCreationDisabled(settings: PipelineSettings, which: 'build' | 'release'): boolean | undefined {
  const specific = which === 'build' ? settings.disableClassicBuildPipelineCreation : settings.disableClassicReleasePipelineCreation;
  if (settings.disableClassicPipelineCreation === true || specific === true) return true;
  if (settings.disableClassicPipelineCreation === false || specific === false) return false;
  return undefined;
}

const classic: Control = {
  meta: postureMeta({
    id: 'ADO-PIPE-CLASSIC',
    title: 'Classic build pipelines should not be kept while classic pipeline creation is enabled',
    severity: 'medium',
    description:
      'Classic (designer) pipelines keep their definition outside the repository: changes are not reviewed in pull requests, approvals and checks on resources do not apply to them, and they can reach any resource the project authorizes. While classic creation stays enabled, anyone with pipeline rights can add more.',
    remediation:
      'Move the pipeline to YAML (Edit > "Export to YAML", then create a YAML pipeline from it) and delete the classic one; then turn on Project settings > Pipelines > Settings > "Disable creation of classic build pipelines" (and the organization-wide switch).',
    helpUri: `${LEARN}/security/overview`,
    references: [defender('Azure DevOps projects should have creation of classic pipelines disabled'), azsk('ADO_Project_DP_Disable_Creation_Of_Classic_Pipeline'), owasp(1)],
  }),
  areas: ['buildDefinitions', 'projects', 'projectPipelineSettings'],
  evaluate: (s) =>
    s.buildDefinitions.map((d) => {
      const object = pipelineObject(d);
      const evidence = [ev('Pipeline type', d.processType)];
      if (d.processType !== 'classic') return notApplicable(object, evidence);
      const ps = projectSettings(s, d.projectId, d.projectName);
      if ('reason' in ps) return notAvailableResult(object, ps.reason, evidence);
      const disabled = classicCreationDisabled(ps.value, 'build');
      evidence.push(ev(`Disable creation of classic build pipelines (project ${d.projectName})`, onOff(disabled), ps.url));
      if (disabled === undefined) return notAvailableResult(object, notSent('the project setting "Disable creation of classic build pipelines"'), evidence);
      return disabled ? pass(object, evidence) : fail(object, evidence, `Classic pipeline ${d.name} is kept in project ${d.projectName}, where classic pipeline creation is still enabled.`);
    }),
  examples: {
    mustFlag: [snapshotOf({ projects: [projectSnapOf({ pipelineSettings: { state: 'available', value: { disableClassicPipelineCreation: false } } })], buildDefinitions: [buildDefinitionOf({ processType: 'classic' })] })],
    mustNotFlag: [snapshotOf({ projects: [projectSnapOf({ pipelineSettings: { state: 'available', value: { disableClassicBuildPipelineCreation: true } } })], buildDefinitions: [buildDefinitionOf({ processType: 'classic' })] })],
    notApplicable: [snapshotOf({ buildDefinitions: [buildDefinitionOf()] })],
    notAvailable: [snapshotOf({ projects: [projectSnapOf({ pipelineSettings: unavailableFacet() })], buildDefinitions: [buildDefinitionOf({ processType: 'classic' })] })],
  },
};

// ---- credentials in clear ----------------------------------------------------------------------

const plainSecrets: Control = {
  meta: postureMeta({
    id: 'ADO-PIPE-PLAIN-SECRETS',
    title: 'Pipeline variables named like credentials should be secret',
    severity: 'high',
    description:
      'A variable called password, token or key that is not marked secret shows its value to everyone who can read the pipeline, is printed in logs, and travels with every export of the definition.',
    remediation:
      'Rotate the credential, then edit the pipeline, open Variables, and mark each listed variable secret (the lock icon) with the new value; better, move it to a variable group linked to Azure Key Vault.',
    helpUri: `${LEARN}/process/set-secret-variables`,
    cwe: ['CWE-312'],
    references: [azsk('ADO_Build_DP_No_PlainText_Secrets_In_Definition'), owasp(6)],
  }),
  areas: ['buildDefinitions'],
  evaluate: (s) =>
    s.buildDefinitions.map((d) => {
      const object = pipelineObject(d);
      const named = d.variables.filter((v) => !v.isSecret && looksLikeSecretName(v.name));
      const exposed = named.filter((v) => holdsLiteral(v.plainValueForSecretsScan)).map((v) => v.name);
      const evidence = [ev('Variables', d.variables.length), ev('Plain variables named like credentials, with a value', listValue(exposed))];
      if (d.variables.length === 0) return notApplicable(object, evidence);
      return exposed.length > 0 ? fail(object, evidence, `Pipeline ${d.name} keeps credential-like variables in plain text: ${listValue(exposed)}.`) : pass(object, evidence);
    }),
  examples: {
    mustFlag: [snapshotOf({ buildDefinitions: [buildDefinitionOf({ variables: [{ name: 'sqlPassword', isSecret: false, allowOverride: false, plainValueForSecretsScan: 'Winter2026!' }] })] })],
    mustNotFlag: [
      snapshotOf({ buildDefinitions: [buildDefinitionOf({ variables: [{ name: 'sqlPassword', isSecret: true, allowOverride: false, plainValueForSecretsScan: null }] })] }),
      snapshotOf({ buildDefinitions: [buildDefinitionOf({ variables: [{ name: 'sqlPassword', isSecret: false, allowOverride: false, plainValueForSecretsScan: '$(kv-sql-password)' }, { name: 'tokenUrl', isSecret: false, allowOverride: false, plainValueForSecretsScan: 'https://login.contoso.com' }] })] }),
    ],
    notApplicable: [snapshotOf({ buildDefinitions: [buildDefinitionOf()] })],
  },
};

/** Classic task inputs named like credentials that hold a literal (not a $(variable)). */
export function literalCredentialInputs(steps: BuildDefinitionSnap['steps']): string[] {
  const out: string[] = [];
  for (const st of steps) {
    if (st.enabled === false) continue;
    for (const [input, value] of Object.entries(st.inputsForSecretsScan)) {
      if (looksLikeSecretName(input) && holdsLiteral(value)) out.push(`${st.displayName ?? st.taskId}: ${input}`);
    }
  }
  return out;
}

const taskInputs: Control = {
  meta: postureMeta({
    id: 'ADO-PIPE-TASK-CREDENTIALS',
    title: 'Classic pipeline tasks should not take credentials as literal inputs',
    severity: 'high',
    description:
      'A task input such as password or apiKey filled with the credential itself, rather than a $(secret) variable, stores it in clear in the pipeline definition, readable by everyone who can view the pipeline.',
    remediation: 'Rotate the credential, then edit the pipeline, put the new value in a secret variable (or a Key Vault-linked variable group) and set the task input to $(thatVariable).',
    helpUri: `${LEARN}/process/set-secret-variables`,
    cwe: ['CWE-312'],
    references: [azsk('ADO_Build_DP_No_PlainText_Secrets_In_Definition'), owasp(6)],
  }),
  areas: ['buildDefinitions'],
  evaluate: (s) =>
    s.buildDefinitions.map((d) => {
      const object = pipelineObject(d);
      const found = literalCredentialInputs(d.steps);
      const evidence = [ev('Classic tasks', d.steps.length), ev('Credential inputs with a literal value', listValue(found))];
      if (d.processType !== 'classic' || d.steps.length === 0) return notApplicable(object, evidence);
      return found.length > 0 ? fail(object, evidence, `Classic pipeline ${d.name} has credentials typed into task inputs: ${listValue(found)}.`) : pass(object, evidence);
    }),
  examples: {
    mustFlag: [snapshotOf({ buildDefinitions: [buildDefinitionOf({ processType: 'classic', steps: [{ taskId: 'npm', displayName: 'npm publish', inputsForSecretsScan: { authToken: 'npm_abcdefghijklmnop' } }] })] })],
    mustNotFlag: [snapshotOf({ buildDefinitions: [buildDefinitionOf({ processType: 'classic', steps: [{ taskId: 'npm', displayName: 'npm publish', inputsForSecretsScan: { authToken: '$(npmToken)', command: 'publish' } }] })] })],
    notApplicable: [snapshotOf({ buildDefinitions: [buildDefinitionOf()] })],
  },
};

const ciOnPublic: Control = {
  meta: postureMeta({
    id: 'ADO-PIPE-CI-PUBLIC-REPO',
    title: 'Pipelines should not run CI or scheduled builds of public GitHub repositories',
    severity: 'medium',
    description:
      'A pipeline that builds a public GitHub repository on every push or on a schedule runs whatever lands in it: a compromised maintainer account or a merged malicious change executes on your agents with your pipeline\'s access.',
    remediation: 'Edit the pipeline, open Triggers, and turn off continuous integration and scheduled triggers for the public repository; build it from a reviewed mirror or fork in your own organization instead.',
    helpUri: `${LEARN}/security/repos`,
    references: [azsk('ADO_Build_DP_Disable_CI_On_External_Sources'), owasp(4), owasp(3)],
  }),
  areas: ['buildDefinitions'],
  evaluate: (s) =>
    s.buildDefinitions.flatMap((d) => {
      const repo = d.repository;
      if (!repo || !['github', 'githubenterprise'].includes((repo.type ?? '').toLowerCase())) return [];
      const object = pipelineObject(d);
      const auto = d.triggers.filter((t) => ['continuousintegration', 'schedule'].includes(t.triggerType.toLowerCase())).map((t) => t.triggerType);
      const evidence = [ev('Repository', repo.name), ev('Repository is private', repo.isPrivate), ev('Automatic triggers', listValue(auto))];
      if (repo.isPrivate === undefined) return [notAvailableResult(object, notSent(`whether the GitHub repository of ${d.name} is private`), evidence)];
      if (repo.isPrivate) return [notApplicable(object, evidence)];
      return [auto.length > 0 ? fail(object, evidence, `Pipeline ${d.name} runs ${listValue(auto)} builds of the public repository ${repo.name}.`) : pass(object, evidence)];
    }),
  examples: {
    mustFlag: [snapshotOf({ buildDefinitions: [buildDefinitionOf({ repository: github(false), triggers: [{ triggerType: 'continuousIntegration', branchFilters: ['+main'] }] })] })],
    mustNotFlag: [snapshotOf({ buildDefinitions: [buildDefinitionOf({ repository: github(false), triggers: [prTrigger({ enabled: false })] })] })],
    notApplicable: [snapshotOf({ buildDefinitions: [buildDefinitionOf({ repository: github(true), triggers: [{ triggerType: 'schedule' }] })] })],
    notAvailable: [snapshotOf({ buildDefinitions: [buildDefinitionOf({ repository: { type: 'GitHub', name: 'contoso/web' }, triggers: [{ triggerType: 'schedule' }] })] })],
  },
};

export const pipelinesControls: readonly Control[] = [
  forkSecrets,
  publicForks,
  forkFullToken,
  forkComment,
  forkSelfHosted,
  settableSecret,
  settableUrl,
  jobScope,
  classic,
  plainSecrets,
  taskInputs,
  ciOnPublic,
];
