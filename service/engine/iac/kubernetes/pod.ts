// Where a workload keeps its pod spec, and a walk over its containers: what most Kubernetes rules read.
import type { IacObject, IacResource, IacValue } from '../types';
import { get, isObject, joinPath } from '../values';

/** The path of the pod spec by workload kind. */
const POD_SPEC_PATH: Record<string, string> = {
  Pod: 'spec',
  Deployment: 'spec.template.spec',
  StatefulSet: 'spec.template.spec',
  DaemonSet: 'spec.template.spec',
  ReplicaSet: 'spec.template.spec',
  ReplicationController: 'spec.template.spec',
  Job: 'spec.template.spec',
  PodTemplate: 'template.spec',
  CronJob: 'spec.jobTemplate.spec.template.spec',
};

/** The kinds that carry a pod spec: the resource types of pod and container rules. */
export const WORKLOAD_KINDS: readonly string[] = Object.keys(POD_SPEC_PATH);

/** The pod spec path of a workload kind, or undefined for kinds without one. */
export function podSpecPath(kind: string): string | undefined {
  return POD_SPEC_PATH[kind];
}

/** The path of the pod template's metadata (annotations for seccomp/AppArmor on old clusters). */
export function podMetadataPath(kind: string): string | undefined {
  const spec = POD_SPEC_PATH[kind];
  if (spec === undefined) return undefined;
  return spec === 'spec' ? 'metadata' : `${spec.slice(0, -'.spec'.length)}.metadata`;
}

export interface PodSpec {
  path: string;
  spec: IacObject;
}

// Most Kubernetes rules start from the pod spec and its containers: each resource's are found once
// (per attributes object, so a resource whose attributes are replaced is walked again).
interface PodCache {
  attributes: IacObject;
  type: string;
  pod: PodSpec | undefined;
  containers: Map<readonly ContainerKind[], readonly ContainerAt[]>;
}
const podCache = new WeakMap<IacResource, PodCache>();

function cacheOf(r: IacResource): PodCache {
  let c = podCache.get(r);
  if (!c || c.attributes !== r.attributes || c.type !== r.type) {
    c = { attributes: r.attributes, type: r.type, pod: findPodSpec(r), containers: new Map() };
    podCache.set(r, c);
  }
  return c;
}

function findPodSpec(r: IacResource): PodSpec | undefined {
  const path = podSpecPath(r.type);
  if (path === undefined) return undefined;
  const spec = get(r.attributes, path);
  return isObject(spec) ? { path, spec } : undefined;
}

/** The workload's pod spec (undefined: not a workload, or the spec is missing or not a map). */
export function podSpec(r: IacResource): PodSpec | undefined {
  const pod = cacheOf(r).pod;
  return pod && { ...pod };
}

export type ContainerKind = 'containers' | 'initContainers' | 'ephemeralContainers';
export const CONTAINER_KINDS: readonly ContainerKind[] = ['containers', 'initContainers', 'ephemeralContainers'];

export interface ContainerAt {
  /** `spec.template.spec.containers[0]`. */
  path: string;
  kind: ContainerKind;
  name: string;
  container: IacObject;
}

/** Every container of the workload (containers, initContainers, ephemeralContainers, or only `kinds`), with its path. */
export function containers(r: IacResource, kinds: readonly ContainerKind[] = CONTAINER_KINDS): ContainerAt[] {
  const cache = cacheOf(r);
  let found = cache.containers.get(kinds);
  if (!found) {
    found = findContainers(cache.pod, kinds);
    if (cache.containers.size < 8) cache.containers.set(kinds, found); // rules pass a few constant lists
  }
  return found.map((c) => ({ ...c }));
}

function findContainers(pod: PodSpec | undefined, kinds: readonly ContainerKind[]): ContainerAt[] {
  if (!pod) return [];
  const out: ContainerAt[] = [];
  for (const kind of kinds) {
    const list: IacValue | undefined = pod.spec[kind];
    if (!Array.isArray(list)) continue;
    list.forEach((c, i) => {
      if (!isObject(c)) return;
      out.push({ path: joinPath(joinPath(pod.path, kind), i), kind, name: typeof c.name === 'string' ? c.name : `#${i}`, container: c });
    });
  }
  return out;
}
