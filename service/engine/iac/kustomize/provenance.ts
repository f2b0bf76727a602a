// Where each part of a built object came from. Kustomize moves values between files (a patch sets an
// attribute of a base object), so lines are kept per node and per key by object identity, and
// survive list merges and index shifts: the line of `containers[1].image` is found by walking the
// built object, not by looking a path up in one file's line map.
import type { IacValue } from '../types';
import { isObject, joinPath, segments } from '../values';

export interface Origin {
  path: string;
  line: number;
}

type Container = object;

export class Provenance {
  private readonly nodes = new WeakMap<Container, Origin>();
  private readonly keys = new WeakMap<Container, Map<string, Origin>>();

  /**
   * Records the lines of a parsed document's nodes: `lines` is its line map, `prefix` the path of
   * `value` in it, `offset` added to every line (a patch written inline in a kustomization).
   */
  track(value: IacValue, lines: ReadonlyMap<string, number>, file: string, prefix = '', offset = 0): void {
    const walk = (v: IacValue, at: string, depth: number): void => {
      if (depth > 256 || v === null || typeof v !== 'object') return;
      const own = lines.get(at);
      if (own !== undefined && !this.nodes.has(v)) this.nodes.set(v, { path: file, line: own + offset });
      if (Array.isArray(v)) {
        v.forEach((item, i) => walk(item, joinPath(at, i), depth + 1));
        return;
      }
      if (!isObject(v)) return;
      for (const [k, child] of Object.entries(v)) {
        const childAt = joinPath(at, k);
        const line = lines.get(childAt);
        if (line !== undefined) this.setKey(v, k, { path: file, line: line + offset });
        walk(child, childAt, depth + 1);
      }
    };
    walk(value, prefix, 0);
  }

  setKey(obj: Container, key: string, origin: Origin | undefined): void {
    if (!origin) return;
    let m = this.keys.get(obj);
    if (!m) this.keys.set(obj, (m = new Map()));
    m.set(key, origin);
  }

  keyOrigin(obj: Container, key: string): Origin | undefined {
    return this.keys.get(obj)?.get(key);
  }

  setNode(node: IacValue, origin: Origin | undefined): void {
    if (origin && node !== null && typeof node === 'object') this.nodes.set(node, origin);
  }

  nodeOrigin(node: IacValue | undefined): Origin | undefined {
    return node !== null && typeof node === 'object' ? this.nodes.get(node) : undefined;
  }

  /** A deep copy that keeps the origins of every node and key. */
  clone<T extends IacValue>(value: T, depth = 0): T {
    if (value === null || typeof value !== 'object' || depth > 256) return value;
    let copy: IacValue;
    if (Array.isArray(value)) copy = value.map((x) => this.clone(x, depth + 1));
    else if (isObject(value)) {
      const obj: Record<string, IacValue> = {};
      for (const [k, v] of Object.entries(value)) obj[k] = this.clone(v, depth + 1);
      const keys = this.keys.get(value);
      if (keys) this.keys.set(obj, new Map(keys));
      copy = obj;
    } else return value;
    const node = this.nodes.get(value);
    if (node) this.nodes.set(copy as Container, node);
    return copy as T;
  }

  /** The origin of the value at `path` under `root`, or undefined (the evaluator then tries the path's ancestors). */
  lineOf(root: IacValue, path: string): Origin | undefined {
    if (!path) return this.nodeOrigin(root);
    let segs: readonly (string | number)[];
    try {
      segs = segments(path);
    } catch {
      return undefined;
    }
    let cur: IacValue | undefined = root;
    let origin: Origin | undefined;
    for (const seg of segs) {
      if (Array.isArray(cur) && typeof seg === 'number') {
        const parent: IacValue[] = cur;
        cur = parent[seg];
        origin = this.nodeOrigin(cur);
      } else if (isObject(cur) && typeof seg === 'string' && Object.prototype.hasOwnProperty.call(cur, seg)) {
        const parent: Record<string, IacValue> = cur;
        cur = parent[seg];
        origin = this.keyOrigin(parent, seg) ?? this.nodeOrigin(cur);
      } else return undefined;
      if (cur === undefined) return undefined;
    }
    return origin;
  }
}
