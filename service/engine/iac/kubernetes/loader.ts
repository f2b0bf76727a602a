// The loader for plain Kubernetes manifests: multi-document YAML and JSON files detected 'kubernetes'.
import { parseJson } from '../parse/json';
import { lineStarts } from '../parse/lines';
import { parseYaml, type ParsedDocument } from '../parse/yaml';
import type { Warn } from '../../types';
import type { LoadContext, PlatformLoader, ResourceGroup } from '../types';
import { kubernetesResources } from './resources';

/** A manifest's documents (YAML, or JSON when the text starts with `{`), with parse problems as warnings. */
export function parseManifest(path: string, text: string, warn: Warn): ParsedDocument[] {
  if (/^\s*\{/.test(text)) {
    const parsed = parseJson(text);
    // JSON errors cascade after the first: one warning says what matters.
    const first = parsed.problems[0];
    if (first) warn({ code: 'parse-error', path, message: `line ${first.line}: ${first.message}` });
    if (parsed.value === undefined) return [];
    return [{ index: 0, value: parsed.value, lines: parsed.lines, line: 1, endLine: lineStarts(text.trimEnd()).length }];
  }
  const parsed = parseYaml(text);
  for (const p of parsed.problems) warn({ code: 'parse-error', path, message: `line ${p.line}: ${p.message}` });
  return parsed.documents;
}

export const kubernetesLoader: PlatformLoader = {
  name: 'kubernetes',
  platforms: ['kubernetes'],
  load(ctx: LoadContext) {
    const groups: ResourceGroup[] = [];
    for (const f of ctx.files) {
      if (f.platform !== 'kubernetes') continue;
      const text = ctx.text(f.path);
      if (text === undefined) continue;
      const docs = parseManifest(f.path, text, ctx.warn);
      const resources = kubernetesResources(docs, { path: f.path, platform: 'kubernetes' });
      if (resources.length) groups.push({ resources });
    }
    return { groups };
  },
};
