// Checks shared by the Kubernetes rules: one verdict per container, the effective security context
// (a container's setting, else the pod's), and what RBAC rules grant.
import { containers, podSpec, podMetadataPath, WORKLOAD_KINDS, type ContainerAt, type ContainerKind, type PodSpec } from '../../kubernetes/pod';
import type { Check } from '../../helpers';
import type { IacObject, IacResource, IacValue, Verdict } from '../../types';
import { get, isObject, isUnknown, joinPath } from '../../values';

export { WORKLOAD_KINDS };

export const ALL_CONTAINERS: readonly ContainerKind[] = ['containers', 'initContainers', 'ephemeralContainers'];
/** Containers that run for the pod's life (probes, for one, apply only to these). */
export const APP_CONTAINERS: readonly ContainerKind[] = ['containers'];
/** Containers that can carry resources (ephemeral containers cannot). */
export const SIZED_CONTAINERS: readonly ContainerKind[] = ['containers', 'initContainers'];

/** Judges each container: one verdict per container, so each is its own finding. */
export function eachContainer(judge: (c: ContainerAt, pod: PodSpec, r: IacResource) => Verdict, kinds: readonly ContainerKind[] = ALL_CONTAINERS): Check {
  return (r) => {
    const pod = podSpec(r);
    if (!pod) return { outcome: 'not-applicable' };
    const list = containers(r, kinds);
    if (!list.length) return { outcome: 'not-applicable' };
    return list.map((c) => judge(c, pod, r));
  };
}

/** Judges the pod spec of a workload. */
export function onPod(judge: (pod: PodSpec, r: IacResource) => Verdict | readonly Verdict[]): Check {
  return (r) => {
    const pod = podSpec(r);
    return pod ? judge(pod, r) : { outcome: 'not-applicable' };
  };
}

export interface Setting {
  value: IacValue | undefined;
  /** Where it is set, or where it should be set (the container's securityContext). */
  path: string;
}

/** A container's security context setting, else the pod's (runAsUser, runAsNonRoot, seccompProfile, seLinuxOptions...). */
export function effective(c: ContainerAt, pod: PodSpec, key: string): Setting {
  const own = isObject(c.container.securityContext) ? c.container.securityContext[key] : undefined;
  if (own !== undefined && own !== null) return { value: own, path: `${c.path}.securityContext.${key}` };
  const podLevel = isObject(pod.spec.securityContext) ? pod.spec.securityContext[key] : undefined;
  if (podLevel !== undefined && podLevel !== null) return { value: podLevel, path: `${pod.path}.securityContext.${key}` };
  return { value: undefined, path: `${c.path}.securityContext.${key}` };
}

/** The container's own securityContext value at `key` (not inherited). */
export function own(c: ContainerAt, key: string): Setting {
  const sc = c.container.securityContext;
  const path = `${c.path}.securityContext.${key}`;
  if (isUnknown(sc)) return { value: sc, path };
  return { value: isObject(sc) ? get(sc, key) : undefined, path };
}

export const verdict = (outcome: Verdict['outcome'], s: Setting, message?: string): Verdict => ({
  outcome,
  path: s.path,
  ...(s.value !== undefined ? { value: s.value } : {}),
  ...(message ? { message } : {}),
});

/** pass when `ok`, fail otherwise; unknown when the value is unknown. */
export function judgeSetting(s: Setting, ok: (v: IacValue | undefined) => boolean): Verdict {
  if (isUnknown(s.value)) return verdict('unknown', s);
  return verdict(ok(s.value) ? 'pass' : 'fail', s);
}

export const strings = (v: IacValue | undefined): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

const capName = (s: string): string => s.toUpperCase().replace(/^CAP_/, '');

/** The capabilities a container adds or drops (upper case, without CAP_). */
export function capabilities(c: ContainerAt, which: 'add' | 'drop'): { list: string[]; path: string; value: IacValue | undefined } {
  const path = `${c.path}.securityContext.capabilities.${which}`;
  const value = get(c.container, `securityContext.capabilities.${which}`);
  return { list: strings(value).map(capName), path, value };
}

/** The pod template's annotations (seccomp and AppArmor annotations of older clusters). */
export function podAnnotations(r: IacResource): IacObject {
  const path = podMetadataPath(r.type);
  const a = path ? get(r.attributes, `${path}.annotations`) : undefined;
  return isObject(a) ? a : {};
}

export const annotationsPath = (r: IacResource, key: string): string => joinPath(`${podMetadataPath(r.type) ?? 'metadata'}.annotations`, key);

// ---------------------------------------------------------------------------------------------
// RBAC

export interface RbacGrant {
  path: string;
  apiGroups: string[];
  resources: string[];
  verbs: string[];
  resourceNames: string[];
}

/** The rules of a Role or ClusterRole (aggregated ClusterRoles list none). */
export function rbacRules(r: IacResource): RbacGrant[] {
  const rules = r.attributes.rules;
  if (!Array.isArray(rules)) return [];
  const out: RbacGrant[] = [];
  rules.forEach((rule, i) => {
    if (!isObject(rule)) return;
    out.push({
      path: joinPath('rules', i),
      apiGroups: strings(rule.apiGroups),
      resources: strings(rule.resources).map((s) => s.toLowerCase()),
      verbs: strings(rule.verbs).map((s) => s.toLowerCase()),
      resourceNames: strings(rule.resourceNames),
    });
  });
  return out;
}

/** Whether a grant covers one of `verbs` on one of `resources` (wildcards included). */
export function grants(g: RbacGrant, verbs: readonly string[], resources: readonly string[], apiGroups?: readonly string[]): boolean {
  const verb = g.verbs.some((v) => v === '*' || verbs.includes(v));
  const resource = g.resources.some((x) => x === '*' || resources.includes(x) || (x.endsWith('/*') && resources.some((r) => r.startsWith(x.slice(0, -1)))));
  const group = !apiGroups || g.apiGroups.some((a) => a === '*' || apiGroups.includes(a));
  return verb && resource && group;
}

/** A check over a Role/ClusterRole: fails on each rule that grants, passes when none does. */
export function noGrant(verbs: readonly string[], resources: readonly string[], apiGroups?: readonly string[]): Check {
  return (r) => {
    const list = rbacRules(r);
    const fails = list.filter((g) => grants(g, verbs, resources, apiGroups)).map((g) => ({ outcome: 'fail' as const, path: g.path }));
    return fails.length ? fails : { outcome: 'pass', path: 'rules' };
  };
}
