// The ARM platform: every file detected as 'arm' is one template (with values from a sibling
// parameters file when there is one), loaded as one resource group.
import type { IacObject, IacValue, LoadContext, PlatformLoader, ResourceGroup } from '../types';
import { Unknown, isObject } from '../values';
import { parseJson } from '../parse/json';
import { blockEnds } from './blocks';
import { resolvePath, withoutBom } from './paths';
import { loadTemplate, type LinkedTemplate } from './template';

const dirOf = (path: string) => path.slice(0, path.lastIndexOf('/') + 1);

/** The parameters files that may hold values for `path`: `<name>.parameters.json`, then `azuredeploy.parameters.json`. */
export function parameterFileCandidates(path: string): string[] {
  const dir = dirOf(path);
  const base = path.slice(dir.length).replace(/\.json$/i, '');
  const out = [`${dir}${base}.parameters.json`];
  if (`${dir}azuredeploy.parameters.json` !== out[0]) out.push(`${dir}azuredeploy.parameters.json`);
  return out;
}

/** Values of a deploymentParameters file: `{ "parameters": { "x": { "value": ... } } }`; Key Vault references are unknown. */
export function readParameterValues(ctx: LoadContext, templatePath: string): Map<string, IacValue> {
  const values = new Map<string, IacValue>();
  for (const candidate of parameterFileCandidates(templatePath)) {
    if (!ctx.project.has(candidate)) continue;
    const text = ctx.text(candidate);
    if (text === undefined) continue;
    const parsed = parseJson(withoutBom(text));
    for (const p of parsed.problems) ctx.warn({ code: 'parse-error', path: candidate, message: `line ${p.line}: ${p.message}` });
    const params = isObject(parsed.value) ? parsed.value.parameters : undefined;
    if (!isObject(params)) continue;
    for (const [k, p] of Object.entries(params)) {
      if (!isObject(p)) continue;
      if ('value' in p) values.set(k, p.value);
      else if ('reference' in p) values.set(k, new Unknown(`(Key Vault reference for ${k})`, [`parameters('${k}')`]));
    }
    break;
  }
  return values;
}

const LINK = /"relativePath"\s*:\s*"([^"]+)"/g;
/** A Bicep module that is an ARM template: the Bicep loader reads it with the params the module passes. */
const BICEP_JSON_MODULE = /^\s*module\s+\w+\s+'([^']+\.json)'/gim;

/** The templates a template links to by templateLink.relativePath (a cheap scan: it decides what is a root). */
export function linkedTemplates(path: string, text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(LINK)) {
    const target = resolvePath(path, m[1]);
    if (target && target !== path) out.push(target);
  }
  return out;
}

export function loadArmFile(ctx: LoadContext, path: string, text: string, loaded = new Set<string>()): ResourceGroup | undefined {
  loaded.add(path);
  const parsed = parseJson(withoutBom(text));
  for (const p of parsed.problems) ctx.warn({ code: 'parse-error', path, message: `line ${p.line}: ${p.message}` });
  if (!isObject(parsed.value)) return undefined;
  const template: IacObject = parsed.value;
  const link = (from: string, relativePath: string): LinkedTemplate => {
    const target = resolvePath(from, relativePath);
    if (!target || !ctx.project.has(target)) return { problem: `linked template ${relativePath} is not in the repository` };
    const linkedText = ctx.text(target);
    if (linkedText === undefined) return { problem: `linked template ${relativePath} could not be read` };
    loaded.add(target);
    const linked = parseJson(withoutBom(linkedText));
    for (const p of linked.problems) ctx.warn({ code: 'parse-error', path: target, message: `line ${p.line}: ${p.message}` });
    if (!isObject(linked.value)) return { problem: `linked template ${relativePath} is not a JSON object` };
    return { template: linked.value, source: { path: target, lines: linked.lines, endLineOf: blockEnds(linked.lines, linkedText.split('\n').length) } };
  };
  const resources = loadTemplate(
    { template, prefix: '', parameterValues: readParameterValues(ctx, path), depth: 0 },
    { path, lines: parsed.lines, endLineOf: blockEnds(parsed.lines, text.split('\n').length) },
    (message, line) => ctx.warn({ code: 'parse-error', path, message: line ? `line ${line}: ${message}` : message }),
    link,
  );
  return { resources };
}

export const armLoader: PlatformLoader = {
  name: 'arm',
  platforms: ['arm'],
  load(ctx) {
    const groups: ResourceGroup[] = [];
    const files = ctx.files.filter((f) => f.platform === 'arm');
    // A template another one links to is loaded through that deployment (with the values it passes).
    const linked = new Set<string>();
    for (const f of files) {
      const text = ctx.text(f.path);
      if (text?.includes('relativePath')) for (const l of linkedTemplates(f.path, text)) linked.add(l);
    }
    const bicepModules = new Set<string>();
    for (const f of ctx.files) {
      if (f.platform !== 'bicep') continue;
      const text = ctx.text(f.path);
      for (const m of text?.includes('.json') ? text.matchAll(BICEP_JSON_MODULE) : []) {
        const target = resolvePath(f.path, m[1]);
        if (target) bicepModules.add(target);
      }
    }
    const loaded = new Set<string>();
    const loadRoot = (path: string) => {
      const text = ctx.text(path);
      if (text === undefined) return;
      const group = loadArmFile(ctx, path, text, loaded);
      if (group) groups.push(group);
    };
    for (const f of files) if (!linked.has(f.path) && !bicepModules.has(f.path)) loadRoot(f.path);
    // Linked templates nobody reached (a cycle, or a link this loader could not follow): each as a root.
    for (const f of files) if (!loaded.has(f.path) && !bicepModules.has(f.path)) loadRoot(f.path);
    return { groups, claimed: [...loaded] };
  },
};
