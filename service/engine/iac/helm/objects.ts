// The built-in objects Helm hands to templates: .Chart, .Release, .Capabilities, .Files, .Template.
import { goFunc, type GoFunction } from './gotemplate/functions';
import { GoStruct, isMap, newMap, type GoMap } from './gotemplate/values';
import { toGoYaml } from './functions/goyaml';

export const KUBE_VERSION = { version: 'v1.30.0', major: '1', minor: '30' };
export const HELM_VERSION = 'v3.16.0';

/** A Go method: a function-valued field of a GoStruct, with its signature. */
function method(fn: GoFunction): (...args: unknown[]) => unknown {
  const f = (...args: unknown[]): unknown => fn.call(args, { include: () => '', tpl: () => '' });
  return Object.assign(f, { goFunction: fn });
}

/** API groups/versions a stock cluster of KUBE_VERSION serves (plus "group/version/Kind" forms). */
const API_VERSIONS = [
  'v1',
  'admissionregistration.k8s.io/v1',
  'apiextensions.k8s.io/v1',
  'apiregistration.k8s.io/v1',
  'apps/v1',
  'authentication.k8s.io/v1',
  'authorization.k8s.io/v1',
  'autoscaling/v1',
  'autoscaling/v2',
  'batch/v1',
  'certificates.k8s.io/v1',
  'coordination.k8s.io/v1',
  'discovery.k8s.io/v1',
  'events.k8s.io/v1',
  'flowcontrol.apiserver.k8s.io/v1',
  'flowcontrol.apiserver.k8s.io/v1beta3',
  'networking.k8s.io/v1',
  'node.k8s.io/v1',
  'policy/v1',
  'rbac.authorization.k8s.io/v1',
  'scheduling.k8s.io/v1',
  'storage.k8s.io/v1',
];
const API_KINDS: Record<string, string[]> = {
  v1: ['ConfigMap', 'Secret', 'Service', 'ServiceAccount', 'Pod', 'PersistentVolumeClaim', 'PersistentVolume', 'Namespace', 'Endpoints'],
  'apps/v1': ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'],
  'batch/v1': ['Job', 'CronJob'],
  'networking.k8s.io/v1': ['Ingress', 'IngressClass', 'NetworkPolicy'],
  'policy/v1': ['PodDisruptionBudget'],
  'autoscaling/v2': ['HorizontalPodAutoscaler'],
  'autoscaling/v1': ['HorizontalPodAutoscaler'],
  'rbac.authorization.k8s.io/v1': ['Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding'],
  'storage.k8s.io/v1': ['StorageClass', 'CSIDriver'],
  'admissionregistration.k8s.io/v1': ['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration'],
  'apiextensions.k8s.io/v1': ['CustomResourceDefinition'],
  'scheduling.k8s.io/v1': ['PriorityClass'],
};

export function capabilities(): GoStruct {
  const versions = new Set(API_VERSIONS);
  for (const [gv, kinds] of Object.entries(API_KINDS)) for (const k of kinds) versions.add(`${gv}/${k}`);
  const kube = new GoStruct(
    '*chartutil.KubeVersion',
    { Version: KUBE_VERSION.version, Major: KUBE_VERSION.major, Minor: KUBE_VERSION.minor, GitVersion: method(goFunc('', () => KUBE_VERSION.version)) },
    () => KUBE_VERSION.version,
  );
  const apiVersions = new GoStruct('chartutil.VersionSet', { Has: method(goFunc('s', ([v]) => versions.has(v as string))) }, () => `[${[...versions].join(' ')}]`);
  const helm = new GoStruct('chartutil.BuildInfo', { Version: HELM_VERSION, GitCommit: '', GitTreeState: 'clean', GoVersion: 'go1.22.0' });
  return new GoStruct('*chartutil.Capabilities', { KubeVersion: kube, APIVersions: apiVersions, HelmVersion: helm });
}

export function release(name: string, namespace: string): GoMap {
  return { Name: name, Namespace: namespace, IsUpgrade: false, IsInstall: true, Revision: 1n, Service: 'Helm' };
}

const METADATA_FIELDS: [string, string][] = [
  ['name', 'Name'],
  ['home', 'Home'],
  ['sources', 'Sources'],
  ['version', 'Version'],
  ['description', 'Description'],
  ['keywords', 'Keywords'],
  ['maintainers', 'Maintainers'],
  ['icon', 'Icon'],
  ['apiVersion', 'APIVersion'],
  ['condition', 'Condition'],
  ['tags', 'Tags'],
  ['appVersion', 'AppVersion'],
  ['deprecated', 'Deprecated'],
  ['annotations', 'Annotations'],
  ['kubeVersion', 'KubeVersion'],
  ['dependencies', 'Dependencies'],
  ['type', 'Type'],
];
const STRING_FIELDS = new Set(['Name', 'Home', 'Version', 'Description', 'Icon', 'APIVersion', 'Condition', 'Tags', 'AppVersion', 'KubeVersion', 'Type']);

function capitaliseKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(capitaliseKeys);
  if (!isMap(v)) return v;
  const out = newMap();
  for (const [k, x] of Object.entries(v)) out[k === 'url' ? 'URL' : k.charAt(0).toUpperCase() + k.slice(1)] = x;
  return out;
}

/** .Chart: chart.Metadata, with Chart.yaml's keys as Go field names. Versions are strings even when YAML reads a number. */
export function chartMetadata(chartYaml: GoMap): GoStruct {
  const fields: Record<string, unknown> = {};
  for (const [yamlKey, field] of METADATA_FIELDS) {
    const v = chartYaml[yamlKey];
    if (STRING_FIELDS.has(field)) fields[field] = v === null || v === undefined ? '' : typeof v === 'string' ? v : String(v);
    else if (field === 'Deprecated') fields[field] = v === true;
    else if (field === 'Maintainers' || field === 'Dependencies') fields[field] = Array.isArray(v) ? v.map(capitaliseKeys) : null;
    else fields[field] = v ?? null;
  }
  return new GoStruct('*chart.Metadata', fields);
}

/** Glob in gobwas/glob's syntax with '/' as separator. */
export function globToRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      re += '.*';
      i++;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const end = pattern.indexOf('}', i);
      if (end < 0) re += '\\{';
      else {
        re += '(' + pattern.slice(i + 1, end).split(',').map((s) => s.replace(/[.+^$()|\\[\]]/g, '\\$&').replace(/\*/g, '[^/]*')).join('|') + ')';
        i = end;
      }
    } else if (c === '[') {
      const end = pattern.indexOf(']', i);
      if (end < 0) re += '\\[';
      else {
        re += '[' + pattern.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\') + ']';
        i = end;
      }
    } else re += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  return new RegExp('^' + re + '$');
}

/** .Files: chart files outside templates/, with Helm's methods. */
export function filesObject(files: Map<string, string>): GoStruct {
  const get = (name: string): string => files.get(name) ?? '';
  return new GoStruct('chart.Files', {
    Get: method(goFunc('s', ([n]) => get(n as string))),
    GetBytes: method(goFunc('s', ([n]) => get(n as string))),
    Lines: method(
      goFunc('s', ([n]) => {
        const s = get(n as string);
        if (s === '') return [];
        return (s.endsWith('\n') ? s.slice(0, -1) : s).split('\n');
      }),
    ),
    Glob: method(
      goFunc('s', ([p]) => {
        const re = globToRegExp(p as string);
        return filesObject(new Map([...files].filter(([k]) => re.test(k))));
      }),
    ),
    AsConfig: method(
      goFunc('', () => {
        const m = newMap();
        for (const [k, v] of files) m[k.slice(k.lastIndexOf('/') + 1)] = v;
        return Object.keys(m).length ? toGoYaml(m) : '';
      }),
    ),
    AsSecrets: method(
      goFunc('', () => {
        const m = newMap();
        for (const [k, v] of files) m[k.slice(k.lastIndexOf('/') + 1)] = Buffer.from(v, 'utf8').toString('base64');
        return Object.keys(m).length ? toGoYaml(m) : '';
      }),
    ),
  });
}
