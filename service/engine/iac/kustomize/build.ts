// `kustomize build` for the common fields: resources and bases (files and folders with their own
// kustomization, recursively), components, generators, patches (strategic merge and JSON 6902) and
// the built-in transformers, in kustomize's order. Remote bases are never fetched: a warning names them.
import { parseJson } from '../parse/json';
import { parseYaml, type ParsedDocument } from '../parse/yaml';
import { isKubernetesObject } from '../kubernetes/resources';
import type { Warn } from '../../types';
import type { IacObject, IacValue } from '../types';
import { isObject, joinPath } from '../values';
import { addGenerated, generate } from './generators';
import { applyJsonPatch, type JsonPatchOp } from './json-patch';
import { strategicMerge } from './merge';
import { Provenance, type Origin } from './provenance';
import { addAnnotations, addLabels, kindOf, nameOf, namespaceOf, rename, setImages, setNamespace, setReplicas, type ImageRule, type KObject } from './transform';

export const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'] as const;

/** What the build reads the tree through. */
export interface KustomizeTree {
  text(path: string): string | undefined;
  has(path: string): boolean;
  /** `rel` against the folder `fromDir` as a tree path; undefined when it leaves the tree. */
  resolve(fromDir: string, rel: string): string | undefined;
  /** Whether any file of the tree lies under the folder. */
  isFolder(path: string): boolean;
  warn: Warn;
}

export interface BuildResult {
  objects: KObject[];
  prov: Provenance;
  /** Every file the build read (kustomizations, resources, patches, generator files). */
  consumed: Set<string>;
}

const MAX_DEPTH = 20;
const MAX_OBJECTS = 10_000;
/** Kustomizations one root may build (a base used twice is built twice: diamonds multiply). */
const MAX_BUILDS = 500;

const dirOf = (path: string): string => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '');
const strings = (v: IacValue | undefined): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** `https://…`, `git@…`, `github.com/org/repo//path?ref=v1`: kustomize fetches these; Vigil does not. */
export function isRemote(ref: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(ref) || /^git@/.test(ref) || /^(?:github\.com|gitlab\.com|bitbucket\.org)\//.test(ref) || /\?(?:ref|version|submodules)=/.test(ref);
}

/** The kustomization file of a folder, if it has one. */
export function kustomizationIn(tree: Pick<KustomizeTree, 'has'>, dir: string): string | undefined {
  for (const n of KUSTOMIZATION_NAMES) {
    const p = dir ? `${dir}/${n}` : n;
    if (tree.has(p)) return p;
  }
  return undefined;
}

/** Parses a YAML (or JSON) file into documents, with problems as warnings. */
function parseDocs(path: string, text: string, warn: Warn): ParsedDocument[] {
  if (/^\s*[{[]/.test(text)) {
    const parsed = parseJson(text);
    const first = parsed.problems[0];
    if (first) warn({ code: 'parse-error', path, message: `line ${first.line}: ${first.message}` });
    return parsed.value === undefined ? [] : [{ index: 0, value: parsed.value, lines: parsed.lines, line: 1, endLine: text.split('\n').length }];
  }
  const parsed = parseYaml(text);
  for (const p of parsed.problems) warn({ code: 'parse-error', path, message: `line ${p.line}: ${p.message}` });
  return parsed.documents;
}

/** The folders a kustomization file refers to (resources, bases, components), for finding the roots. */
export function referencedKustomizations(tree: KustomizeTree, file: string): string[] {
  const text = tree.text(file);
  if (text === undefined) return [];
  const doc = parseYaml(text).documents[0];
  if (!doc || !isObject(doc.value)) return [];
  const out: string[] = [];
  for (const ref of [...strings(doc.value.resources), ...strings(doc.value.bases), ...strings(doc.value.components)]) {
    if (isRemote(ref)) continue;
    const p = tree.resolve(dirOf(file), ref);
    const k = p === undefined ? undefined : kustomizationIn(tree, p);
    if (k) out.push(k);
  }
  return out;
}

interface Patch {
  /** Where the patch is written (a file, or the kustomization for inline patches). */
  file: string;
  docs: ParsedDocument[];
  offset: number;
}

class Builder {
  readonly prov = new Provenance();
  readonly consumed = new Set<string>();
  private readonly stack: string[] = [];
  private builds = 0;

  constructor(private readonly tree: KustomizeTree) {}

  private warn(path: string, message: string, code = 'parse-error'): void {
    this.tree.warn({ code, path, message });
  }

  /** Builds the kustomization in `file`; a component starts from the objects of the kustomization that uses it. */
  build(file: string, from: KObject[] = []): KObject[] {
    const dir = dirOf(file);
    if (this.stack.includes(file)) {
      this.warn(file, `kustomization cycle: ${[...this.stack, file].join(' → ')}`, 'kustomize-cycle');
      return from;
    }
    if (this.stack.length >= MAX_DEPTH) {
      this.warn(file, `kustomizations nested deeper than ${MAX_DEPTH}`, 'kustomize-depth');
      return from;
    }
    if (++this.builds > MAX_BUILDS) {
      if (this.builds === MAX_BUILDS + 1) this.warn(file, `more than ${MAX_BUILDS} kustomizations to build: the rest are not scanned`, 'kustomize-size');
      return from;
    }
    this.consumed.add(file);
    const text = this.tree.text(file);
    if (text === undefined) return from;
    const parsed = parseYaml(text);
    for (const p of parsed.problems) this.warn(file, `line ${p.line}: ${p.message}`);
    const doc = parsed.documents[0];
    if (!doc || !isObject(doc.value)) {
      if (parsed.documents.length || !parsed.problems.length) this.warn(file, 'the kustomization is not a map');
      return from;
    }
    const k = doc.value;
    const at = (path: string): Origin | undefined => {
      const line = doc.lines.get(path);
      return line === undefined ? undefined : { path: file, line };
    };
    this.stack.push(file);
    try {
      let objects = [...from];
      const refs = [
        ...strings(k.resources).map((r, i) => ({ ref: r, key: joinPath('resources', i) })),
        ...strings(k.bases).map((r, i) => ({ ref: r, key: joinPath('bases', i) })),
      ];
      const ids = new Set(objects.map(objectId));
      for (const { ref } of refs) {
        if (objects.length > MAX_OBJECTS) break;
        for (const o of this.resource(dir, file, ref)) {
          const id = objectId(o);
          // kustomize refuses the same object twice; keep the first and say so.
          if (ids.has(id)) this.warn(file, `${kindOf(o)} ${nameOf(o)} is listed twice (through ${ref})`, 'kustomize-duplicate');
          else {
            ids.add(id);
            objects.push(o);
          }
        }
      }
      for (const ref of strings(k.components)) objects = this.component(dir, file, ref, objects);
      this.generators(k, file, dir, doc, objects);
      for (const field of ['helmCharts', 'transformers', 'generators', 'replacements', 'vars', 'validators'] as const) {
        if (k[field] !== undefined && k[field] !== null) this.warn(file, `${field} are not evaluated: the resources are scanned without them`, 'unsupported');
      }
      if (objects.length > MAX_OBJECTS) {
        this.warn(file, `more than ${MAX_OBJECTS} objects: the rest are not scanned`, 'kustomize-size');
        objects = objects.slice(0, MAX_OBJECTS);
      }
      this.patchesStrategicMerge(k, file, dir, doc, objects);
      this.patches(k, 'patches', file, dir, doc, objects);
      if (typeof k.namespace === 'string' && k.namespace) setNamespace(objects, k.namespace, at('namespace'), this.prov);
      const prefix = typeof k.namePrefix === 'string' ? k.namePrefix : '';
      const suffix = typeof k.nameSuffix === 'string' ? k.nameSuffix : '';
      if (prefix || suffix) rename(objects, prefix, suffix, this.prov, at(prefix ? 'namePrefix' : 'nameSuffix'));
      if (isObject(k.commonLabels)) addLabels(objects, k.commonLabels, { selectors: true, templates: true }, this.prov, at('commonLabels'));
      if (Array.isArray(k.labels)) {
        k.labels.forEach((l, i) => {
          if (!isObject(l) || !isObject(l.pairs)) return;
          const selectors = l.includeSelectors === true;
          addLabels(objects, l.pairs, { selectors, templates: selectors || l.includeTemplates === true }, this.prov, at(joinPath('labels', i)));
        });
      }
      if (isObject(k.commonAnnotations)) addAnnotations(objects, k.commonAnnotations, this.prov, at('commonAnnotations'));
      this.patches(k, 'patchesJson6902', file, dir, doc, objects);
      if (Array.isArray(k.replicas)) {
        k.replicas.forEach((r, i) => {
          if (!isObject(r) || typeof r.name !== 'string') return;
          const count = typeof r.count === 'number' ? r.count : Number(r.count);
          if (!Number.isInteger(count)) return this.warn(file, `replicas entry ${r.name} has no count`);
          if (!setReplicas(objects, r.name, count, this.prov, at(joinPath(joinPath('replicas', i), 'count')))) this.warn(file, `replicas: no workload named ${r.name}`, 'kustomize-no-target');
        });
      }
      if (Array.isArray(k.images)) setImages(objects, this.imageRules(k.images, at), this.prov);
      return objects;
    } finally {
      this.stack.pop();
    }
  }

  private imageRules(images: IacValue[], at: (p: string) => Origin | undefined): ImageRule[] {
    const out: ImageRule[] = [];
    images.forEach((img, i) => {
      if (!isObject(img) || typeof img.name !== 'string') return;
      const base = joinPath('images', i);
      const str = (v: IacValue | undefined) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);
      const field = ['digest', 'newTag', 'newName'].find((f) => img[f] !== undefined) ?? 'name';
      out.push({ name: img.name, newName: str(img.newName), newTag: str(img.newTag), digest: str(img.digest), origin: at(joinPath(base, field)) ?? at(base) });
    });
    return out;
  }

  /** One entry of resources/bases: a file of objects, or a folder with its own kustomization. */
  private resource(dir: string, file: string, ref: string): KObject[] {
    if (isRemote(ref)) {
      this.warn(file, `remote base ${ref} is not fetched: its resources are not scanned`, 'kustomize-remote');
      return [];
    }
    const path = this.tree.resolve(dir, ref);
    if (path === undefined) {
      this.warn(file, `resource ${ref} is outside the repository`, 'kustomize-missing');
      return [];
    }
    const sub = kustomizationIn(this.tree, path);
    if (sub) return this.build(sub);
    if (this.tree.has(path)) return this.objectsOf(path);
    this.warn(file, this.tree.isFolder(path) ? `folder ${ref} has no kustomization` : `resource ${ref} is not in the repository`, 'kustomize-missing');
    return [];
  }

  private component(dir: string, file: string, ref: string, objects: KObject[]): KObject[] {
    if (isRemote(ref)) {
      this.warn(file, `remote component ${ref} is not fetched`, 'kustomize-remote');
      return objects;
    }
    const path = this.tree.resolve(dir, ref);
    const sub = path === undefined ? undefined : kustomizationIn(this.tree, path);
    if (!sub) {
      this.warn(file, `component ${ref} has no kustomization`, 'kustomize-missing');
      return objects;
    }
    return this.build(sub, objects);
  }

  /** The Kubernetes objects of a manifest file (documents without apiVersion/kind are left out). */
  private objectsOf(path: string): KObject[] {
    this.consumed.add(path);
    const text = this.tree.text(path);
    if (text === undefined) return [];
    const out: KObject[] = [];
    for (const doc of parseDocs(path, text, this.tree.warn)) {
      const v = doc.value;
      if (!isKubernetesObject(v)) continue;
      const items = /List$/.test(String(v.kind)) && Array.isArray(v.items) ? v.items.map((item, i) => ({ item, prefix: joinPath('items', i) })) : [{ item: v, prefix: '' }];
      items.forEach(({ item, prefix }, i) => {
        if (!isKubernetesObject(item)) return;
        this.prov.track(item, doc.lines, path, prefix);
        const line = doc.lines.get(prefix) ?? doc.line;
        const next = prefix && i + 1 < items.length ? doc.lines.get(items[i + 1].prefix) : undefined;
        const name = isObject(item.metadata) && typeof item.metadata.name === 'string' ? item.metadata.name : '';
        out.push({ value: item, file: path, line, endLine: next !== undefined && next > line ? next - 1 : doc.endLine, names: [name] });
      });
    }
    return out;
  }

  private generators(k: IacObject, file: string, dir: string, doc: ParsedDocument, objects: KObject[]): void {
    for (const [field, kind] of [
      ['configMapGenerator', 'ConfigMap'],
      ['secretGenerator', 'Secret'],
    ] as const) {
      const entries = k[field];
      if (!Array.isArray(entries)) continue;
      entries.forEach((entry, i) => {
        if (!isObject(entry)) return;
        const line = doc.lines.get(joinPath(field, i)) ?? doc.line;
        const warn = (m: string) => this.warn(file, `${field}: ${m}`, 'kustomize-generator');
        const generated = generate(
          {
            kind,
            entry,
            options: isObject(k.generatorOptions) ? k.generatorOptions : undefined,
            file,
            origin: { path: file, line },
            readFile: (rel) => {
              const p = this.tree.resolve(dir, rel);
              if (p === undefined) return undefined;
              this.consumed.add(p);
              return this.tree.text(p);
            },
            warn,
          },
          this.prov,
        );
        if (generated) addGenerated(objects, generated, entry.behavior, warn);
      });
    }
  }

  /** A patch given as a file path or inline text (an inline patch's lines are lines of the kustomization). */
  private patchSource(file: string, dir: string, doc: ParsedDocument, entryPath: string, source: { path?: IacValue; patch?: IacValue }): Patch | undefined {
    if (typeof source.path === 'string') {
      const p = this.tree.resolve(dir, source.path);
      const text = p === undefined ? undefined : this.tree.text(p);
      if (p === undefined || text === undefined) {
        this.warn(file, `patch ${source.path} is not in the repository`, 'kustomize-missing');
        return undefined;
      }
      this.consumed.add(p);
      return { file: p, docs: parseDocs(p, text, this.tree.warn), offset: 0 };
    }
    if (typeof source.patch === 'string') {
      const keyLine = doc.lines.get(entryPath) ?? doc.line;
      const kustText = this.tree.text(file) ?? '';
      const keyText = kustText.split('\n')[keyLine - 1] ?? '';
      // A block scalar (`patch: |-`) starts on the next line; a quoted one on the key's line.
      const offset = /[|>][-+]?\d*\s*$/.test(keyText) ? keyLine : keyLine - 1;
      return { file, docs: parseDocs(file, source.patch, this.tree.warn), offset };
    }
    return undefined;
  }

  private patchesStrategicMerge(k: IacObject, file: string, dir: string, doc: ParsedDocument, objects: KObject[]): void {
    if (!Array.isArray(k.patchesStrategicMerge)) return;
    k.patchesStrategicMerge.forEach((entry, i) => {
      if (typeof entry !== 'string') return;
      const resolved = this.tree.resolve(dir, entry);
      const inline = entry.includes('\n') || resolved === undefined || !this.tree.has(resolved);
      const source = this.patchSource(file, dir, doc, joinPath('patchesStrategicMerge', i), inline ? { patch: entry } : { path: entry });
      if (source) this.applyPatch(source, undefined, file, objects);
    });
  }

  /** `patches` (strategic merge or JSON 6902, with optional target) and the legacy `patchesJson6902`. */
  private patches(k: IacObject, field: 'patches' | 'patchesJson6902', file: string, dir: string, doc: ParsedDocument, objects: KObject[]): void {
    const list = k[field];
    if (!Array.isArray(list)) return;
    list.forEach((entry, i) => {
      if (!isObject(entry)) return;
      const base = joinPath(field, i);
      const source = this.patchSource(file, dir, doc, joinPath(base, 'patch'), { path: entry.path, patch: entry.patch });
      if (!source) return this.warn(file, `${base} has neither path nor patch`);
      this.applyPatch(source, isObject(entry.target) ? entry.target : undefined, file, objects);
    });
  }

  private applyPatch(source: Patch, target: IacObject | undefined, file: string, objects: KObject[]): void {
    for (const pdoc of source.docs) {
      this.prov.track(pdoc.value, pdoc.lines, source.file, '', source.offset);
      if (Array.isArray(pdoc.value)) {
        if (!target) {
          this.warn(file, `the JSON patch in ${source.file} has no target`, 'kustomize-no-target');
          continue;
        }
        const ops = this.jsonOps(pdoc, source);
        const matched = objects.filter((o) => matchesTarget(o, target));
        if (!matched.length) this.warn(file, `no object matches the target of the patch in ${source.file}`, 'kustomize-no-target');
        for (const o of matched) {
          const copy = this.prov.clone(o.value);
          try {
            applyJsonPatch(copy, ops, this.prov);
            o.value = copy;
          } catch (err) {
            this.warn(source.file, `patch not applied to ${kindOf(o)}/${nameOf(o)}: ${err instanceof Error ? err.message : String(err)}`, 'kustomize-patch');
          }
        }
        continue;
      }
      if (!isObject(pdoc.value)) continue;
      const patch = pdoc.value;
      const matched = target ? objects.filter((o) => matchesTarget(o, target)) : objects.filter((o) => matchesPatch(o, patch));
      if (!matched.length) this.warn(file, `no object matches the patch in ${source.file}`, 'kustomize-no-target');
      if (patch.$patch === 'delete') {
        for (const o of matched) objects.splice(objects.indexOf(o), 1);
        continue;
      }
      const body = withoutIdentity(patch, this.prov);
      for (const o of matched) strategicMerge(o.value, body, this.prov);
    }
  }

  private jsonOps(pdoc: ParsedDocument, source: Patch): JsonPatchOp[] {
    const ops: JsonPatchOp[] = [];
    (pdoc.value as IacValue[]).forEach((op, i) => {
      if (!isObject(op)) return;
      const line = pdoc.lines.get(joinPath(joinPath('', i), op.value !== undefined ? 'value' : 'op')) ?? pdoc.lines.get(joinPath('', i));
      ops.push({
        op: String(op.op ?? ''),
        path: String(op.path ?? ''),
        ...(typeof op.from === 'string' ? { from: op.from } : {}),
        ...(op.value !== undefined ? { value: op.value } : {}),
        ...(line !== undefined ? { origin: { path: source.file, line: line + source.offset } } : {}),
      });
    });
    return ops;
  }
}

const objectId = (o: KObject): string => `${kindOf(o)}/${namespaceOf(o) ?? ''}/${nameOf(o)}`;

/** The patch without the fields that name its target (merging them would rename the object). */
function withoutIdentity(patch: IacObject, prov: Provenance): IacObject {
  const body: IacObject = {};
  for (const [k, v] of Object.entries(patch)) if (k !== 'apiVersion' && k !== 'kind') body[k] = v;
  for (const k of Object.keys(body)) prov.setKey(body, k, prov.keyOrigin(patch, k));
  if (isObject(patch.metadata)) {
    const meta: IacObject = {};
    for (const [k, v] of Object.entries(patch.metadata)) if (k !== 'name' && k !== 'namespace') meta[k] = v;
    for (const k of Object.keys(meta)) prov.setKey(meta, k, prov.keyOrigin(patch.metadata, k));
    body.metadata = meta;
  }
  return body;
}

function matchesPatch(o: KObject, patch: IacObject): boolean {
  const meta = isObject(patch.metadata) ? patch.metadata : {};
  if (patch.kind !== kindOf(o) || typeof meta.name !== 'string' || !o.names.includes(meta.name)) return false;
  return typeof meta.namespace !== 'string' || meta.namespace === (namespaceOf(o) ?? 'default') || namespaceOf(o) === undefined;
}

/** kustomize's target selector: group, version, kind, name and namespace (regular expressions), label and annotation selectors. */
export function matchesTarget(o: KObject, target: IacObject): boolean {
  const apiVersion = String(o.value.apiVersion ?? '');
  const slash = apiVersion.indexOf('/');
  const group = slash === -1 ? '' : apiVersion.slice(0, slash);
  const version = slash === -1 ? apiVersion : apiVersion.slice(slash + 1);
  const test = (pattern: IacValue | undefined, values: readonly string[]) => {
    if (typeof pattern !== 'string' || pattern === '') return true;
    let re: RegExp | undefined;
    try {
      re = new RegExp(`^(?:${pattern})$`);
    } catch {
      re = undefined;
    }
    return values.some((v) => (re ? re.test(v) : v === pattern));
  };
  const meta = isObject(o.value.metadata) ? o.value.metadata : {};
  return (
    test(target.group, [group]) &&
    test(target.version, [version]) &&
    test(target.kind, [kindOf(o)]) &&
    test(target.name, o.names) &&
    test(target.namespace, [namespaceOf(o) ?? 'default']) &&
    selects(target.labelSelector, meta.labels) &&
    selects(target.annotationSelector, meta.annotations)
  );
}

/** `app=web,tier!=db,env in (a,b)`-style selectors; equality and inequality terms, set terms, existence. */
function selects(selector: IacValue | undefined, labels: IacValue | undefined): boolean {
  if (typeof selector !== 'string' || !selector.trim()) return true;
  const map = isObject(labels) ? labels : {};
  const terms = selector.match(/[^,(]+(?:\([^)]*\))?/g) ?? [];
  return terms.every((raw) => {
    const term = raw.trim();
    let m = /^([^!=\s]+)\s*(==|=|!=)\s*(.*)$/.exec(term);
    if (m) return m[2] === '!=' ? String(map[m[1]] ?? '') !== m[3].trim() : String(map[m[1]] ?? '\u0000') === m[3].trim();
    m = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(term);
    if (m) {
      const set = m[3].split(',').map((s) => s.trim());
      const has = m[1] in map && set.includes(String(map[m[1]]));
      return m[2] === 'in' ? has : !has;
    }
    if (term.startsWith('!')) return !(term.slice(1) in map);
    return term in map;
  });
}

/** Builds one kustomization (a root: an overlay or a kustomization nobody refers to). */
export function buildKustomization(tree: KustomizeTree, file: string): BuildResult {
  const builder = new Builder(tree);
  const objects = builder.build(file);
  return { objects, prov: builder.prov, consumed: builder.consumed };
}

export type { KObject } from './transform';
