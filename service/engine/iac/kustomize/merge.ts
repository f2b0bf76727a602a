// Strategic merge patches as kubectl and kustomize apply them to built-in kinds: maps merge key by
// key, `null` deletes a key, lists of containers/env/volumes/ports... merge by their merge key, other
// lists are replaced; `$patch: delete|replace` directives on maps and list items.
import type { IacObject, IacValue } from '../types';
import { isObject } from '../values';
import type { Provenance } from './provenance';

/** The merge key of a list by its field name (from the Kubernetes API's patchMergeKey). */
const MERGE_KEYS: Record<string, string | ((items: readonly IacValue[]) => string)> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  imagePullSecrets: 'name',
  hostAliases: 'ip',
  resourceClaims: 'name',
  topologySpreadConstraints: 'topologyKey',
  // Container ports merge by containerPort, Service ports by port.
  ports: (items) => (items.some((i) => isObject(i) && 'containerPort' in i) ? 'containerPort' : 'port'),
};

const MAX_DEPTH = 100;

function mergeKeyOf(field: string, items: readonly IacValue[]): string | undefined {
  const k = MERGE_KEYS[field];
  return typeof k === 'function' ? k(items) : k;
}

const directive = (v: IacValue): string | undefined => (isObject(v) && typeof v.$patch === 'string' ? v.$patch : undefined);

const withoutDirectives = (obj: IacObject): IacObject => {
  const out: IacObject = {};
  for (const [k, v] of Object.entries(obj)) if (!k.startsWith('$')) out[k] = v;
  return out;
};

/**
 * Applies `patch` to `target` in place. Values taken from the patch are copied with their origins,
 * and the keys they land on point at the patch's lines.
 */
export function strategicMerge(target: IacObject, patch: IacObject, prov: Provenance, depth = 0): void {
  if (depth > MAX_DEPTH) return;
  if (directive(patch) === 'replace') {
    for (const k of Object.keys(target)) delete target[k];
    for (const [k, v] of Object.entries(withoutDirectives(patch))) setFromPatch(target, k, patch, v, prov);
    return;
  }
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('$')) {
      const prim = /^\$deleteFromPrimitiveList\/(.+)$/.exec(key);
      if (prim && Array.isArray(value) && Array.isArray(target[prim[1]])) {
        const drop = new Set(value.map((x) => JSON.stringify(x)));
        target[prim[1]] = (target[prim[1]] as IacValue[]).filter((x) => !drop.has(JSON.stringify(x)));
      }
      continue;
    }
    const current = target[key];
    if (value === null) {
      delete target[key];
      continue;
    }
    if (isObject(value) && directive(value) === 'delete') {
      delete target[key];
      continue;
    }
    if (isObject(value) && isObject(current) && directive(value) !== 'replace') {
      strategicMerge(current, value, prov, depth + 1);
      continue;
    }
    if (Array.isArray(value) && Array.isArray(current)) {
      const mergeKey = mergeKeyOf(key, [...current, ...value]);
      if (mergeKey) {
        target[key] = mergeList(current, value, mergeKey, prov, depth);
        prov.setKey(target, key, prov.keyOrigin(target, key) ?? prov.keyOrigin(patch, key));
        continue;
      }
    }
    setFromPatch(target, key, patch, isObject(value) ? withoutDirectivesKeepingOrigin(value, prov) : value, prov);
  }
}

function setFromPatch(target: IacObject, key: string, patch: IacObject, value: IacValue, prov: Provenance): void {
  // A patch repeats the merge keys (a container's name): the attribute is still the base's.
  if ((value === null || typeof value !== 'object') && target[key] === value) return;
  const copy = prov.clone(value);
  if (copy !== value) prov.setNode(copy, prov.nodeOrigin(value) ?? prov.nodeOrigin(patch[key]));
  target[key] = copy;
  prov.setKey(target, key, prov.keyOrigin(patch, key));
}

function mergeList(current: IacValue[], patch: IacValue[], mergeKey: string, prov: Provenance, depth: number): IacValue[] {
  if (patch.some((i) => directive(i) === 'replace')) return patch.filter((i) => directive(i) !== 'replace').map((i) => prov.clone(i));
  const out = [...current];
  const keyOf = (v: IacValue): string | undefined => (isObject(v) && v[mergeKey] !== undefined && v[mergeKey] !== null ? JSON.stringify(v[mergeKey]) : undefined);
  for (const item of patch) {
    const k = keyOf(item);
    const at = k === undefined ? -1 : out.findIndex((x) => keyOf(x) === k);
    if (directive(item) === 'delete') {
      if (at !== -1) out.splice(at, 1);
      continue;
    }
    if (at !== -1 && isObject(out[at]) && isObject(item)) strategicMerge(out[at] as IacObject, item, prov, depth + 1);
    else if (at !== -1) out[at] = prov.clone(item);
    else out.push(prov.clone(isObject(item) ? withoutDirectivesKeepingOrigin(item, prov) : item));
  }
  return out;
}

function withoutDirectivesKeepingOrigin(obj: IacObject, prov: Provenance): IacObject {
  if (!Object.keys(obj).some((k) => k.startsWith('$'))) return obj;
  const out = withoutDirectives(obj);
  prov.setNode(out, prov.nodeOrigin(obj));
  for (const k of Object.keys(out)) prov.setKey(out, k, prov.keyOrigin(obj, k));
  return out;
}
