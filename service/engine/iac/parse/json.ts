// JSON (with comments and trailing commas, as ARM templates are written) as IaC values with the line
// of every attribute path, from jsonc-parser's tree. Nesting is bounded: a 10k-deep file is a problem,
// not a stack overflow.
import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { IacObject, IacValue } from '../types';
import { joinPath } from '../values';
import { lineReader, lineStarts } from './lines';

export interface ParsedJson {
  value: IacValue | undefined;
  lines: Map<string, number>;
  problems: { line: number; message: string }[];
}

const MAX_DEPTH = 200;

export function parseJson(input: string): ParsedJson {
  // A byte order mark is not JSON, but editors on Windows write one.
  const text = input.charCodeAt(0) === 0xfeff ? ` ${input.slice(1)}` : input;
  const starts = lineStarts(text);
  const line = lineReader(starts);
  const problems: ParsedJson['problems'] = [];
  if (tooDeep(text, MAX_DEPTH)) {
    return { value: undefined, lines: new Map(), problems: [{ line: 1, message: `nested deeper than ${MAX_DEPTH}` }] };
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  // The first error says what is wrong; the ones after it mostly follow from it.
  if (errors.length) {
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more error${errors.length > 2 ? 's' : ''} after it)` : '';
    problems.push({ line: line(errors[0].offset), message: `${printParseErrorCode(errors[0].error)}${more}` });
  }
  if (!root || errors.length) return { value: undefined, lines: new Map(), problems };
  const lines = new Map<string, number>();
  // `lined`: the path's line is set already (an object's property has its key's line).
  const convert = (node: JsonNode, path: string, lined = false): IacValue => {
    if (!lined && !lines.has(path)) lines.set(path, line(node.offset));
    switch (node.type) {
      case 'object': {
        const obj: IacObject = {};
        for (const prop of node.children ?? []) {
          const [k, v] = prop.children ?? [];
          if (!k) continue;
          const key = String(k.value);
          const childPath = joinPath(path, key);
          lines.set(childPath, line(k.offset));
          obj[key] = v ? convert(v, childPath, true) : null;
        }
        return obj;
      }
      case 'array':
        return (node.children ?? []).map((c, i) => convert(c, joinPath(path, i)));
      default:
        return (node.value ?? null) as IacValue;
    }
  };
  return { value: convert(root, ''), lines, problems };
}

/** A cheap pre-check of bracket depth outside strings (jsonc-parser itself recurses). */
function tooDeep(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > max) return true;
    } else if (c === 125 || c === 93) depth--;
  }
  return false;
}
