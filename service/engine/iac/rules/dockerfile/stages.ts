// Reading the dockerfile model: stages, the final stage, instructions with their attribute paths.
import type { DockerInstruction, DockerStage } from '../../dockerfile/loader';
import type { IacResource, IacRule, Verdict } from '../../types';

export const stagesOf = (r: IacResource): DockerStage[] => (r.attributes.stages as DockerStage[] | undefined) ?? [];

export interface Located {
  ins: DockerInstruction;
  path: string;
  stage: number;
}

/** Every instruction of every stage, with its path (`stages[1].instructions[4]`). */
export function instructions(r: IacResource, keyword?: string): Located[] {
  const out: Located[] = [];
  stagesOf(r).forEach((s, si) =>
    s.instructions.forEach((ins, ii) => {
      if (!keyword || ins.keyword === keyword) out.push({ ins, path: `stages[${si}].instructions[${ii}]`, stage: si });
    }),
  );
  return out;
}

/** The instructions of the last stage (what the image runs as). */
export function finalStage(r: IacResource): { stage: DockerStage; index: number } | undefined {
  const stages = stagesOf(r);
  return stages.length ? { stage: stages[stages.length - 1], index: stages.length - 1 } : undefined;
}

/** A rule that fails on every instruction (of `keyword`) whose arguments match `bad`. */
export function flagInstructions(keyword: string | undefined, bad: (ins: DockerInstruction) => boolean): IacRule['check'] {
  return (r) => {
    const fails: Verdict[] = instructions(r, keyword)
      .filter((l) => bad(l.ins))
      .map((l) => ({ outcome: 'fail', path: l.path, value: `${l.ins.keyword} ${l.ins.args}`.slice(0, 200) }));
    return fails.length ? fails : { outcome: 'pass', path: 'stages' };
  };
}

/** The value of every ENV/ARG variable set in the file: `ENV A=1 B=2`, `ENV A 1`, `ARG A=1`. */
export function variables(ins: DockerInstruction): { name: string; value: string | undefined }[] {
  const text = ins.args.trim();
  if (ins.keyword === 'ENV' && !text.includes('=')) {
    const [name, ...rest] = text.split(/\s+/);
    return name ? [{ name, value: rest.join(' ') }] : [];
  }
  const out: { name: string; value: string | undefined }[] = [];
  const re = /([A-Za-z_][A-Za-z0-9_]*)(?:=("(?:[^"\\]|\\.)*"|'[^']*'|\S*))?/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push({ name: m[1], value: m[2]?.replace(/^["']|["']$/g, '') });
  return out;
}

export const dockerExample = (body: string): string => body.replace(/^\n/, '');
