// Kubernetes objects as IaC resources of the 'kubernetes' model: one resource per object (List items
// flattened), the kind as type, `Deployment/web (namespace prod)` as address, Checkov's skip
// annotations as the resource's skips. Plain manifests, rendered Helm charts and built Kustomize
// overlays all come through here.
import type { ParsedDocument } from '../parse/yaml';
import type { IacObject, IacResource, IacValue, ResourceSkip } from '../types';
import { isObject, joinPath } from '../values';

export type KubernetesPlatform = 'kubernetes' | 'helm' | 'kustomize';

/** Where an attribute is: a line in the resource's file, or in another file (a Kustomize patch). */
export type AttributeLine = { line: number; path?: string } | undefined;

export interface KubernetesResourceOptions {
  /** The file that holds the documents (the template for Helm). */
  path: string;
  platform: KubernetesPlatform;
  /**
   * The line of a path inside a document (`items[2].spec.replicas` for a List item), when the
   * document's own line map is not the right one (rendered Helm output mapped back to a template).
   * Default: the document's line map.
   */
  lineOf?: (doc: ParsedDocument, documentPath: string) => AttributeLine;
  /** Appended to every address (` [overlays/prod]` for a base built through an overlay). */
  addressSuffix?: string;
}

/** Kinds that live outside namespaces: their address carries no namespace. */
const CLUSTER_SCOPED = new Set([
  'APIService',
  'CertificateSigningRequest',
  'ClusterIssuer',
  'ClusterRole',
  'ClusterRoleBinding',
  'CSIDriver',
  'CSINode',
  'CustomResourceDefinition',
  'FlowSchema',
  'IngressClass',
  'MutatingWebhookConfiguration',
  'Namespace',
  'Node',
  'PersistentVolume',
  'PodSecurityPolicy',
  'PriorityClass',
  'PriorityLevelConfiguration',
  'RuntimeClass',
  'StorageClass',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'ValidatingWebhookConfiguration',
  'VolumeAttachment',
]);

export const isClusterScoped = (kind: string): boolean => CLUSTER_SCOPED.has(kind);

/** A Kubernetes object: a map with a string apiVersion and kind. */
export function isKubernetesObject(v: IacValue | undefined): v is IacObject {
  return isObject(v) && typeof v.apiVersion === 'string' && typeof v.kind === 'string' && v.kind !== '';
}

const str = (v: IacValue | undefined): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

/** `checkov.io/skip1: CKV_K8S_20=reason` (any number after skip) → { id, reason }. */
export function skipsFromAnnotations(obj: IacObject): ResourceSkip[] {
  const annotations = isObject(obj.metadata) ? obj.metadata.annotations : undefined;
  if (!isObject(annotations)) return [];
  const out: ResourceSkip[] = [];
  for (const [key, value] of Object.entries(annotations)) {
    if (!/^checkov\.io\/skip\d*$/.test(key) || typeof value !== 'string') continue;
    const eq = value.indexOf('=');
    const id = (eq === -1 ? value : value.slice(0, eq)).trim();
    if (!id) continue;
    const reason = eq === -1 ? '' : value.slice(eq + 1).trim();
    out.push({ id, reason: `${key}: ${id}${reason ? `: ${reason}` : ''}` });
  }
  return out;
}

export interface ObjectPlacement {
  path: string;
  platform: KubernetesPlatform;
  line: number;
  endLine: number;
  lineOf: IacResource['lineOf'];
  addressSuffix?: string;
  /** Extra meta (the Kustomize overlay, the Helm release). */
  meta?: Record<string, unknown>;
}

/** One object as a resource (the object is the attributes, as is). */
export function objectResource(obj: IacObject, at: ObjectPlacement): IacResource {
  const kind = String(obj.kind);
  const metadata = isObject(obj.metadata) ? obj.metadata : {};
  const name = str(metadata.name) ?? str(metadata.generateName) ?? '';
  const declared = str(metadata.namespace);
  const clusterScoped = isClusterScoped(kind);
  const namespace = clusterScoped ? undefined : declared || 'default';
  const address = `${kind}/${name}${namespace ? ` (namespace ${namespace})` : ''}${at.addressSuffix ?? ''}`;
  const skips = skipsFromAnnotations(obj);
  return {
    model: 'kubernetes',
    platform: at.platform,
    type: kind,
    name,
    address,
    path: at.path,
    line: at.line,
    endLine: at.endLine,
    attributes: obj,
    lineOf: at.lineOf,
    ...(skips.length ? { skips } : {}),
    meta: { namespace, namespaceDeclared: declared !== undefined && declared !== '', apiVersion: obj.apiVersion, ...at.meta },
  };
}

/**
 * Parsed YAML/JSON documents as resources: documents without apiVersion/kind are skipped (they are
 * not Kubernetes objects), `kind: List` documents give one resource per item.
 */
export function kubernetesResources(docs: readonly ParsedDocument[], opts: KubernetesResourceOptions): IacResource[] {
  const out: IacResource[] = [];
  for (const doc of docs) {
    if (!isKubernetesObject(doc.value)) continue;
    const lineIn = (docPath: string): AttributeLine => {
      if (opts.lineOf) return opts.lineOf(doc, docPath);
      const line = doc.lines.get(docPath);
      return line === undefined ? undefined : { line };
    };
    const place = (prefix: string, line: number, endLine: number): ObjectPlacement => ({
      path: opts.path,
      platform: opts.platform,
      line,
      endLine,
      addressSuffix: opts.addressSuffix,
      lineOf: (p) => lineIn(!prefix ? p : !p ? prefix : p.startsWith('[') ? prefix + p : `${prefix}.${p}`),
    });
    const value = doc.value;
    if (/List$/.test(String(value.kind)) && Array.isArray(value.items)) {
      const items = value.items;
      items.forEach((item, i) => {
        if (!isKubernetesObject(item)) return;
        const prefix = joinPath('items', i);
        const line = lineIn(prefix)?.line ?? doc.line;
        const next = i + 1 < items.length ? lineIn(joinPath('items', i + 1))?.line : undefined;
        const endLine = next !== undefined && next > line ? next - 1 : doc.endLine;
        out.push(objectResource(item, place(prefix, line, endLine)));
      });
      continue;
    }
    out.push(objectResource(value, place('', doc.line, doc.endLine)));
  }
  return out;
}
