// Dockerfiles (dockerfile-ast) as one 'dockerfile' resource each: its build stages, each with its base
// image (global ARG defaults substituted, as `docker build` does for FROM) and its instructions.
import { DockerfileParser } from 'dockerfile-ast';
import type { IacObject, IacResource, IacValue, LoadContext, LoadResult, PlatformLoader } from '../types';
import { Unknown } from '../values';

export interface DockerInstruction extends IacObject {
  /** Upper case: RUN, USER, FROM... */
  keyword: string;
  /** The arguments as written, line continuations joined. */
  args: string;
  /** Flags (`--chown=1:1` → { chown: '1:1' }). */
  flags: IacObject;
  line: number;
  endLine: number;
}

export interface DockerStage extends IacObject {
  /** The FROM image as written after ARG substitution; Unknown when an ARG without default feeds it. */
  image: IacValue;
  /** Parsed parts of the image reference (absent when unknown). */
  name: string | null;
  tag: string | null;
  digest: string | null;
  /** `AS <alias>`. */
  alias: string | null;
  platform: string | null;
  line: number;
  instructions: DockerInstruction[];
}

const VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

/** `registry:5000/team/app:1.2@sha256:...` → name, tag, digest. */
export function parseImageRef(ref: string): { name: string; tag: string | null; digest: string | null } {
  let rest = ref;
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > slash) return { name: rest.slice(0, colon), tag: rest.slice(colon + 1), digest };
  return { name: rest, tag: null, digest };
}

export function loadDockerfile(path: string, text: string): IacResource {
  const doc = DockerfileParser.parse(text);
  const args = new Map<string, string | undefined>();
  const stages: DockerStage[] = [];
  const lines = new Map<string, number>();
  let seenFrom = false;
  for (const ins of doc.getInstructions()) {
    const keyword = ins.getKeyword().toUpperCase();
    const range = ins.getRange();
    const flags: IacObject = {};
    const withFlags = ins as unknown as { getFlags?: () => { getName(): string; getValue(): string | null }[] };
    for (const f of withFlags.getFlags?.() ?? []) flags[f.getName()] = f.getValue();
    const instruction: DockerInstruction = { keyword, args: ins.getArgumentsContent() ?? '', flags, line: range.start.line + 1, endLine: range.end.line + 1 };
    if (keyword === 'ARG' && !seenFrom) {
      const [name, ...value] = instruction.args.trim().split('=');
      if (name) args.set(name.trim(), value.length ? value.join('=').replace(/^["']|["']$/g, '') : undefined);
    }
    if (keyword === 'FROM') {
      seenFrom = true;
      const words = instruction.args.trim().split(/\s+/);
      const raw = words[0] ?? '';
      const alias = words.length >= 3 && words[1].toUpperCase() === 'AS' ? words[2] : null;
      const image = substitute(raw, args);
      const ref = typeof image === 'string' ? parseImageRef(image) : { name: null, tag: null, digest: null };
      const platform = typeof flags.platform === 'string' ? flags.platform : null;
      const index = stages.length;
      lines.set(`stages[${index}]`, instruction.line);
      lines.set(`stages[${index}].image`, instruction.line);
      stages.push({ image, name: ref.name, tag: ref.tag, digest: ref.digest, alias, platform, line: instruction.line, instructions: [instruction] });
      lines.set(`stages[${index}].instructions[0]`, instruction.line);
      continue;
    }
    const stage = stages[stages.length - 1];
    if (!stage) continue; // ARG and parser directives before the first FROM
    lines.set(`stages[${stages.length - 1}].instructions[${stage.instructions.length}]`, instruction.line);
    stage.instructions.push(instruction);
  }
  const lineCount = text.split('\n').length;
  return {
    model: 'dockerfile',
    platform: 'dockerfile',
    type: 'dockerfile',
    name: path,
    address: `Dockerfile ${path}`,
    path,
    line: 1,
    endLine: lineCount,
    attributes: { stages },
    lineOf: (p) => {
      for (let q: string | undefined = p; q; q = q.includes('.') || q.includes('[') ? q.slice(0, Math.max(q.lastIndexOf('.'), q.lastIndexOf('['))) : undefined) {
        const line = lines.get(q);
        if (line !== undefined) return { line };
      }
      return undefined;
    },
  };
}

/** FROM's `${VAR}` / `$VAR` from global ARG defaults; a variable without a value makes the image Unknown. */
function substitute(raw: string, args: ReadonlyMap<string, string | undefined>): IacValue {
  let unknown = false;
  const refs: string[] = [];
  const out = raw.replace(VARIABLE, (_m, braced: string | undefined, fallback: string | undefined, bare: string | undefined) => {
    const name = braced ?? bare ?? '';
    const value = args.get(name);
    if (value !== undefined && value !== '') return value;
    if (fallback !== undefined) return fallback;
    unknown = true;
    refs.push(`ARG ${name}`);
    return '';
  });
  return unknown ? new Unknown(raw, refs) : out;
}

export const dockerfileLoader: PlatformLoader = {
  name: 'dockerfile',
  platforms: ['dockerfile'],
  load(ctx: LoadContext): LoadResult {
    const resources: IacResource[] = [];
    for (const f of ctx.files) {
      if (f.platform !== 'dockerfile') continue;
      const text = ctx.text(f.path);
      if (text === undefined) continue;
      try {
        resources.push(loadDockerfile(f.path, text));
      } catch (err) {
        ctx.warn({ code: 'parse-error', path: f.path, message: `not a readable Dockerfile: ${err instanceof Error ? err.message : String(err)}` });
      }
    }
    return { groups: resources.map((r) => ({ resources: [r] })) };
  },
};
