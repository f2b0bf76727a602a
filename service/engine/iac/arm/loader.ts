// The ARM platform: every file detected as 'arm' is one template (with values from a sibling
// parameters file when there is one), loaded as one resource group.
import type { IacObject, IacValue, LoadContext, PlatformLoader, ResourceGroup } from '../types';
import { Unknown, isObject } from '../values';
import { parseJson } from '../parse/json';
import { blockEnds } from './blocks';
import { loadTemplate } from './template';

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
    const parsed = parseJson(text);
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

export function loadArmFile(ctx: LoadContext, path: string, text: string): ResourceGroup | undefined {
  const parsed = parseJson(text);
  for (const p of parsed.problems) ctx.warn({ code: 'parse-error', path, message: `line ${p.line}: ${p.message}` });
  if (!isObject(parsed.value)) return undefined;
  const template: IacObject = parsed.value;
  const lastLine = text.split('\n').length;
  const resources = loadTemplate(
    { template, prefix: '', parameterValues: readParameterValues(ctx, path), depth: 0 },
    { path, lines: parsed.lines, endLineOf: blockEnds(parsed.lines, lastLine) },
    (message, line) => ctx.warn({ code: 'parse-error', path, message: line ? `line ${line}: ${message}` : message }),
  );
  return { resources };
}

export const armLoader: PlatformLoader = {
  name: 'arm',
  platforms: ['arm'],
  load(ctx) {
    const groups: ResourceGroup[] = [];
    for (const f of ctx.files) {
      if (f.platform !== 'arm') continue;
      const text = ctx.text(f.path);
      if (text === undefined) continue;
      const group = loadArmFile(ctx, f.path, text);
      if (group) groups.push(group);
    }
    return { groups };
  },
};
