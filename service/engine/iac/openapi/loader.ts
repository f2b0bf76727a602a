// OpenAPI 3.x and Swagger 2.0 documents (YAML or JSON) as one 'openapi' resource each: the document
// itself, with the line of every attribute path.
import { linesUnder } from '../parse/lines';
import { parseJson } from '../parse/json';
import { parseYaml } from '../parse/yaml';
import type { IacObject, IacResource, LoadContext, LoadResult, PlatformLoader } from '../types';
import { isObject } from '../values';

export type OpenApiVersion = '2' | '3';

export function openApiVersion(doc: IacObject): OpenApiVersion | undefined {
  if (typeof doc.swagger === 'string' && doc.swagger.startsWith('2')) return '2';
  if (typeof doc.openapi === 'string' && doc.openapi.startsWith('3')) return '3';
  return undefined;
}

export function loadOpenApi(path: string, text: string, warn: LoadContext['warn']): IacResource[] {
  const json = /^\s*[{[]/.test(text);
  let value: unknown;
  let lines: Map<string, number>;
  let endLine = text.split('\n').length;
  if (json) {
    const parsed = parseJson(text);
    for (const p of parsed.problems) warn({ code: 'parse-error', path, message: `line ${p.line}: ${p.message}` });
    value = parsed.value;
    lines = parsed.lines;
  } else {
    const parsed = parseYaml(text);
    for (const p of parsed.problems) warn({ code: 'parse-error', path, message: `line ${p.line}: ${p.message}` });
    const doc = parsed.documents[0];
    value = doc?.value;
    lines = doc?.lines ?? new Map();
    if (doc) endLine = doc.endLine;
  }
  if (!isObject(value)) return [];
  const version = openApiVersion(value);
  if (!version) return [];
  const title = isObject(value.info) && typeof value.info.title === 'string' ? value.info.title : path;
  return [
    {
      model: 'openapi',
      platform: 'openapi',
      type: 'openapi',
      name: title,
      address: `OpenAPI ${title}`,
      path,
      line: 1,
      endLine,
      attributes: value,
      lineOf: linesUnder(lines, ''),
      meta: { version },
    },
  ];
}

export const openApiLoader: PlatformLoader = {
  name: 'openapi',
  platforms: ['openapi'],
  load(ctx: LoadContext): LoadResult {
    const resources: IacResource[] = [];
    for (const f of ctx.files) {
      if (f.platform !== 'openapi') continue;
      const text = ctx.text(f.path);
      if (text !== undefined) resources.push(...loadOpenApi(f.path, text, ctx.warn));
    }
    return { groups: resources.map((r) => ({ resources: [r] })) };
  },
};
