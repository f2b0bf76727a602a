// The ADO client's shapes -> the snapshot's: identities, pipeline access, checks, variables, steps.
import type { CheckConfiguration, PipelinePermissions } from '../../ado/areas/pipelines';
import type { IdentityRef } from '../../ado/types';
import { CHECK_TYPE_IDS, TASK_CHECK_NAMES, type CheckSnap, type ClassicStep, type IdentityRefSnap, type PipelineAccess, type PipelineVariable } from '../snapshot';

type Json = Record<string, unknown>;
const rec = (v: unknown): Json | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const bool = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);

/**
 * ADO's enum words in the casing the docs use (camelCase: 'pullRequest', 'projectCollection',
 * 'disabledBySystem'), whatever casing an answer used ('PullRequest', 'ProjectCollection'); an
 * all-caps word is lower-cased whole. Controls compare these words exactly.
 */
export function enumWord(v: string): string {
  if (v === v.toUpperCase()) return v.toLowerCase();
  return v.charAt(0).toLowerCase() + v.slice(1);
}

export function identityOf(i: IdentityRef | undefined): IdentityRefSnap | undefined {
  if (!i) return undefined;
  const out: IdentityRefSnap = { id: i.id };
  if (i.displayName !== undefined) out.displayName = i.displayName;
  if (i.uniqueName !== undefined) out.uniqueName = i.uniqueName;
  if (i.descriptor !== undefined) out.descriptor = i.descriptor;
  return out;
}

export function accessOf(p: PipelinePermissions): PipelineAccess {
  const out: PipelineAccess = {
    allPipelines: p.allPipelines?.authorized === true,
    authorizedPipelineIds: p.pipelines.filter((x) => x.authorized).map((x) => x.id),
  };
  if (p.allPipelines?.authorized) {
    const by = identityOf(p.allPipelines.authorizedBy);
    if (by) out.authorizedBy = by;
    if (p.allPipelines.authorizedOn) out.authorizedOn = p.allPipelines.authorizedOn;
  }
  return out;
}

function approverOf(v: unknown): IdentityRefSnap[] {
  const list = Array.isArray(v) ? v : [];
  return list.flatMap((x) => {
    const r = rec(x);
    const id = str(r?.id);
    if (!r || !id) return [];
    const out: IdentityRefSnap = { id };
    const name = str(r.displayName);
    if (name) out.displayName = name;
    const unique = str(r.uniqueName);
    if (unique) out.uniqueName = unique;
    const descriptor = str(r.descriptor);
    if (descriptor) out.descriptor = descriptor;
    if (typeof r.isContainer === 'boolean') out.isContainer = r.isContainer;
    return [out];
  });
}

function stringInputs(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(rec(v) ?? {})) {
    if (typeof x === 'string') out[k] = x;
    else if (typeof x === 'number' || typeof x === 'boolean') out[k] = String(x);
  }
  return out;
}

/** A check configuration, its kind decided by type id (and, for task checks, the task's name). */
export function checkOf(c: CheckConfiguration): CheckSnap {
  const typeId = c.type.id.toLowerCase();
  const settings = c.settings ?? {};
  const out: CheckSnap = { id: c.id, typeId, kind: 'other' };
  if (c.type.name) out.typeName = c.type.name;
  if (c.timeout !== undefined) out.timeout = c.timeout;
  const disabled = bool(settings.isDisabled) ?? bool((c as unknown as Json).isDisabled);
  if (disabled !== undefined) out.disabled = disabled;
  if (typeId === CHECK_TYPE_IDS.approval) {
    out.kind = 'approval';
    out.approvers = approverOf(settings.approvers);
    const min = num(settings.minRequiredApprovers);
    if (min !== undefined) out.minRequiredApprovers = min;
    const self = bool(settings.requesterCannotBeApprover);
    if (self !== undefined) out.requesterCannotBeApprover = self;
  } else if (typeId === CHECK_TYPE_IDS.taskCheck) {
    const name = str(rec(settings.definitionRef)?.name);
    out.kind = name?.toLowerCase() === TASK_CHECK_NAMES.branchControl.toLowerCase()
      ? 'branchControl'
      : name?.toLowerCase() === TASK_CHECK_NAMES.businessHours.toLowerCase()
        ? 'businessHours'
        : 'otherTask';
    if (name) out.taskName = name;
    out.inputs = stringInputs(settings.inputs);
  } else if (typeId === CHECK_TYPE_IDS.requiredTemplate) {
    out.kind = 'requiredTemplate';
  }
  return out;
}

/** Variables map -> list; secret values are null whatever ADO sent, plain values kept for the secrets engine. */
export function variablesOf(vars: Record<string, { value: string | null; isSecret?: boolean; allowOverride?: boolean }>): PipelineVariable[] {
  return Object.entries(vars).map(([name, v]) => {
    const isSecret = v.isSecret === true;
    return { name, isSecret, allowOverride: v.allowOverride === true, plainValueForSecretsScan: isSecret || v.value === '' ? null : v.value };
  });
}

export function stepsOf(steps: { taskId: string; versionSpec?: string; version?: string; displayName?: string; name?: string; enabled?: boolean; inputs: Record<string, string | null> }[]): ClassicStep[] {
  return steps.map((s) => {
    const out: ClassicStep = { taskId: s.taskId, inputsForSecretsScan: {} };
    const version = s.versionSpec ?? s.version;
    if (version !== undefined) out.versionSpec = version;
    const name = s.displayName ?? s.name;
    if (name !== undefined) out.displayName = name;
    if (s.enabled !== undefined) out.enabled = s.enabled;
    for (const [k, v] of Object.entries(s.inputs)) if (v !== null && v !== '') out.inputsForSecretsScan[k] = v;
    return out;
  });
}

/** GitHub repositories: properties.isPrivate / IsPrivate "True"/"False". */
export function boolProperty(props: Record<string, string | null>, ...names: string[]): boolean | undefined {
  for (const name of names) {
    const v = props[name];
    if (typeof v === 'string' && /^(true|false)$/i.test(v)) return v.toLowerCase() === 'true';
  }
  return undefined;
}
