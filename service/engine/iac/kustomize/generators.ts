// configMapGenerator and secretGenerator: ConfigMaps and Secrets built from literals, files and env
// files (without the name hash suffix kustomize adds: the rules read contents, not names).
import type { IacObject, IacValue } from '../types';
import { isObject } from '../values';
import type { Provenance, Origin } from './provenance';
import { kindOf, namespaceOf, type KObject } from './transform';

export interface GeneratorInput {
  kind: 'ConfigMap' | 'Secret';
  entry: IacObject;
  /** generatorOptions of the kustomization. */
  options: IacObject | undefined;
  /** The kustomization file and the entry's line in it. */
  file: string;
  origin: Origin;
  /** A file of the generator, relative to the kustomization's folder (undefined: not in the tree). */
  readFile(rel: string): string | undefined;
  warn(message: string): void;
}

const strings = (v: IacValue | undefined): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);

const unquote = (v: string): string => (/^(["']).*\1$/s.test(v) ? v.slice(1, -1) : v);

/** KEY=VALUE lines of an env file (comments and blank lines skipped). */
export function envFile(text: string): [string, string][] {
  const out: [string, string][] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    out.push([line.slice(0, eq).trim(), unquote(line.slice(eq + 1).trim())]);
  }
  return out;
}

/** The generated object's data (keys in order), from literals, env files and files. */
function generatedData(input: GeneratorInput): Map<string, string> {
  const data = new Map<string, string>();
  for (const lit of strings(input.entry.literals)) {
    const eq = lit.indexOf('=');
    if (eq <= 0) input.warn(`literal "${lit.slice(0, 40)}" is not KEY=VALUE`);
    else data.set(lit.slice(0, eq), unquote(lit.slice(eq + 1)));
  }
  for (const rel of [...strings(input.entry.envs), ...strings(input.entry.env)]) {
    const text = input.readFile(rel);
    if (text === undefined) input.warn(`env file ${rel} is not in the tree`);
    else for (const [k, v] of envFile(text)) data.set(k, v);
  }
  for (const spec of strings(input.entry.files)) {
    const eq = spec.indexOf('=');
    const key = eq > 0 ? spec.slice(0, eq) : spec.slice(spec.lastIndexOf('/') + 1);
    const rel = eq > 0 ? spec.slice(eq + 1) : spec;
    const text = input.readFile(rel);
    if (text === undefined) input.warn(`file ${rel} is not in the tree`);
    else data.set(key, text);
  }
  return data;
}

const toBase64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

/** The object an entry generates. */
export function generate(input: GeneratorInput, prov: Provenance): KObject | undefined {
  const name = input.entry.name;
  if (typeof name !== 'string' || !name) {
    input.warn(`a ${input.kind} generator entry has no name`);
    return undefined;
  }
  const data = generatedData(input);
  const options = { ...(isObject(input.options) ? input.options : {}), ...(isObject(input.entry.options) ? input.entry.options : {}) };
  const metadata: IacObject = { name };
  if (typeof input.entry.namespace === 'string') metadata.namespace = input.entry.namespace;
  if (isObject(options.labels)) metadata.labels = { ...options.labels };
  if (isObject(options.annotations)) metadata.annotations = { ...options.annotations };
  const dataMap: IacObject = {};
  for (const [k, v] of data) dataMap[k] = input.kind === 'Secret' ? toBase64(v) : v;
  const value: IacObject = { apiVersion: 'v1', kind: input.kind, metadata };
  if (input.kind === 'Secret') value.type = typeof input.entry.type === 'string' ? input.entry.type : 'Opaque';
  value.data = dataMap;
  prov.setNode(value, input.origin);
  for (const k of Object.keys(value)) prov.setKey(value, k, input.origin);
  return { value, file: input.file, line: input.origin.line, endLine: input.origin.line, names: [name] };
}

/** Adds a generated object to the list by its behavior: create (default), merge into or replace an existing one. */
export function addGenerated(objects: KObject[], generated: KObject, behavior: IacValue | undefined, warn: (m: string) => void): void {
  const same = (o: KObject) => kindOf(o) === kindOf(generated) && o.names.includes(generated.names[0]) && namespaceOf(o) === namespaceOf(generated);
  const at = objects.findIndex(same);
  if (behavior === 'merge' || behavior === 'replace') {
    if (at === -1) {
      warn(`${kindOf(generated)} ${generated.names[0]}: behavior ${behavior} but no such object in the bases`);
      objects.push(generated);
      return;
    }
    if (behavior === 'replace') objects[at] = generated;
    else {
      const existing = objects[at].value;
      existing.data = { ...(isObject(existing.data) ? existing.data : {}), ...(generated.value.data as IacObject) };
    }
    return;
  }
  if (at !== -1) warn(`${kindOf(generated)} ${generated.names[0]} is generated twice`);
  objects.push(generated);
}
