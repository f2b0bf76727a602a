// Name patterns of a spec: exact qualified names (`os.system`) or `*.method` (that method on any receiver).
import type { NamePattern } from './types';

export interface NameSet {
  /** `method`: the call's last member name when it has a receiver; else the name's last part after a dot. */
  matches(name: string | undefined, method?: string): boolean;
}

export function compileNames(patterns: readonly NamePattern[]): NameSet {
  const exact = new Set<string>();
  const methods = new Set<string>();
  for (const p of patterns) {
    if (p.startsWith('*.')) methods.add(p.slice(2));
    else exact.add(p);
  }
  return {
    matches(name, method) {
      if (name !== undefined && exact.has(name)) return true;
      if (!methods.size) return false;
      if (method !== undefined) return methods.has(method);
      if (name === undefined) return false;
      const dot = name.lastIndexOf('.');
      return dot >= 0 && methods.has(name.slice(dot + 1));
    },
  };
}
