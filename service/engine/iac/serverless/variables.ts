// Serverless framework variables in serverless.yml: `${self:custom.table}` is resolved within the
// file; `${opt:…}`, `${env:…}`, `${ssm:…}`, `${file(…)}`, `${cf:…}`, `${aws:…}`, `${sls:…}`, `${param:…}`,
// `${s3:…}` are known only when the framework runs, so they are Unknown, unless a fallback
// (`${opt:stage, 'dev'}`, `${env:X, self:custom.x}`) gives a literal or a self reference, which is then
// read as the value (as a CloudFormation parameter's Default is). `${AWS::Region}` and other text
// that is no variable source is left as written (an Fn::Sub string keeps its own references).
import type { IacObject, IacValue } from '../types';
import { get, isObject, isUnknown, Unknown } from '../values';

const MAX_DEPTH = 12;
const MAX_ITERATIONS = 50;
const MAX_STRING = 1_000_000;
const INNERMOST = /\$\{([^${}]*)\}/;
const EXTERNAL = /^(?:opt|env|ssm|sls|aws|cf|s3|param|file|strToBool|git)\b/;
/** Keeps `${…}` text that is not a variable out of the way while the rest is resolved. */
const HOLD_OPEN = '\u0000{';
const HOLD_CLOSE = '\u0000}';

type Resolved = IacValue | undefined;

export class VariableResolver {
  constructor(private readonly root: IacObject) {}

  /** The value with every variable resolved (or Unknown). */
  resolve(value: IacValue, depth = 0): IacValue {
    if (depth > MAX_DEPTH * 20) return new Unknown('(nested too deeply)');
    if (typeof value === 'string') return value.includes('${') ? this.resolveString(value, 0) : value;
    if (Array.isArray(value)) return value.map((v) => this.resolve(v, depth + 1));
    if (isObject(value)) {
      const out: IacObject = {};
      for (const [k, v] of Object.entries(value)) out[k] = this.resolve(v, depth + 1);
      return out;
    }
    return value;
  }

  private resolveString(text: string, depth: number): IacValue {
    if (depth > MAX_DEPTH) return new Unknown(text);
    let current = text;
    for (let i = 0; i < MAX_ITERATIONS; i++) {
      const m = INNERMOST.exec(current);
      if (!m) break;
      const v = this.chain(m[1], depth);
      if (v === 'not-a-variable') {
        current = current.replace(m[0], () => `$${HOLD_OPEN}${m[1]}${HOLD_CLOSE}`);
        continue;
      }
      if (isUnknown(v)) return new Unknown(text, v.refs);
      if (m[0] === current) return v;
      if (v !== null && typeof v === 'object') return new Unknown(text);
      current = current.replace(m[0], () => String(v ?? ''));
      if (current.length > MAX_STRING) return new Unknown(text);
    }
    return current.split(HOLD_OPEN).join('{').split(HOLD_CLOSE).join('}');
  }

  /** `opt:stage, self:provider.stage, 'dev'`: the first source that gives a value. */
  private chain(inner: string, depth: number): IacValue | 'not-a-variable' {
    const sources = splitSources(inner);
    if (!sources.length || !isSource(sources[0])) return 'not-a-variable';
    let unknown: Unknown | undefined;
    for (const s of sources) {
      const v = this.source(s, depth);
      if (v === undefined) continue;
      if (isUnknown(v)) {
        unknown ??= v;
        continue;
      }
      return v;
    }
    return unknown ?? new Unknown(`\${${inner}}`);
  }

  private source(s: string, depth: number): Resolved {
    const quoted = /^(['"])(.*)\1$/s.exec(s);
    if (quoted) return quoted[2];
    if (/^-?\d+(?:\.\d+)?$/.test(s)) return Number(s);
    if (s === 'true' || s === 'false') return s === 'true';
    if (s === 'null') return null;
    if (s.startsWith('self:')) {
      const path = s.slice(5).trim();
      const found = path ? get(this.root, path) : this.root;
      if (found === undefined) return undefined;
      return typeof found === 'string' ? (found.includes('${') ? this.resolveString(found, depth + 1) : found) : this.resolve(found, depth + 1);
    }
    if (EXTERNAL.test(s)) return new Unknown(`\${${s}}`);
    return undefined;
  }
}

const isSource = (s: string): boolean => s.startsWith('self:') || EXTERNAL.test(s);

/** Splits a fallback list at top-level commas (not inside quotes or parentheses). */
function splitSources(inner: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = '';
  let word = '';
  for (const c of inner) {
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      out.push(word.trim());
      word = '';
      continue;
    }
    word += c;
  }
  if (word.trim()) out.push(word.trim());
  return out;
}
