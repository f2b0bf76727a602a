// BuildDefinition(Reference) as ADO sends it (ado-rest.md §4.1), trimmed to what posture checks read.
import {
  asRecord,
  optBool,
  optIdentity,
  optNumber,
  optProjectRef,
  optString,
  optStringArray,
  optStringMap,
  records,
  requireItem,
  requireNumber,
  requireString,
  webLink,
  type ParseContext,
} from '../parse';
import type { IdentityRef } from '../types';

export interface BuildDefinitionRef {
  id: number;
  name: string;
  /** Folder, e.g. '\\' or '\\team'. */
  path?: string;
  revision?: number;
  /** enabled | paused | disabled */
  queueStatus?: string;
  /** build | xaml */
  type?: string;
  project?: { id: string; name: string };
  queue?: { id: number; name?: string; pool?: { id?: number; name?: string; isHosted?: boolean } };
  authoredBy?: IdentityRef;
  createdDate?: string;
  webUrl?: string;
}

export interface BuildTrigger {
  /** continuousIntegration | pullRequest | schedule | buildCompletion | gatedCheckIn */
  triggerType: string;
  branchFilters?: string[];
  pathFilters?: string[];
  /** 1 = from the UI, 2 = from the YAML file. */
  settingsSourceType?: number;
  forks?: { enabled?: boolean; allowSecrets?: boolean; allowFullAccessToken?: boolean };
  isCommentRequiredForPullRequest?: boolean;
  requireCommentsForNonTeamMembersOnly?: boolean;
  requireCommentsForNonTeamMemberAndNonContributors?: boolean;
  /** The effective project/organization fork protection applied to this trigger. */
  pipelineTriggerSettings?: Record<string, boolean>;
}

export interface BuildVariable {
  /** Always null for a secret. */
  value: string | null;
  isSecret?: boolean;
  /** Settable at queue time. */
  allowOverride?: boolean;
}

export interface BuildStep {
  taskId: string;
  versionSpec?: string;
  displayName?: string;
  enabled?: boolean;
  inputs: Record<string, string | null>;
}

export interface BuildDefinition extends BuildDefinitionRef {
  /** 1 = designer (classic), 2 = YAML. */
  processType?: number;
  yamlFilename?: string;
  /** Designer definitions: every task step of every phase. */
  steps: BuildStep[];
  repository?: { id?: string; type?: string; name?: string; url?: string; defaultBranch?: string; properties: Record<string, string | null> };
  triggers: BuildTrigger[];
  variables: Record<string, BuildVariable>;
  variableGroups: { id: number; name?: string; type?: string }[];
  /** projectCollection (the broader token) | project */
  jobAuthorizationScope?: string;
  jobTimeoutInMinutes?: number;
  badgeEnabled?: boolean;
}

function booleanMap(v: unknown): Record<string, boolean> | undefined {
  const r = asRecord(v);
  if (!r) return undefined;
  return Object.fromEntries(Object.entries(r).filter((e): e is [string, boolean] => typeof e[1] === 'boolean'));
}

/**
 * A BuildDefinitionReference: id and name are required ("definition.id missing" in a list, "id missing"
 * for one definition, `at` ''); the rest is optional.
 */
export function toDefinitionRef(raw: unknown, ctx: ParseContext, at = 'definition'): BuildDefinitionRef {
  const r = requireItem(raw, ctx, at);
  const queue = asRecord(r.queue);
  const pool = asRecord(queue?.pool);
  return {
    id: requireNumber(r, 'id', ctx, at),
    name: requireString(r, 'name', ctx, at),
    path: optString(r.path),
    revision: optNumber(r.revision),
    queueStatus: optString(r.queueStatus),
    type: optString(r.type),
    project: optProjectRef(r.project),
    queue:
      typeof queue?.id === 'number'
        ? { id: queue.id, name: optString(queue.name), pool: pool && { id: optNumber(pool.id), name: optString(pool.name), isHosted: optBool(pool.isHosted) } }
        : undefined,
    authoredBy: optIdentity(r.authoredBy),
    createdDate: optString(r.createdDate),
    webUrl: webLink(r),
  };
}

/**
 * One full definition: its reference fields, process, triggers, variables. `at` '' for the
 * single-definition answer, 'definition' for an element of a list.
 */
export function toDefinition(raw: unknown, ctx: ParseContext, at = ''): BuildDefinition {
  const ref = toDefinitionRef(raw, ctx, at);
  const r = requireItem(raw, ctx, at);
  const process = asRecord(r.process);
  const repo = asRecord(r.repository);
  const variables: Record<string, BuildVariable> = {};
  for (const [name, v] of Object.entries(asRecord(r.variables) ?? {})) {
    const x = asRecord(v);
    if (!x) continue;
    variables[name] = { value: optString(x.value) ?? null, isSecret: optBool(x.isSecret), allowOverride: optBool(x.allowOverride) };
  }
  return {
    ...ref,
    processType: optNumber(process?.type),
    yamlFilename: optString(process?.yamlFilename),
    steps: records(process?.phases).flatMap((phase) =>
      records(phase.steps).flatMap((step) => {
        const task = asRecord(step.task);
        if (typeof task?.id !== 'string') return [];
        return [
          {
            taskId: task.id,
            versionSpec: optString(task.versionSpec),
            displayName: optString(step.displayName),
            enabled: optBool(step.enabled),
            inputs: optStringMap(step.inputs) ?? {},
          },
        ];
      }),
    ),
    repository: repo && {
      id: optString(repo.id),
      type: optString(repo.type),
      name: optString(repo.name),
      url: optString(repo.url),
      defaultBranch: optString(repo.defaultBranch),
      properties: optStringMap(repo.properties) ?? {},
    },
    triggers: records(r.triggers)
      .filter((t) => typeof t.triggerType === 'string')
      .map((t) => {
        const forks = asRecord(t.forks);
        return {
          triggerType: t.triggerType as string,
          branchFilters: optStringArray(t.branchFilters),
          pathFilters: optStringArray(t.pathFilters),
          settingsSourceType: optNumber(t.settingsSourceType),
          forks: forks && { enabled: optBool(forks.enabled), allowSecrets: optBool(forks.allowSecrets), allowFullAccessToken: optBool(forks.allowFullAccessToken) },
          isCommentRequiredForPullRequest: optBool(t.isCommentRequiredForPullRequest),
          requireCommentsForNonTeamMembersOnly: optBool(t.requireCommentsForNonTeamMembersOnly),
          requireCommentsForNonTeamMemberAndNonContributors: optBool(t.requireCommentsForNonTeamMemberAndNonContributors),
          pipelineTriggerSettings: booleanMap(t.pipelineTriggerSettings),
        };
      }),
    variables,
    variableGroups: records(r.variableGroups)
      .filter((g) => typeof g.id === 'number')
      .map((g) => ({ id: g.id as number, name: optString(g.name), type: optString(g.type) })),
    jobAuthorizationScope: optString(r.jobAuthorizationScope),
    jobTimeoutInMinutes: optNumber(r.jobTimeoutInMinutes),
    badgeEnabled: optBool(r.badgeEnabled),
  };
}
