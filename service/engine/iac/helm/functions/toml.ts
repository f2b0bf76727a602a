// A small TOML writer for Helm's toToml (BurntSushi/toml's layout for maps of scalars, lists and tables).
import { formatFloat } from '../gotemplate/fmt';
import { isMap, sortedKeys, type GoMap } from '../gotemplate/values';

function tomlKey(k: string): string {
  return /^[A-Za-z0-9_-]+$/.test(k) ? k : JSON.stringify(k);
}

function tomlScalar(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return Number.isInteger(v) ? v.toFixed(1) : formatFloat(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return '[' + v.map(tomlScalar).join(', ') + ']';
  return '""';
}

function writeTable(m: GoMap, path: string[], out: string[], depth: number): void {
  if (depth > 100) return;
  const keys = sortedKeys(m);
  for (const k of keys) {
    const v = m[k];
    if (v === null || isMap(v) || (Array.isArray(v) && v.length > 0 && v.every(isMap))) continue;
    out.push(`${'  '.repeat(path.length)}${tomlKey(k)} = ${tomlScalar(v)}`);
  }
  for (const k of keys) {
    const v = m[k];
    const sub = [...path, tomlKey(k)];
    if (isMap(v)) {
      out.push('', `${'  '.repeat(path.length)}[${sub.join('.')}]`);
      writeTable(v, sub, out, depth + 1);
    } else if (Array.isArray(v) && v.length > 0 && v.every(isMap)) {
      for (const item of v as GoMap[]) {
        out.push('', `${'  '.repeat(path.length)}[[${sub.join('.')}]]`);
        writeTable(item, sub, out, depth + 1);
      }
    }
  }
}

export function toToml(v: unknown): string {
  if (!isMap(v)) return '';
  const out: string[] = [];
  writeTable(v, [], out, 0);
  const text = out.join('\n').replace(/^\n+/, '');
  return text ? text + '\n' : '';
}
