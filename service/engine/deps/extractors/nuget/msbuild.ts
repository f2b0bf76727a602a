// The little of MSBuild the PackageReference extractor needs: a project or props file's properties,
// `$(Name)` expansion when it is simple (unconditional properties only, bounded depth), and the
// nearest Directory.Packages.props / Directory.Build.props above a project, read through the tree.
// Names are case-insensitive in MSBuild: files are parsed with lower-cased element and attribute names.
import type { Warn } from '../../../types';
import type { TreeReader } from '../../../inventory';
import { errorLine } from '../../../error-text';
import { attribute, childElement, childElements, childNames, parseXml, textOf, type XmlDocument, type XmlElement } from '../xml';

/** A property's value, or `conditional` when some definition depends on a Condition (not evaluated). */
export type PropertyValue = { value: string } | { conditional: true };

export interface MsbuildFile {
  path: string;
  doc: XmlDocument;
  project: XmlElement;
  /** By lower-cased name; the last unconditional definition wins. */
  properties: Map<string, PropertyValue>;
}

/** Parses an MSBuild file (throws on malformed XML or a file without <Project>). */
export function readMsbuild(path: string, text: string): MsbuildFile {
  const doc = parseXml(text, true);
  const project = childElement(doc.top, 'project');
  if (!project) throw new Error('no <Project> element');
  return { path, doc, project, properties: propertiesOf(project) };
}

function propertiesOf(project: XmlElement): Map<string, PropertyValue> {
  const properties = new Map<string, PropertyValue>();
  for (const group of childElements(project, 'propertygroup')) {
    const groupConditional = attribute(group, 'condition') !== undefined;
    for (const name of childNames(group)) {
      for (const element of childElements(group, name)) {
        const known = properties.get(name);
        if (known && 'conditional' in known) continue;
        const conditional = groupConditional || attribute(element, 'condition') !== undefined;
        properties.set(name, conditional ? { conditional: true } : { value: textOf(element) });
      }
    }
  }
  return properties;
}

/** Later maps win (MSBuild's order: Directory.Build.props, Directory.Packages.props, the project). */
export function mergeProperties(...maps: (Map<string, PropertyValue> | undefined)[]): Map<string, PropertyValue> {
  const merged = new Map<string, PropertyValue>();
  for (const map of maps) for (const [k, v] of map ?? []) merged.set(k, v);
  return merged;
}

const MAX_EXPANSION_DEPTH = 8;
const MAX_EXPANDED_CHARS = 1024;

/**
 * `value` with every `$(Name)` replaced; undefined when one is unknown, conditional, a function call,
 * cyclic, nested too deep or too long. Each property is expanded once per call (a hostile file whose
 * properties each name another many times would otherwise cost exponential time).
 */
export function expandProperties(value: string, properties: ReadonlyMap<string, PropertyValue>): string | undefined {
  const expanded = new Map<string, string | undefined>();
  const expanding = new Set<string>();
  const expand = (text: string, depth: number): string | undefined => {
    if (!text.includes('$(')) return text;
    if (depth >= MAX_EXPANSION_DEPTH) return undefined;
    let unresolved = false;
    const out = text.replace(/\$\(([^)]*)\)/g, (_whole, raw: string) => {
      const inner = unresolved ? undefined : property(raw.trim(), depth);
      if (inner === undefined) unresolved = true;
      return inner ?? '';
    });
    return unresolved || out.includes('$(') || out.length > MAX_EXPANDED_CHARS ? undefined : out;
  };
  const property = (name: string, depth: number): string | undefined => {
    if (!/^[A-Za-z_][\w.-]*$/.test(name)) return undefined;
    const key = name.toLowerCase();
    if (expanded.has(key)) return expanded.get(key);
    const defined = properties.get(key);
    if (!defined || !('value' in defined) || expanding.has(key)) return undefined;
    expanding.add(key);
    const out = expand(defined.value, depth + 1);
    expanding.delete(key);
    expanded.set(key, out);
    return out;
  };
  return expand(value, 0);
}

// ---- files above a project, read once per tree ----

const propsIndex = new WeakMap<TreeReader, Map<string, string>>();
const parsed = new WeakMap<TreeReader, Map<string, MsbuildFile | null>>();
const PROPS_FILE = /(^|\/)directory\.(packages|build)\.props$/i;

/** The tree's Directory.Packages.props and Directory.Build.props files by lower-cased path (their names vary in case). */
function propsFilesOf(tree: TreeReader): Map<string, string> {
  let index = propsIndex.get(tree);
  if (!index) {
    index = new Map();
    for (const f of tree.files) if (PROPS_FILE.test(f.path) && !index.has(f.path.toLowerCase())) index.set(f.path.toLowerCase(), f.path);
    propsIndex.set(tree, index);
  }
  return index;
}

/** The nearest `fileName` (Directory.Packages.props or Directory.Build.props) in `path`'s folder or any folder above it, inside the tree. */
export function nearestAbove(tree: TreeReader, path: string, fileName: 'Directory.Packages.props' | 'Directory.Build.props'): string | undefined {
  const index = propsFilesOf(tree);
  const parts = path.split('/').slice(0, -1);
  for (let n = parts.length; n >= 0; n--) {
    const candidate = [...parts.slice(0, n), fileName].join('/').toLowerCase();
    const found = index.get(candidate);
    if (found !== undefined) return found;
  }
  return undefined;
}

function cacheOf(tree: TreeReader): Map<string, MsbuildFile | null> {
  let cache = parsed.get(tree);
  if (!cache) parsed.set(tree, (cache = new Map()));
  return cache;
}

/**
 * The file being extracted. A props file is parsed once per tree (projects read it too): it throws
 * when broken, unless a project's read of it has already warned, and then it is empty.
 */
export function extractedMsbuild(tree: TreeReader, path: string, text: string): MsbuildFile | undefined {
  if (!PROPS_FILE.test(path)) return readMsbuild(path, text);
  const cache = cacheOf(tree);
  if (cache.has(path)) return cache.get(path) ?? undefined;
  try {
    const file = readMsbuild(path, text);
    cache.set(path, file);
    return file;
  } catch (err) {
    cache.set(path, null);
    throw err;
  }
}

/** An MSBuild file of the tree, parsed once per tree; a broken one warns once (with its own path) and reads as undefined. */
export function readTreeMsbuild(tree: TreeReader, path: string, warn: Warn): MsbuildFile | undefined {
  const cache = cacheOf(tree);
  if (cache.has(path)) return cache.get(path) ?? undefined;
  let file: MsbuildFile | null = null;
  const text = tree.readText(path);
  if (text !== undefined) {
    try {
      file = readMsbuild(path, text);
    } catch (err) {
      warn({ code: 'parse-error', path, message: `nuget/package-reference could not read this file: ${errorLine(err)}` });
    }
  }
  cache.set(path, file);
  return file ?? undefined;
}
