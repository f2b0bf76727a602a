// The Bicep platform: each .bicep file no other file uses as a module is a root template (with
// values from a .bicepparam file that names it in `using`); its local modules are expanded into the
// same resource group. A file only ever used as a module is loaded through its callers.
import type { IacValue, LoadContext, PlatformLoader, ResourceGroup } from '../types';
import { Unknown } from '../values';
import { evaluate, parts } from './evaluate';
import { bicepParser, syntaxProblems, type SyntaxNode } from './parser';
import { loadBicepTemplate, resolvePath, type BicepEnv } from './template';

const MODULE_SOURCE = /^\s*module\s+\w+\s+'([^']+)'/gm;

/** The local module files a Bicep text names (a cheap scan: claims only decide what is a root). */
export function moduleSources(path: string, text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(MODULE_SOURCE)) {
    if (/^(?:br|ts)[:/]/i.test(m[1])) continue;
    const target = resolvePath(path, m[1]);
    if (target) out.push(target);
  }
  return out;
}

/** Param values of a .bicepparam file (`using './main.bicep'` + `param x = value`), and the template it is for. */
export function readBicepParams(path: string, root: SyntaxNode): { template?: string; values: Map<string, IacValue> } {
  const values = new Map<string, IacValue>();
  let template: string | undefined;
  const noScope = { value: () => undefined, symbol: () => undefined };
  for (const n of root.namedChildren) {
    if (!n) continue;
    if (n.type === 'using_statement') {
      const s = parts(n).find((c) => c.type === 'string');
      const v = s ? evaluate(s, { scope: noScope }) : undefined;
      if (typeof v === 'string') template = resolvePath(path, v);
    } else if (n.type === 'parameter_declaration') {
      // The Bicep grammar reads `param x = value` as a typed param whose "type" is the value.
      const ps = parts(n);
      const name = ps.find((c) => c.type === 'identifier')?.text;
      const last = ps[ps.length - 1];
      const valueNode = last?.type === 'type' ? parts(last)[0] : last;
      if (name && valueNode && valueNode !== ps[0]) {
        const v = evaluate(valueNode, { scope: noScope });
        values.set(name, v instanceof Unknown ? new Unknown(v.expr, [`param ${name}`]) : v);
      }
    }
  }
  return { template, values };
}

export async function loadBicep(ctx: LoadContext): Promise<ResourceGroup[]> {
  const files = ctx.files.filter((f) => f.platform === 'bicep');
  if (!files.length) return [];
  const parser = await bicepParser();
  const parse = (text: string) => {
    // A byte order mark becomes a space: same offsets and lines, and no syntax error.
    const tree = parser.parse(text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text);
    if (!tree) throw new Error('no tree');
    return tree;
  };
  const templates = files.filter((f) => /\.bicep$/i.test(f.path));
  const paramFiles = files.filter((f) => /\.bicepparam$/i.test(f.path)).sort((a, b) => a.path.localeCompare(b.path));
  const givenFor = new Map<string, Map<string, IacValue>>();
  for (const f of paramFiles) {
    const text = ctx.text(f.path);
    if (text === undefined) continue;
    const tree = parse(text);
    try {
      const { template, values } = readBicepParams(f.path, tree.rootNode);
      if (template && !givenFor.has(template)) givenFor.set(template, values);
      else if (!template) ctx.warn({ code: 'parse-error', path: f.path, message: `no using statement${syntaxProblems(tree.rootNode, 1).map((p) => ` (line ${p.line}: ${p.message})`).join('')}` });
    } finally {
      tree.delete();
    }
  }
  const usedAsModule = new Set<string>();
  for (const f of templates) {
    const text = ctx.text(f.path);
    if (text !== undefined) for (const m of moduleSources(f.path, text)) if (m !== f.path) usedAsModule.add(m);
  }
  const groups: ResourceGroup[] = [];
  const loaded = new Set<string>();
  const loadRoot = (path: string) => {
    const text = ctx.text(path);
    if (text === undefined) return;
    const env: BicepEnv = { parse, has: (p) => ctx.project.has(p), text: (p) => ctx.text(p), warn: ctx.warn, out: [], loaded };
    loadBicepTemplate({ path, text, given: givenFor.get(path) ?? new Map(), depth: 0 }, env);
    groups.push({ resources: env.out });
  };
  for (const f of templates) if (!usedAsModule.has(f.path)) loadRoot(f.path);
  // Modules nobody reached (a cycle of modules): each as a root, so nothing goes unscanned.
  for (const f of templates) if (!loaded.has(f.path)) loadRoot(f.path);
  return groups;
}

export const bicepLoader: PlatformLoader = {
  name: 'bicep',
  platforms: ['bicep'],
  load: async (ctx) => ({ groups: await loadBicep(ctx) }),
};
