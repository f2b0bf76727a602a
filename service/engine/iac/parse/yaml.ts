// YAML documents as IaC values with the line of every attribute path, in one walk of yaml's
// Document tree. Custom tags (CloudFormation's !Ref, !Sub...) are kept on the nodes by yaml even
// when it cannot resolve them: a `tag` handler turns them into values (`{Ref: 'X'}`). Aliases are
// followed within a node budget, so an alias bomb stops with a warning instead of exhausting memory.
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, visit, type Alias, type Document, type Node as YamlNode } from 'yaml';
import type { IacObject, IacValue } from '../types';
import { joinPath } from '../values';

export interface ParsedDocument {
  /** 0-based index of the document in the file. */
  index: number;
  value: IacValue;
  /** Line of each attribute path (`spec.template.spec.containers[0].image`); '' is the document. */
  lines: Map<string, number>;
  line: number;
  endLine: number;
}

export interface YamlProblem {
  line: number;
  message: string;
}

export interface YamlOptions {
  /** Turns a tagged node's plain value into what the platform means by it; undefined keeps the plain value. */
  tag?: (tag: string, value: IacValue) => IacValue | undefined;
  /** Nodes one file may expand to, aliases included (default 1,000,000). */
  maxNodes?: number;
  /** Nesting depth (default 200). */
  maxDepth?: number;
}

export interface ParsedYaml {
  documents: ParsedDocument[];
  /** Syntax errors and bounds hit; the documents before the problem are still returned. */
  problems: YamlProblem[];
}

class Budget extends Error {}

export function parseYaml(text: string, options: YamlOptions = {}): ParsedYaml {
  const lineCounter = new LineCounter();
  const problems: YamlProblem[] = [];
  let docs: Document.Parsed[];
  // yaml reports every custom tag (CloudFormation's !Ref, !Sub...) as a warning, an Error object:
  // capturing a stack trace for each is a good part of parsing a template, and no one reads them.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    docs = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: false, strict: false }) as Document.Parsed[];
  } catch (err) {
    return { documents: [], problems: [{ line: 1, message: err instanceof Error ? err.message : String(err) }] };
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
  if (!Array.isArray(docs)) docs = [docs as unknown as Document.Parsed];
  const lineAt = (offset: number | undefined): number => (offset === undefined ? 1 : lineCounter.linePos(offset).line);
  const maxNodes = options.maxNodes ?? 1_000_000;
  const maxDepth = options.maxDepth ?? 200;
  let nodes = 0;
  const documents: ParsedDocument[] = [];
  for (const [index, doc] of docs.entries()) {
    if (doc.errors.length) {
      // The first error says what is wrong; the ones after it mostly follow from it.
      const [first] = doc.errors;
      const more = doc.errors.length > 1 ? ` (and ${doc.errors.length - 1} more error${doc.errors.length > 2 ? 's' : ''} after it)` : '';
      problems.push({ line: lineAt(first.pos?.[0]), message: `${first.message.split('\n')[0]}${more}` });
      continue;
    }
    if (doc.contents === null) continue;
    const lines = new Map<string, number>();
    const resolveAlias = aliasResolver(doc);
    // `lined`: the path's line is set already (a map's value has its key's line).
    const convert = (node: unknown, path: string, depth: number, lined = false): IacValue => {
      if (++nodes > maxNodes) throw new Budget(`more than ${maxNodes} YAML nodes (aliases expanded)`);
      if (depth > maxDepth) throw new Budget(`nested deeper than ${maxDepth}`);
      if (isAlias(node)) {
        const target = resolveAlias(node);
        return target ? convert(target, path, depth + 1) : null;
      }
      const n = node as YamlNode;
      if (!lined && n?.range && !lines.has(path)) lines.set(path, lineAt(n.range[0]));
      let value: IacValue;
      if (isScalar(n)) {
        const v = n.value;
        value = v === undefined ? null : v instanceof Date ? v.toISOString() : typeof v === 'bigint' ? Number(v) : (v as IacValue);
        if (typeof value === 'object' && value !== null && !Array.isArray(value)) value = String(n.source ?? '');
      } else if (isSeq(n)) {
        value = n.items.map((item, i) => convert(item, joinPath(path, i), depth + 1));
      } else if (isMap(n)) {
        const obj: IacObject = {};
        for (const pair of n.items) {
          if (!isPair(pair)) continue;
          const k = pair.key;
          const key = isScalar(k) ? String(k.value ?? '') : isAlias(k) ? String((resolveAlias(k) as { value?: unknown } | undefined)?.value ?? '') : String(k);
          if (key === '<<' && pair.value) {
            // Merge keys: the merged maps' entries, never overriding keys of this map.
            const merged = convert(pair.value, path, depth + 1);
            for (const m of Array.isArray(merged) ? merged : [merged]) {
              if (m && typeof m === 'object' && !Array.isArray(m)) for (const [mk, mv] of Object.entries(m)) if (!(mk in obj)) obj[mk] = mv;
            }
            continue;
          }
          const childPath = joinPath(path, key);
          const keyRange = k ? (k as YamlNode).range : undefined;
          if (keyRange) lines.set(childPath, lineAt(keyRange[0]));
          obj[key] = pair.value === null || pair.value === undefined ? null : convert(pair.value, childPath, depth + 1, Boolean(keyRange));
        }
        value = obj;
      } else {
        value = null;
      }
      const tag = (n as { tag?: string })?.tag;
      if (tag && options.tag && tag.startsWith('!')) {
        const tagged = options.tag(tag, value);
        if (tagged !== undefined) value = tagged;
      }
      return value;
    };
    try {
      const value = convert(doc.contents, '', 0);
      const range = (doc.contents as YamlNode).range;
      documents.push({ index, value, lines, line: lineAt(range?.[0]), endLine: lineAt(range ? Math.max(range[0], range[1] - 1) : undefined) });
    } catch (err) {
      if (!(err instanceof Budget)) throw err;
      problems.push({ line: lineAt((doc.contents as YamlNode).range?.[0]), message: `not read: ${err.message}` });
      break;
    }
  }
  return { documents, problems };
}

/**
 * Aliases resolved from one index of the document's anchors (yaml's Alias.resolve walks the whole
 * document each time, which makes an alias-heavy file quadratic). An alias names the last anchor of
 * that name before it.
 */
function aliasResolver(doc: Document.Parsed): (alias: Alias) => YamlNode | undefined {
  let anchors: Map<string, { offset: number; node: YamlNode }[]> | undefined;
  return (alias) => {
    if (!anchors) {
      const index = new Map<string, { offset: number; node: YamlNode }[]>();
      visit(doc, {
        Node(_key, node) {
          const anchor = (node as { anchor?: string }).anchor;
          if (!anchor || isAlias(node)) return;
          let list = index.get(anchor);
          if (!list) index.set(anchor, (list = []));
          list.push({ offset: (node as YamlNode).range?.[0] ?? 0, node: node as YamlNode });
        },
      });
      anchors = index;
    }
    const candidates = anchors.get(alias.source);
    if (!candidates) return undefined;
    const at = alias.range?.[0] ?? Number.MAX_SAFE_INTEGER;
    let found: YamlNode | undefined;
    for (const c of candidates) if (c.offset < at) found = c.node;
    return found;
  };
}
