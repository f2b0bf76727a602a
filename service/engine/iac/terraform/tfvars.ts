// Values a root module's variables get from the variable files in its folder, as Terraform reads them:
// terraform.tfvars, terraform.tfvars.json, then *.auto.tfvars / *.auto.tfvars.json in lexical order
// (later files win). Any other *.tfvars file is a `-var-file` some deployment passes: each is one
// possible set of values on top of those, and the module evaluator keeps a variable known only when
// every such file agrees on it.
import type { Warn } from '../../types';
import { parseJson } from '../parse/json';
import { isObject } from '../values';
import { evaluateExpression, type HclValue } from './hcl/eval';
import { parseHcl } from './hcl/parser';
import { newObject, type HclObject } from './hcl/values';

export interface RootVariableFiles {
  /** terraform.tfvars(.json) and *.auto.tfvars(.json), merged in Terraform's order. */
  base: HclObject;
  /** Other variable files (`-var-file` candidates), by path. */
  alternatives: { path: string; values: HclObject }[];
}

const base = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

export function readVariableFiles(paths: readonly string[], text: (path: string) => string | undefined, warn: Warn): RootVariableFiles {
  const rank = (p: string): number => {
    const name = base(p);
    if (name === 'terraform.tfvars') return 0;
    if (name === 'terraform.tfvars.json') return 1;
    if (/\.auto\.tfvars(?:\.json)?$/i.test(name)) return 2;
    return 3;
  };
  const ordered = [...paths].sort((a, b) => rank(a) - rank(b) || (base(a) < base(b) ? -1 : base(a) > base(b) ? 1 : 0));
  const merged = newObject();
  const alternatives: RootVariableFiles['alternatives'] = [];
  for (const path of ordered) {
    const t = text(path);
    if (t === undefined) continue;
    const values = path.toLowerCase().endsWith('.json') ? readJsonVars(path, t, warn) : readHclVars(path, t, warn);
    if (rank(path) < 3) Object.assign(merged, values);
    else alternatives.push({ path, values });
  }
  return { base: merged, alternatives };
}

function readHclVars(path: string, text: string, warn: Warn): HclObject {
  const out = newObject();
  try {
    const { file, errors } = parseHcl(text, path);
    for (const e of errors.slice(0, 5)) warn({ code: 'parse-error', path, message: `line ${e.line}: ${e.message}` });
    for (const attr of file.body.attributes) out[attr.name] = evaluateExpression(attr.expr, { source: file.source, scope: newObject() });
  } catch (err) {
    warn({ code: 'parse-error', path, message: `line 1: ${err instanceof Error ? err.message : String(err)}` });
  }
  return out;
}

function readJsonVars(path: string, text: string, warn: Warn): HclObject {
  const parsed = parseJson(text);
  for (const p of parsed.problems) warn({ code: 'parse-error', path, message: `line ${p.line}: ${p.message}` });
  const out = newObject();
  if (isObject(parsed.value)) for (const [k, v] of Object.entries(parsed.value)) out[k] = v as HclValue;
  return out;
}
