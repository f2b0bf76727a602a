// The built-in transformers of a kustomization: namespace, name prefix/suffix (with the references
// that follow a rename), labels, annotations, images and replicas.
import { isClusterScoped } from '../kubernetes/resources';
import { podSpecPath } from '../kubernetes/pod';
import type { IacObject, IacValue } from '../types';
import { get, isObject } from '../values';
import type { Origin, Provenance } from './provenance';

/** An object being built: its value, where it was written, and every name it had (patches name base names). */
export interface KObject {
  value: IacObject;
  file: string;
  line: number;
  endLine: number;
  names: string[];
}

export const kindOf = (o: KObject): string => String(o.value.kind);
export const nameOf = (o: KObject): string => {
  const n = isObject(o.value.metadata) ? o.value.metadata.name : undefined;
  return typeof n === 'string' ? n : '';
};
export const namespaceOf = (o: KObject): string | undefined => {
  const n = isObject(o.value.metadata) ? o.value.metadata.namespace : undefined;
  return typeof n === 'string' && n ? n : undefined;
};

/** The object's metadata map (created when missing). */
function metadata(o: KObject): IacObject {
  if (!isObject(o.value.metadata)) o.value.metadata = {};
  return o.value.metadata as IacObject;
}

/** The map at `path` under `root`, created (with every missing parent) when absent. */
function mapAt(root: IacObject, path: readonly string[]): IacObject {
  let cur = root;
  for (const seg of path) {
    if (!isObject(cur[seg])) cur[seg] = {};
    cur = cur[seg] as IacObject;
  }
  return cur;
}

export function setNamespace(objects: readonly KObject[], namespace: string, origin: Origin | undefined, prov: Provenance): void {
  for (const o of objects) {
    if (isClusterScoped(kindOf(o))) continue;
    const meta = metadata(o);
    meta.namespace = namespace;
    prov.setKey(meta, 'namespace', origin);
  }
  // Bindings of service accounts follow them into the namespace (kustomize's subjects handling).
  for (const o of objects) {
    if (!['RoleBinding', 'ClusterRoleBinding'].includes(kindOf(o)) || !Array.isArray(o.value.subjects)) continue;
    for (const s of o.value.subjects) {
      if (!isObject(s) || s.kind !== 'ServiceAccount') continue;
      const own = objects.some((x) => kindOf(x) === 'ServiceAccount' && x.names.includes(String(s.name)));
      if (own) s.namespace = namespace;
    }
  }
}

/** Kinds whose names other objects reference, and where those references are. */
const REFERENCE_FIELDS: Record<string, readonly string[]> = {
  ConfigMap: [
    'volumes.configMap.name',
    'volumes.projected.sources.configMap.name',
    'containers.env.valueFrom.configMapKeyRef.name',
    'containers.envFrom.configMapRef.name',
    'initContainers.env.valueFrom.configMapKeyRef.name',
    'initContainers.envFrom.configMapRef.name',
  ],
  Secret: [
    'volumes.secret.secretName',
    'volumes.projected.sources.secret.name',
    'containers.env.valueFrom.secretKeyRef.name',
    'containers.envFrom.secretRef.name',
    'initContainers.env.valueFrom.secretKeyRef.name',
    'initContainers.envFrom.secretRef.name',
    'imagePullSecrets.name',
  ],
  ServiceAccount: ['serviceAccountName', 'serviceAccount'],
  PersistentVolumeClaim: ['volumes.persistentVolumeClaim.claimName'],
};

/** Renames every object (prefix + name + suffix) and the references to the renamed ConfigMaps, Secrets, service accounts, roles... */
export function rename(objects: readonly KObject[], prefix: string, suffix: string, prov: Provenance, origin: Origin | undefined): void {
  const renamed = new Map<string, string>();
  for (const o of objects) {
    const kind = kindOf(o);
    if (kind === 'CustomResourceDefinition' || kind === 'Namespace') continue;
    const old = nameOf(o);
    if (!old) continue;
    const meta = metadata(o);
    meta.name = `${prefix}${old}${suffix}`;
    prov.setKey(meta, 'name', origin ?? prov.keyOrigin(meta, 'name'));
    o.names.push(meta.name);
    renamed.set(`${kind}/${old}`, meta.name);
  }
  const renameAt = (root: IacValue, path: string, kind: string): void => {
    const segs = path.split('.');
    const visit = (v: IacValue | undefined, i: number): void => {
      if (Array.isArray(v)) return v.forEach((x) => visit(x, i));
      if (!isObject(v)) return;
      if (i === segs.length - 1) {
        const cur = v[segs[i]];
        const to = typeof cur === 'string' ? renamed.get(`${kind}/${cur}`) : undefined;
        if (to) v[segs[i]] = to;
        return;
      }
      visit(v[segs[i]], i + 1);
    };
    visit(root, 0);
  };
  for (const o of objects) {
    const specPath = podSpecPath(kindOf(o));
    const spec = specPath ? get(o.value, specPath) : undefined;
    if (isObject(spec)) for (const [kind, paths] of Object.entries(REFERENCE_FIELDS)) for (const p of paths) renameAt(spec, p, kind);
    if (['RoleBinding', 'ClusterRoleBinding'].includes(kindOf(o))) {
      const ref = o.value.roleRef;
      if (isObject(ref) && typeof ref.name === 'string') ref.name = renamed.get(`${String(ref.kind)}/${ref.name}`) ?? ref.name;
      if (Array.isArray(o.value.subjects)) {
        for (const s of o.value.subjects) {
          if (isObject(s) && s.kind === 'ServiceAccount' && typeof s.name === 'string') s.name = renamed.get(`ServiceAccount/${s.name}`) ?? s.name;
        }
      }
    }
  }
}

const SELECTOR_MATCH_LABELS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet']);
const SELECTOR_MAP = new Set(['Service', 'ReplicationController']);

/** Labels on every object; on selectors and pod templates when asked (commonLabels asks for both). */
export function addLabels(objects: readonly KObject[], labels: IacObject, opts: { selectors: boolean; templates: boolean }, prov: Provenance, origin: Origin | undefined): void {
  for (const o of objects) {
    const targets: string[][] = [['metadata', 'labels']];
    const kind = kindOf(o);
    if (opts.selectors) {
      if (SELECTOR_MATCH_LABELS.has(kind)) targets.push(['spec', 'selector', 'matchLabels']);
      if (SELECTOR_MAP.has(kind)) targets.push(['spec', 'selector']);
    }
    if (opts.templates || opts.selectors) {
      const template = templateMetadataPath(kind);
      if (template) targets.push([...template, 'labels']);
    }
    for (const t of targets) put(mapAt(o.value, t), labels, prov, origin);
  }
}

export function addAnnotations(objects: readonly KObject[], annotations: IacObject, prov: Provenance, origin: Origin | undefined): void {
  for (const o of objects) {
    put(mapAt(o.value, ['metadata', 'annotations']), annotations, prov, origin);
    const template = templateMetadataPath(kindOf(o));
    if (template) put(mapAt(o.value, [...template, 'annotations']), annotations, prov, origin);
  }
}

function templateMetadataPath(kind: string): string[] | undefined {
  const spec = podSpecPath(kind);
  if (!spec || spec === 'spec') return undefined;
  return [...spec.split('.').slice(0, -1), 'metadata'];
}

function put(target: IacObject, values: IacObject, prov: Provenance, origin: Origin | undefined): void {
  for (const [k, v] of Object.entries(values)) {
    target[k] = typeof v === 'object' && v !== null ? prov.clone(v) : v;
    prov.setKey(target, k, origin);
  }
}

export interface ImageRule {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
  origin?: Origin;
}

/** `registry:5000/app:1.2@sha256:…` → its name without tag and digest. */
export function imageName(image: string): string {
  const at = image.indexOf('@');
  const noDigest = at === -1 ? image : image.slice(0, at);
  const colon = noDigest.lastIndexOf(':');
  return colon > noDigest.lastIndexOf('/') ? noDigest.slice(0, colon) : noDigest;
}

function newImage(image: string, rule: ImageRule): string {
  const name = imageName(image);
  const rest = image.slice(name.length);
  const target = rule.newName ?? name;
  if (rule.digest) return `${target}@${rule.digest}`;
  if (rule.newTag !== undefined) return `${target}:${rule.newTag}`;
  return target + rest;
}

const CONTAINER_FIELDS = new Set(['containers', 'initContainers', 'ephemeralContainers']);

/** The images transformer: every container image whose name matches an entry gets its new name, tag or digest. */
export function setImages(objects: readonly KObject[], rules: readonly ImageRule[], prov: Provenance): void {
  if (!rules.length) return;
  const visit = (v: IacValue, depth: number): void => {
    if (depth > 40 || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.forEach((x) => visit(x, depth + 1));
    if (!isObject(v)) return;
    for (const [k, child] of Object.entries(v)) {
      if (CONTAINER_FIELDS.has(k) && Array.isArray(child)) {
        for (const c of child) {
          if (!isObject(c) || typeof c.image !== 'string') continue;
          const rule = rules.find((r) => r.name === imageName(c.image as string));
          if (!rule) continue;
          c.image = newImage(c.image, rule);
          prov.setKey(c, 'image', rule.origin);
        }
      } else visit(child, depth + 1);
    }
  };
  for (const o of objects) visit(o.value, 0);
}

const SCALABLE = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController']);

export function setReplicas(objects: readonly KObject[], name: string, count: number, prov: Provenance, origin: Origin | undefined): number {
  let n = 0;
  for (const o of objects) {
    if (!SCALABLE.has(kindOf(o)) || !o.names.includes(name)) continue;
    const spec = mapAt(o.value, ['spec']);
    spec.replicas = count;
    prov.setKey(spec, 'replicas', origin);
    n++;
  }
  return n;
}
