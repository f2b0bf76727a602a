// The DevOps posture snapshot of one organization: everything the controls read, collected raw but
// typed by posture/collect (the only posture code that does I/O) and stored as JSON, so controls
// re-run without ADO and tests use golden snapshots. Pure types and tiny helpers: this file imports
// the contract only (controls import it, and controls are pure).
//
// Conventions:
// - Arrays, not maps; ids and names; `webUrl` is the ADO page of the object where one is known.
// - Dates are ISO 8601 strings as ADO sends them (UTC).
// - A field ADO did not send is absent (`?`): unknown, never false. Controls must not read a missing
//   flag as "off".
// - An area whose read failed is `areas[name].state === 'not-available'` and its section is empty.
//   A read that failed for ONE object (the pipeline permissions of one service connection, the
//   policies of one repository) is a `Facet` on that object: not available there, with the reason.
// - Secret values never appear: ADO returns null for them. The only values kept are those of
//   NON-secret variables, in fields named `plainValueForSecretsScan`, for the secrets engine; strip
//   them with `withoutPlainValues` before showing a snapshot to anyone.
import { POSTURE_AREAS, type NotAvailableReason, type PostureArea } from '../contract/vocabulary';

export const SNAPSHOT_SCHEMA_VERSION = 1;

/** One entry per collection area (the contract's list, which the API and hub label); each ends `available` or `not-available`. */
export const AREA_NAMES = POSTURE_AREAS;
export type AreaName = PostureArea;

/** Why something could not be collected: the subset of the contract's reasons a collection gives. */
export type UnavailableCode = Extract<NotAvailableReason, 'missing-scope' | 'forbidden' | 'not-found' | 'unsupported' | 'error'>;

export interface Unavailable {
  /**
   * missing-scope: the PAT lacks `scope`; forbidden: the identity lacks a permission (403);
   * not-found: 404 (feature off, route gone, object hidden); unsupported: the organization or host
   * cannot answer this (e.g. ADO Server); error: anything else (sign-in page, 5xx, malformed answer).
   */
  code: UnavailableCode;
  /** One sentence a user can act on (ADO's own message included where it helps). */
  text: string;
  /** With missing-scope (and a forbidden that may be one): the PAT scope id, e.g. 'vso.build'. */
  scope?: string;
  /** How the PAT creation page labels `scope`, e.g. 'Build (Read)'. */
  scopeLabel?: string;
  /** HTTP status of the failing answer, when there was one. */
  status?: number;
}

/** A list of an area that could not be read (its objects are missing from the section). */
export interface PartialFailure {
  /** What could not be read, e.g. 'the pipelines of project Storefront'. */
  what: string;
  projectId?: string;
  projectName?: string;
  reason: Unavailable;
}

export type AreaStatus =
  | {
      state: 'available';
      /**
       * Lists of this area that failed while others were read (e.g. one project's pipelines):
       * objects may be missing, so an organization-wide "none found" is not a pass. Failures of one
       * object's sub-read are not listed here: they are that object's Facets.
       */
      partialFailures?: PartialFailure[];
    }
  | { state: 'not-available'; reason: Unavailable };

/** A value read for one object, or why it could not be. */
export type Facet<T> = { state: 'available'; value: T } | { state: 'not-available'; reason: Unavailable };

/** An identity as ADO references it (IdentityRef, trimmed). */
export interface IdentityRefSnap {
  id: string;
  displayName?: string;
  /** Sign-in name or e-mail, e.g. 'adele@contoso.com'; for groups '[Project]\\Group'. */
  uniqueName?: string;
  descriptor?: string;
  /** true for a group (approvers may be groups). */
  isContainer?: boolean;
}

export interface ProjectRef {
  id: string;
  name: string;
}

// ---- organization ---------------------------------------------------------------------------

export interface OrgPolicy {
  /** Page section: applicationConnection | security | user | privacy. */
  section: string;
  /** e.g. 'Policy.DisallowOAuthAuthentication', 'Policy.AllowAnonymousAccess', 'Policy.LogAuditEvents'. */
  name: string;
  /** The raw stored value. For Policy.Disallow* it is the inverse of the UI toggle (ado-rest.md §8). */
  value?: boolean;
  /**
   * The UI toggle ("feature allowed" for Disallow*; UNVERIFIED inversion, as AzSK reads it). Key
   * decisions on this field.
   */
  effectiveValue?: boolean;
  /** ADO has no value stored (the default applies). */
  isValueUndefined?: boolean;
  description?: string;
}

/** Pipeline settings switches (ado-rest.md §4.2/§4.3). true = the protection/feature named is on. */
export const PIPELINE_SETTING_KEYS = [
  'disableClassicPipelineCreation',
  'disableClassicBuildPipelineCreation',
  'disableClassicReleasePipelineCreation',
  'enforceJobAuthScope',
  'enforceJobAuthScopeForReleases',
  'enforceReferencedRepoScopedToken',
  'enforceSettableVar',
  'auditEnforceSettableVar',
  'publishPipelineMetadata',
  'statusBadgesArePrivate',
  'forkProtectionEnabled',
  'buildsEnabledForForks',
  'enforceJobAuthScopeForForks',
  'enforceNoAccessToSecretsFromForks',
  'isCommentRequiredForPullRequest',
  'requireCommentsForNonTeamMembersOnly',
  'requireCommentsForNonTeamMemberAndNonContributors',
  'enableShellTasksArgsSanitizing',
  'enableShellTasksArgsSanitizingAudit',
  'disableImpliedYAMLCiTrigger',
] as const;
export type PipelineSettingKey = (typeof PIPELINE_SETTING_KEYS)[number];
/** A key absent from the answer is unknown, not false. */
export type PipelineSettings = Partial<Record<PipelineSettingKey, boolean>>;

export const ORG_ONLY_PIPELINE_SETTING_KEYS = [
  'disableInBoxTasksVar',
  'disableMarketplaceTasksVar',
  'disableNode6TasksVar',
  'disableStageChooser',
  'isTaskLockdownFeatureEnabled',
] as const;
/** Organization level (portal data provider, undocumented): the project keys plus a few more. */
export type OrgPipelineSettings = PipelineSettings & Partial<Record<(typeof ORG_ONLY_PIPELINE_SETTING_KEYS)[number], boolean>>;

// ---- projects -------------------------------------------------------------------------------

export interface ProjectSnap {
  id: string;
  name: string;
  description?: string;
  /** private | public | organization (enterprise); absent when ADO did not say. Lower-cased. */
  visibility?: string;
  /** wellFormed | ... */
  state?: string;
  lastUpdateTime?: string;
  /** Process template name, e.g. 'Agile'. */
  processTemplate?: string;
  /** Git | Tfvc */
  sourceControlType?: string;
  webUrl: string;
  /** Settings page of the project: …/{project}/_settings/settings (pipelines). */
  pipelineSettingsUrl: string;
  /**
   * Project pipeline general settings (documented build/generalsettings route). Area
   * `projectPipelineSettings`.
   */
  pipelineSettings: Facet<PipelineSettings>;
}

// ---- pipelines --------------------------------------------------------------------------------

export interface PipelineAccess {
  /** "Grant access permission to all pipelines" is on (ADO's allPipelines.authorized). */
  allPipelines: boolean;
  authorizedBy?: IdentityRefSnap;
  authorizedOn?: string;
  /** Build definition ids explicitly authorized. */
  authorizedPipelineIds: number[];
}

/** Open access of a resource shared into several projects: one entry per project that has it. */
export interface ProjectPipelineAccess {
  projectId: string;
  projectName: string;
  access: Facet<PipelineAccess>;
}

/** Well-known check types (pipelines/checks/configurations type.id, lower-cased). */
export const CHECK_TYPE_IDS = {
  approval: '8c6f20a7-a545-4486-9777-f762fafe0d4d',
  taskCheck: 'fe1de3ee-a436-41b4-bb20-f6eb4cb879a7',
  requiredTemplate: '4020e66e-b0f3-47e1-bc88-48f3cc59b5f3',
} as const;
/** Task checks by their definitionRef name. */
export const TASK_CHECK_NAMES = { branchControl: 'evaluatebranchProtection', businessHours: 'evaluateBusinessHours' } as const;

export interface CheckSnap {
  id: number;
  /** Lower-cased type id (CHECK_TYPE_IDS). */
  typeId: string;
  /** ADO's type name: Approval | Task Check | ExtendsCheck | ... */
  typeName?: string;
  /**
   * approval, branchControl (Task Check evaluatebranchProtection), requiredTemplate, businessHours,
   * otherTask (another Task Check), other.
   */
  kind: 'approval' | 'branchControl' | 'requiredTemplate' | 'businessHours' | 'otherTask' | 'other';
  /** Minutes before the check times out. */
  timeout?: number;
  /** Approvals: who may approve, how many must. */
  approvers?: IdentityRefSnap[];
  minRequiredApprovers?: number;
  requesterCannotBeApprover?: boolean;
  /** Task checks: the task's inputs as sent (branch control: allowedBranches, ensureProtectionOfBranch...). */
  inputs?: Record<string, string>;
  /** Task checks: definitionRef.name. */
  taskName?: string;
  /** The check is disabled (settings.isDisabled / isDisabled). */
  disabled?: boolean;
}

export interface PipelineTrigger {
  /** continuousIntegration | pullRequest | schedule | buildCompletion | gatedCheckIn */
  triggerType: string;
  branchFilters?: string[];
  pathFilters?: string[];
  /** 1 = settings from the UI, 2 = from the YAML file. */
  settingsSourceType?: number;
  /** Pull requests from forks: built at all, with secrets, with a full-access token. */
  forks?: { enabled?: boolean; allowSecrets?: boolean; allowFullAccessToken?: boolean };
  isCommentRequiredForPullRequest?: boolean;
  requireCommentsForNonTeamMembersOnly?: boolean;
  requireCommentsForNonTeamMemberAndNonContributors?: boolean;
  /** Effective project/org fork protection applied to this trigger (same keys as pipeline settings). */
  pipelineTriggerSettings?: Record<string, boolean>;
}

export interface PipelineVariable {
  name: string;
  isSecret: boolean;
  /** Settable at queue time. */
  allowOverride: boolean;
  /**
   * The value of a NON-secret variable, kept only so the secrets engine can find credentials stored
   * in clear. Never display it; null for secrets (ADO never returns them) and empty values.
   */
  plainValueForSecretsScan: string | null;
}

export interface ClassicStep {
  taskId: string;
  versionSpec?: string;
  displayName?: string;
  enabled?: boolean;
  /**
   * Task inputs as configured (may hold service connection ids). Kept for the secrets engine and for
   * joins; never display values.
   */
  inputsForSecretsScan: Record<string, string>;
}

export interface BuildDefinitionSnap {
  id: number;
  name: string;
  /** Folder, e.g. '\\' or '\\team'. */
  path?: string;
  projectId: string;
  projectName: string;
  webUrl: string;
  /** classic = designer (process.type 1), yaml = process.type 2; unknown when ADO said neither. */
  processType: 'classic' | 'yaml' | 'unknown';
  yamlFilename?: string;
  /** enabled | paused | disabled */
  queueStatus?: string;
  repository?: {
    id?: string;
    /** TfsGit | GitHub | Bitbucket | TfsVersionControl | Git | ... */
    type?: string;
    name?: string;
    url?: string;
    defaultBranch?: string;
    /** GitHub repositories: properties.isPrivate ("True"/"False") read as a boolean. */
    isPrivate?: boolean;
    /** GitHub/Bitbucket: the service connection used to reach it. */
    connectedServiceId?: string;
  };
  triggers: PipelineTrigger[];
  variables: PipelineVariable[];
  variableGroups: { id: number; name?: string }[];
  /** The agent queue (project-scoped) and its pool. */
  queue?: { id: number; name?: string; poolId?: number; poolName?: string; isHosted?: boolean };
  authoredBy?: IdentityRefSnap;
  createdDate?: string;
  /** projectCollection (the broader token) | project */
  jobAuthorizationScope?: string;
  /** Classic (designer) pipelines only: every task step of every phase. */
  steps: ClassicStep[];
}

export interface ReleaseApprovalStep {
  /** Pre-deployment approvals configured as automatic (no human approves). */
  isAutomated: boolean;
  /** Approvers (users or groups); empty when automated. */
  approvers: IdentityRefSnap[];
  /** approvalOptions.requiredApproverCount: 0 = all approvers. */
  requiredApproverCount?: number;
  /** approvalOptions.releaseCreatorCanBeApprover */
  releaseCreatorCanBeApprover?: boolean;
  /** approvalOptions.enforceIdentityRevalidation */
  enforceIdentityRevalidation?: boolean;
}

export interface ReleaseStageSnap {
  id: number;
  name: string;
  rank?: number;
  preDeployApprovals: ReleaseApprovalStep;
  postDeployApprovals?: ReleaseApprovalStep;
  /** Pre-deployment gates enabled. */
  gatesEnabled?: boolean;
  variables: PipelineVariable[];
  variableGroupIds: number[];
  /** Every task of every deploy phase (secrets engine; joins on service connection ids). */
  steps: ClassicStep[];
  /** The agent queue of the first agent phase, when one is set. */
  queueId?: number;
}

export interface ReleaseDefinitionSnap {
  id: number;
  name: string;
  path?: string;
  projectId: string;
  projectName: string;
  webUrl: string;
  createdBy?: IdentityRefSnap;
  modifiedBy?: IdentityRefSnap;
  modifiedOn?: string;
  /** Release-wide variables. */
  variables: PipelineVariable[];
  variableGroupIds: number[];
  /** Stages (ADO: environments), by rank. */
  stages: ReleaseStageSnap[];
}

// ---- library and protected resources -----------------------------------------------------------

export interface AzureScope {
  /**
   * managementGroup | subscription | resourceGroup (authorization.parameters.scope names one) |
   * machineLearningWorkspace | unknown. For ARM (azurerm) connections only.
   */
  level: 'managementGroup' | 'subscription' | 'resourceGroup' | 'machineLearningWorkspace' | 'unknown';
  subscriptionId?: string;
  subscriptionName?: string;
  managementGroupId?: string;
  managementGroupName?: string;
  /** Resource group name when level is resourceGroup. */
  resourceGroup?: string;
  /** The raw authorization.parameters.scope (an ARM resource id), when present. */
  scopeId?: string;
  /** Automatic (ADO created the identity and role assignment) | Manual */
  creationMode?: string;
}

export interface ServiceConnectionSnap {
  id: string;
  name: string;
  /** As ADO sends it (case varies: 'AzureRM', 'azurerm'); `azure` = classic Azure (ASM). Compare lower-cased. */
  type: string;
  url?: string;
  description?: string;
  /**
   * ServicePrincipal (secret or certificate, see authenticationType) | WorkloadIdentityFederation |
   * ManagedServiceIdentity | Certificate | PublishProfile | UsernamePassword | Token |
   * PersonalAccessToken | InstallationToken | OAuth | None ...
   */
  authorizationScheme?: string;
  /** ARM service principal: spnKey (secret) | spnCertificate; absent otherwise. */
  authenticationType?: string;
  tenantId?: string;
  servicePrincipalId?: string;
  /** ARM connections only. */
  azureScope?: AzureScope;
  /** Non-secret `data` entries as sent (environment, scopeLevel, subscriptionId...). */
  data: Record<string, string>;
  /** Shared with projects beyond the one that created it. */
  isShared?: boolean;
  /** Every project that has it (a shared connection appears in each with the same id). */
  projects: ProjectRef[];
  /** Library (normal) | AgentCloud */
  owner?: string;
  /** false: creation failed or is pending. */
  isReady?: boolean;
  createdBy?: IdentityRefSnap;
  /** The connection's page in the first project that has it. */
  webUrl: string;
  /** Open access, per project that has it. */
  pipelineAccess: ProjectPipelineAccess[];
  /** Approvals and checks on the connection (read in its first project). */
  checks: Facet<CheckSnap[]>;
  /**
   * The pipeline runs that used it most recently, newest first (execution history, at most 50, read
   * in each project that has it): which build/release definitions really use the connection, and
   * when it was last used. Joins YAML pipelines to connections, which no definition field does.
   */
  recentUse: Facet<EndpointUseSnap[]>;
}

export interface EndpointUseSnap {
  /** Build definition id (planType Build) or release definition id (planType Release). */
  definitionId: number;
  definitionName?: string;
  /** Build | Release */
  planType?: string;
  projectId: string;
  /** succeeded | failed | canceled ... */
  result?: string;
  finishTime?: string;
}

export interface VariableGroupVariableSnap {
  name: string;
  isSecret: boolean;
  isReadOnly?: boolean;
  /** Key Vault groups: the secret is enabled in the vault. */
  enabled?: boolean;
  /** Key Vault groups: expiry of the secret. */
  expires?: string;
  /**
   * The value of a NON-secret variable, kept only for the secrets engine (credentials stored as plain
   * variables). Never display it. Null for secrets (ADO returns null) and Key Vault groups.
   */
  plainValueForSecretsScan: string | null;
}

export interface VariableGroupSnap {
  id: number;
  name: string;
  description?: string;
  /** Vsts (plain library group) | AzureKeyVault */
  type?: string;
  /** Linked to an Azure Key Vault (type AzureKeyVault). */
  keyVault?: { vault?: string; serviceEndpointId?: string; lastRefreshedOn?: string };
  variables: VariableGroupVariableSnap[];
  isShared?: boolean;
  projects: ProjectRef[];
  createdBy?: IdentityRefSnap;
  createdOn?: string;
  modifiedBy?: IdentityRefSnap;
  modifiedOn?: string;
  webUrl: string;
  pipelineAccess: ProjectPipelineAccess[];
  checks: Facet<CheckSnap[]>;
}

export interface SecureFileSnap {
  id: string;
  name: string;
  projectId: string;
  projectName: string;
  createdBy?: IdentityRefSnap;
  createdOn?: string;
  modifiedBy?: IdentityRefSnap;
  modifiedOn?: string;
  webUrl: string;
  pipelineAccess: Facet<PipelineAccess>;
  checks: Facet<CheckSnap[]>;
}

export interface AgentPoolSnap {
  id: number;
  name: string;
  /** Microsoft-hosted. */
  isHosted?: boolean;
  /** automation | deployment */
  poolType?: string;
  /** New projects get a queue for this pool automatically. */
  autoProvision?: boolean;
  /** Agents update themselves. */
  autoUpdate?: boolean;
  /** Scale-set (elastic) pool. */
  isElastic?: boolean;
  owner?: IdentityRefSnap;
  /** Agents in the pool, when ADO says. */
  size?: number;
  webUrl: string;
}

/** A project's view of a pool: open access and checks are set on the queue, not the pool. */
export interface AgentQueueSnap {
  id: number;
  name: string;
  projectId: string;
  projectName: string;
  poolId?: number;
  poolName?: string;
  isHosted?: boolean;
  webUrl: string;
  pipelineAccess: Facet<PipelineAccess>;
  checks: Facet<CheckSnap[]>;
}

export interface EnvironmentSnap {
  id: number;
  name: string;
  description?: string;
  projectId: string;
  projectName: string;
  createdBy?: IdentityRefSnap;
  lastModifiedOn?: string;
  webUrl: string;
  pipelineAccess: Facet<PipelineAccess>;
  /** Approvals and checks: an environment without an approval check deploys unattended. */
  checks: Facet<CheckSnap[]>;
}

// ---- repositories ---------------------------------------------------------------------------

export interface MinimumReviewersSettingsSnap {
  kind: 'minimumReviewers';
  minimumApproverCount?: number;
  /** The author's own vote counts ("allow requestors to approve their own changes"). */
  creatorVoteCounts?: boolean;
  /** The PR can complete despite waiting or rejected votes. */
  allowDownvotes?: boolean;
  /** Reset approvals (code-reviewer votes) on new pushes. */
  resetOnSourcePush?: boolean;
  /** Reset all votes on new pushes. */
  resetRejectionsOnSourcePush?: boolean;
  requireVoteOnLastIteration?: boolean;
  requireVoteOnEachIteration?: boolean;
  /** The most recent pusher cannot approve. */
  blockLastPusherVote?: boolean;
}
export interface BuildPolicySettingsSnap {
  kind: 'build';
  buildDefinitionId?: number;
  displayName?: string;
  queueOnSourceUpdateOnly?: boolean;
  /** true: never triggered automatically. */
  manualQueueOnly?: boolean;
  /** Minutes the result stays valid; 0 = never expires. */
  validDuration?: number;
  filenamePatterns?: string[];
}
export interface RequiredReviewersSettingsSnap {
  kind: 'requiredReviewers';
  requiredReviewerIds: string[];
  minimumApproverCount?: number;
  creatorVoteCounts?: boolean;
  filenamePatterns?: string[];
}
export interface StatusPolicySettingsSnap {
  kind: 'status';
  statusName?: string;
  statusGenre?: string;
  authorId?: string;
  invalidateOnSourceUpdate?: boolean;
  /** null/0: always applies; 1: only once the status is posted. */
  policyApplicability?: number;
  filenamePatterns?: string[];
}
export interface MergeStrategySettingsSnap {
  kind: 'mergeStrategy';
  allowSquash?: boolean;
  allowNoFastForward?: boolean;
  allowRebase?: boolean;
  allowRebaseMerge?: boolean;
}
/** commentRequirements, workItemLinking and push policies carry nothing but their scope. */
export interface OtherPolicySettingsSnap {
  kind: 'commentRequirements' | 'workItemLinking' | 'other';
}
export type BranchPolicySettings =
  | MinimumReviewersSettingsSnap
  | BuildPolicySettingsSnap
  | RequiredReviewersSettingsSnap
  | StatusPolicySettingsSnap
  | MergeStrategySettingsSnap
  | OtherPolicySettingsSnap;

/** Branch and repository policy type ids (ado-rest.md §3.3), lower-case. */
export const BRANCH_POLICY_TYPE_IDS = {
  minimumReviewers: 'fa4e907d-c16b-4a4c-9dfa-4906e5d171dd',
  build: '0609b952-1397-4640-95ec-e00a01b2c241',
  requiredReviewers: 'fd2167ab-b0be-447a-8ec8-39368250530e',
  commentRequirements: 'c6a1889d-b943-4856-b76f-9e46bb6b0df2',
  status: 'cbdc66da-9728-4af8-aada-9a5a32e4a226',
  workItemLinking: '40e92b44-2fe1-4dd6-b3d8-74a9c21d0c6e',
  mergeStrategy: 'fa4e907d-c16b-4a4c-9dfa-4916e5d171ab',
  fileSizeRestriction: '2e26e725-8201-4edd-8bf5-978563c34a80',
  fileNameRestriction: '51c78909-e838-41a2-9496-c647091e3c61',
  pathLengthRestriction: '001a79cf-fda1-4c4e-9e7c-bac40ee5ead8',
  reservedNamesRestriction: 'db2b9b4c-180d-4529-9701-01541d19f36b',
  gitRepositorySettings: '7ed39669-655c-494e-b4a0-a08b4da0fcce',
  commitAuthorEmailValidation: '77ed4bd3-b063-4689-934a-175e4d0a78d7',
  checkCredentials: 'e67ae10f-cf9a-40bc-8e66-6b3a8216956e',
} as const;
export type BranchPolicyTypeName = keyof typeof BRANCH_POLICY_TYPE_IDS;

export interface BranchPolicySnap {
  id: number;
  /** Lower-cased type id. */
  typeId: string;
  /** Our name for typeId (ADO's displayName is unreliable); 'unknown' for a type not in the table. */
  typeName: BranchPolicyTypeName | 'unknown';
  /** false: not evaluated at all. A policy ADO sent without the flag is read as false. */
  isEnabled: boolean;
  /** false: optional, the PR can complete although it fails. Missing flag read as false. */
  isBlocking: boolean;
  isDeleted?: boolean;
  isEnterpriseManaged?: boolean;
  /** Where it applies: repositoryId null = every repository; matchKind Exact | Prefix | DefaultBranch (as sent). */
  scope: { repositoryId: string | null; refName: string | null; matchKind?: string }[];
  settings: BranchPolicySettings;
  createdBy?: IdentityRefSnap;
}

export interface RepositorySnap {
  id: string;
  name: string;
  projectId: string;
  projectName: string;
  /** e.g. refs/heads/main; absent on an empty repository. */
  defaultBranch?: string;
  isDisabled: boolean;
  isFork?: boolean;
  /** Compressed bytes; absent when ADO did not say. */
  size?: number;
  webUrl: string;
  /** Branch policies page of the default branch. */
  policiesUrl: string;
  /**
   * The policies that apply to the default branch (git/policy/configurations with repositoryId and
   * refName: includes project-wide, DefaultBranch and Prefix scopes). Not available for a disabled
   * or empty repository (code unsupported).
   */
  defaultBranchPolicies: Facet<BranchPolicySnap[]>;
  /** Which pipelines may check the repository out (pipeline permissions of type repository). */
  pipelineAccess: Facet<PipelineAccess>;
  /**
   * Vigil's own open findings on this repository's default branch, per kind, joined in from the
   * store by the assessment (not from ADO): Defender's "findings resolved" recommendations. A kind is
   * absent when no scan of that kind ran on the repository; the whole field when nothing was joined.
   */
  vigilFindings?: VigilFindingCounts;
}

/** Open findings of one repository by kind (absent: that scanner has not run on it). */
export interface VigilFindingCounts {
  secret?: number;
  code?: number;
  deps?: number;
  iac?: number;
}

export interface RepoAdvancedSecurity {
  repositoryId: string;
  repositoryName: string;
  projectId: string;
  projectName: string;
  webUrl: string;
  /** GHAzDO enablement of the repository; null flags are unknown, not false. */
  enablement: Facet<{
    /** current: Code Security / Secret Protection split; legacy: one advSecEnabled flag. */
    shape: 'current' | 'legacy';
    codeSecurityEnabled: boolean | null;
    secretProtectionEnabled: boolean | null;
    /** Push protection. */
    blockPushes: boolean | null;
    codeQLEnabled: boolean | null;
    dependencyScanningInjectionEnabled: boolean | null;
    dependabotEnabled: boolean | null;
  }>;
}

// ---- audit, users, groups, extensions ----------------------------------------------------------

export interface AuditStreamSnap {
  id: number;
  /** Splunk | AzureMonitorLogs | AzureEventGrid */
  consumerType?: string;
  displayName?: string;
  /** enabled | disabledByUser | disabledBySystem | deleted | backfilling | unknown */
  status: string;
  statusReason?: string;
  createdTime?: string;
  updatedTime?: string;
}

export interface AuditSnap {
  /**
   * "Log audit events" (org policy Policy.LogAuditEvents, effectiveValue), copied here for
   * convenience; absent when the organization policies were not available.
   */
  logAuditEvents?: boolean;
  streams: AuditStreamSnap[];
  /** The organization's Auditing page. */
  webUrl: string;
}

export interface UserSnap {
  /** Entitlement id (the user's storage key). */
  id: string;
  descriptor: string;
  displayName?: string;
  principalName?: string;
  mailAddress?: string;
  /** aad | msa | vsts | ad */
  origin?: string;
  originId?: string;
  /** member | guest (Entra B2B guest); ADO's metaType. */
  userType?: string;
  /** Access level: express (Basic) | stakeholder | advanced | earlyAdopter | none...; status active | disabled | pending... */
  accessLevel?: { accountLicenseType?: string; licenseDisplayName?: string; licensingSource?: string; status?: string };
  dateCreated?: string;
  /** Last sign-in; null = never signed in (ADO's 0001-01-01); absent = ADO did not send it (unknown). */
  lastAccessedDate?: string | null;
  /**
   * The admin groups (adminGroups) the user is a member of, directly or through nested groups;
   * absent when the admin groups were not available.
   */
  adminOf?: { kind: AdminGroupKind; groupDescriptor: string; projectId?: string; projectName?: string; isDirect: boolean }[];
}

/** Which built-in admin group. */
export type AdminGroupKind = 'projectCollectionAdministrators' | 'projectAdministrators' | 'projectCollectionBuildAdministrators' | 'projectCollectionServiceAccounts';

export interface AdminMemberSnap {
  descriptor: string;
  /** user | group (an ADO group, expanded below it) | aadGroup (an Entra group, not expanded by ADO) | serviceIdentity | unknown */
  kind: 'user' | 'group' | 'aadGroup' | 'serviceIdentity' | 'unknown';
  displayName?: string;
  principalName?: string;
  mailAddress?: string;
  origin?: string;
  /** member | guest */
  userType?: string;
  /** Direct member of the admin group (else through `via`). */
  isDirect: boolean;
  /** The nested ADO groups it is a member through, outermost first (display names). */
  via: string[];
  /**
   * Users: last sign-in from member entitlements; null = never signed in; absent when entitlements
   * were not available, the user has none, or ADO did not send the date.
   */
  lastAccessedDate?: string | null;
  accessLevel?: string;
}

export interface AdminGroupSnap {
  kind: AdminGroupKind;
  descriptor: string;
  displayName?: string;
  /** e.g. '[contoso]\\Project Collection Administrators', '[Storefront]\\Project Administrators'. */
  principalName?: string;
  /** Project groups only. */
  projectId?: string;
  projectName?: string;
  webUrl: string;
  /**
   * Members, nested ADO groups expanded (bounded depth); users appear once, with the shortest path.
   * Service identities (Build Service accounts) included with kind serviceIdentity.
   */
  members: Facet<AdminMemberSnap[]>;
}

export interface ExtensionSnap {
  /** publisherId.extensionId */
  id: string;
  extensionId: string;
  extensionName?: string;
  publisherId: string;
  publisherName?: string;
  version?: string;
  /** The scopes the extension was granted (vso.code_write, vso.build_execute...). */
  scopes: string[];
  /** installState.flags words (disabled, builtIn, ...), lower-cased. */
  installFlags: string[];
  /** Extension flags words (builtIn, trusted, ...), lower-cased. */
  flags: string[];
  disabled: boolean;
  lastPublished?: string;
  /**
   * Publisher domain verified on the Marketplace. The organization API does not say: absent unless
   * a future collection reads the Marketplace.
   */
  publisherVerified?: boolean;
  webUrl: string;
}

// ---- the snapshot -------------------------------------------------------------------------------

export interface OrgSnapshot {
  schemaVersion: typeof SNAPSHOT_SCHEMA_VERSION;
  organization: {
    name: string;
    /** The canonical organization URL (https://dev.azure.com/{org} or a collection URL). */
    url: string;
    /** The organization (collection) id, from connectionData. */
    id?: string;
  };
  /** ISO 8601, when the collection started. */
  collectedAt: string;
  /** Milliseconds the collection took. */
  durationMs?: number;
  /** Who collected: the credential's identity (connectionData). */
  collectedBy?: { id: string; displayName?: string };
  areas: Record<AreaName, AreaStatus>;

  orgPolicies: OrgPolicy[];
  /** Undocumented portal data provider; null when not available. */
  orgPipelineSettings: OrgPipelineSettings | null;
  projects: ProjectSnap[];
  buildDefinitions: BuildDefinitionSnap[];
  releaseDefinitions: ReleaseDefinitionSnap[];
  serviceConnections: ServiceConnectionSnap[];
  variableGroups: VariableGroupSnap[];
  secureFiles: SecureFileSnap[];
  agentPools: AgentPoolSnap[];
  agentQueues: AgentQueueSnap[];
  environments: EnvironmentSnap[];
  repositories: RepositorySnap[];
  advancedSecurity: RepoAdvancedSecurity[];
  audit: AuditSnap;
  users: UserSnap[];
  adminGroups: AdminGroupSnap[];
  extensions: ExtensionSnap[];
}

// ---- helpers ------------------------------------------------------------------------------------

/** The value of a facet, or undefined when it is not available. */
export function facetValue<T>(f: Facet<T>): T | undefined {
  return f.state === 'available' ? f.value : undefined;
}

export const available = <T>(value: T): Facet<T> => ({ state: 'available', value });
export const notAvailable = <T = never>(reason: Unavailable): Facet<T> => ({ state: 'not-available', reason });

/** The org policy by name, or undefined (area not available or policy not listed). */
export function orgPolicy(s: OrgSnapshot, name: string): OrgPolicy | undefined {
  return s.orgPolicies.find((p) => p.name.toLowerCase() === name.toLowerCase());
}

/** A copy without the plain values kept for the secrets engine: what may be stored for display or sent to a browser. */
export function withoutPlainValues(s: OrgSnapshot): OrgSnapshot {
  const vars = (v: PipelineVariable[]) => v.map((x) => ({ ...x, plainValueForSecretsScan: null }));
  const steps = (st: ClassicStep[]) => st.map((x) => ({ ...x, inputsForSecretsScan: {} }));
  return {
    ...s,
    buildDefinitions: s.buildDefinitions.map((d) => ({ ...d, variables: vars(d.variables), steps: steps(d.steps) })),
    releaseDefinitions: s.releaseDefinitions.map((d) => ({
      ...d,
      variables: vars(d.variables),
      stages: d.stages.map((st) => ({ ...st, variables: vars(st.variables), steps: steps(st.steps) })),
    })),
    variableGroups: s.variableGroups.map((g) => ({ ...g, variables: g.variables.map((x) => ({ ...x, plainValueForSecretsScan: null })) })),
  };
}
