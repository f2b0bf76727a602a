// JSON Patch (RFC 6902) operations as kustomize applies them: add, remove, replace, copy, move, test.
import type { IacObject, IacValue } from '../types';
import { isObject, sameValue } from '../values';
import type { Origin, Provenance } from './provenance';

export interface JsonPatchOp {
  op: string;
  path: string;
  from?: string;
  value?: IacValue;
  /** Where the operation (or its value) is written. */
  origin?: Origin;
}

/** `/spec/containers/0` → ['spec', 'containers', '0'] (~1 is '/', ~0 is '~'). */
export function pointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw new Error(`"${path}" is not a JSON pointer`);
  return path
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function parentOf(root: IacObject, segs: string[], path: string): { parent: IacObject | IacValue[]; key: string } {
  if (!segs.length) throw new Error(`${path}: the document root cannot be changed`);
  let cur: IacValue = root;
  for (const s of segs.slice(0, -1)) {
    const next: IacValue | undefined = Array.isArray(cur) ? cur[index(cur, s, path, false)] : isObject(cur) ? cur[s] : undefined;
    if (next === undefined || next === null || typeof next !== 'object') throw new Error(`${path}: ${s} does not exist`);
    cur = next;
  }
  if (!Array.isArray(cur) && !isObject(cur)) throw new Error(`${path}: not a container`);
  return { parent: cur, key: segs[segs.length - 1] };
}

function index(list: IacValue[], s: string, path: string, insert: boolean): number {
  if (insert && s === '-') return list.length;
  if (!/^\d+$/.test(s)) throw new Error(`${path}: ${s} is not a list index`);
  const i = Number(s);
  if (i > list.length || (!insert && i === list.length)) throw new Error(`${path}: index ${i} is out of range`);
  return i;
}

function read(root: IacObject, path: string): IacValue {
  const segs = pointer(path);
  let cur: IacValue = root;
  for (const s of segs) {
    const next: IacValue | undefined = Array.isArray(cur) ? cur[index(cur, s, path, false)] : isObject(cur) ? cur[s] : undefined;
    if (next === undefined) throw new Error(`${path} does not exist`);
    cur = next;
  }
  return cur;
}

function remove(root: IacObject, path: string): IacValue {
  const { parent, key } = parentOf(root, pointer(path), path);
  if (Array.isArray(parent)) return parent.splice(index(parent, key, path, false), 1)[0];
  if (!(key in parent)) throw new Error(`${path} does not exist`);
  const old = parent[key];
  delete parent[key];
  return old;
}

function put(root: IacObject, path: string, value: IacValue, mode: 'add' | 'replace', origin: Origin | undefined, prov: Provenance): void {
  const { parent, key } = parentOf(root, pointer(path), path);
  if (Array.isArray(parent)) {
    const i = index(parent, key, path, mode === 'add');
    if (mode === 'add') parent.splice(i, 0, value);
    else parent[i] = value;
  } else {
    if (mode === 'replace' && !(key in parent)) throw new Error(`${path} does not exist`);
    parent[key] = value;
    prov.setKey(parent, key, origin);
  }
  if (!prov.nodeOrigin(value)) prov.setNode(value, origin);
}

/** Applies the operations to `root` in place; the first failing operation throws (kustomize stops there too). */
export function applyJsonPatch(root: IacObject, ops: readonly JsonPatchOp[], prov: Provenance): void {
  for (const op of ops) {
    switch (op.op) {
      case 'add':
      case 'replace':
        if (op.value === undefined) throw new Error(`${op.op} ${op.path}: no value`);
        put(root, op.path, prov.clone(op.value), op.op, op.origin, prov);
        break;
      case 'remove':
        remove(root, op.path);
        break;
      case 'copy':
        put(root, op.path, prov.clone(read(root, requireFrom(op))), 'add', op.origin, prov);
        break;
      case 'move': {
        const from = requireFrom(op);
        if (op.path.startsWith(`${from}/`)) throw new Error(`move ${from} into itself`);
        put(root, op.path, remove(root, from), 'add', op.origin, prov);
        break;
      }
      case 'test': {
        const actual = read(root, op.path);
        const expected = op.value ?? null;
        const equal =
          expected !== null && typeof expected === 'object' ? JSON.stringify(actual) === JSON.stringify(expected) : sameValue(actual, expected) && typeof actual === typeof expected;
        if (!equal) throw new Error(`test ${op.path} failed`);
        break;
      }
      default:
        throw new Error(`unknown operation "${op.op}"`);
    }
  }
}

function requireFrom(op: JsonPatchOp): string {
  if (typeof op.from !== 'string') throw new Error(`${op.op} ${op.path}: no "from"`);
  return op.from;
}
