// The Vigil scan task, step by step: inputs, baseline (a SARIF file or the service's), the scan (the
// same function as `npm run scan`), SARIF into CodeAnalysisLogs, the summary, the log table, the
// report to the service, and the result by the fail-on rule.
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { PipelineRunInfo } from '../../../service/contract/pipeline-api';
import { advisoryIndexFromFolder } from '../../../service/deps/folder-index';
import type { AdvisoryIndex } from '../../../service/engine/deps/types';
import { AbortError } from '../../../service/engine/scan';
import { CLI_SECRET_SALT, localSarif, readBaselineFile, readSuppressionFile, scanLocalFolder, type LocalBaseline } from '../../../service/local-scan';
import { InputError, readInputs, type InputSource, type TaskInputs } from './inputs';
import { countsLine, judge, logSafe, logTable, markdownSummary, type Judgement, type SummaryFacts } from './report';
import { baselineBranch, fetchBaseline, runInfo, TokenRefusedError, uploadRun } from './service';

/** The artifact (and its folder) the SARIF SAST Scans Tab and GHAzDO read SARIF from. */
export const SARIF_ARTIFACT = 'CodeAnalysisLogs';

/** The part of azure-pipelines-task-lib the task uses (the real module, or the mock in tests). */
export interface TaskLib extends InputSource {
  TaskResult: { Succeeded: number; SucceededWithIssues: number; Failed: number };
  setResult(result: number, message: string): void;
  command(command: string, properties: Record<string, string> | null, message: string): void;
  warning(message: string): void;
  debug(message: string): void;
}

export async function runTask(tl: TaskLib, log: (line: string) => void = console.log): Promise<void> {
  let inputs: TaskInputs;
  try {
    inputs = readInputs(tl);
  } catch (err) {
    return fail(tl, err instanceof InputError ? err.message : `Cannot read the inputs: ${(err as Error).message}`);
  }
  const problem = await folderProblem(inputs.root, 'path');
  if (problem) return fail(tl, problem);

  let run: PipelineRunInfo | undefined;
  let runProblem: string | undefined;
  if (inputs.service) {
    try {
      run = runInfo((name) => tl.getVariable(name));
    } catch (err) {
      runProblem = (err as Error).message;
    }
  }

  const facts: SummaryFacts = { failOn: inputs.failOn, categories: inputs.categories };
  let baseline: LocalBaseline | undefined;
  // The service's baseline comes with the organization's salt: secrets then fingerprint as the hub's do.
  let secretSalt: string | undefined;
  try {
    const got = await loadBaseline(inputs, run, runProblem);
    baseline = got.baseline;
    secretSalt = got.secretSalt;
    if (got.problem) {
      facts.baselineProblem = got.problem;
      tl.warning(`Vigil: baseline not used: ${logSafe(got.problem)}. Every finding counts as new.`);
    }
    if (baseline) facts.baseline = baseline.name;
  } catch (err) {
    return fail(tl, (err as Error).message);
  }

  let suppressions: { path: string; text: string } | undefined;
  if (inputs.suppressions) {
    try {
      suppressions = await readSuppressionFile(inputs.suppressions);
    } catch (err) {
      return fail(tl, `Cannot use the suppressions file ${inputs.suppressions}: ${(err as Error).message}`);
    }
  }

  let advisories: AdvisoryIndex | undefined;
  if (inputs.advisories) {
    const folder = await folderProblem(inputs.advisories, 'advisories');
    if (folder) return fail(tl, folder);
    try {
      const loaded = await advisoryIndexFromFolder(inputs.advisories);
      for (const w of loaded.warnings.kept) tl.warning(`Vigil: advisories: ${logSafe(w.where)}: ${logSafe(w.message)}`);
      if (loaded.records === 0) tl.warning(`Vigil: advisories: no OSV record found under ${inputs.advisories}; no dependency is checked.`);
      advisories = loaded.index;
    } catch (err) {
      return fail(tl, `Cannot read the advisories under ${inputs.advisories}: ${logSafe((err as Error).message)}`);
    }
  }

  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
  let scan;
  try {
    scan = await scanLocalFolder({
      root: inputs.root,
      categories: inputs.categories,
      exclude: [],
      gitignore: true,
      defaultExcludes: true,
      suppressions,
      baseline,
      advisories,
      salt: secretSalt ?? (process.env.VIGIL_SECRET_SALT || CLI_SECRET_SALT),
      signal: controller.signal,
    });
  } catch (err) {
    return fail(tl, err instanceof AbortError ? 'The scan was cancelled.' : `The scan failed: ${logSafe((err as Error).message)}`);
  } finally {
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
  }

  const judgement = judge(scan.result.findings, inputs.failOn);
  const sarif = localSarif(scan);
  // The task's own judgement travels with the log: the build results tab shows it rather than recomputing.
  const run0 = sarif.runs[0];
  run0.properties = { ...run0.properties, vigil: taskFacts(judgement, inputs, baseline) };
  try {
    await fsp.mkdir(path.dirname(inputs.outputPath), { recursive: true });
    await fsp.writeFile(inputs.outputPath, `${JSON.stringify(sarif, null, 2)}\n`);
  } catch (err) {
    return fail(tl, `Cannot write ${inputs.outputPath}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  tl.command('artifact.upload', { containerfolder: SARIF_ARTIFACT, artifactname: SARIF_ARTIFACT }, inputs.outputPath);

  for (const line of logTable(judgement)) log(line);
  log(countsLine(scan.result, judgement));
  for (const w of scan.result.warnings.slice(0, 10)) tl.debug(`scan warning ${logSafe(w.code)}${w.path ? ` ${logSafe(w.path)}` : ''}: ${logSafe(w.message)}`);

  let refused: string | undefined;
  if (inputs.service) {
    if (runProblem) {
      tl.warning(`Vigil: not reported to the service: ${runProblem}.`);
    } else if (run) {
      try {
        const uploaded = await uploadRun(inputs.service, { run, verdict: judgement.verdict, categories: inputs.categories, sarif: sarif as unknown as Record<string, unknown> });
        log(`Reported to the Vigil service: run ${logSafe(uploaded.runId)}, ${uploaded.findings} findings.${uploaded.hubUrl ? ` ${logSafe(uploaded.hubUrl)}` : ''}`);
        if (uploaded.hubUrl) facts.hubUrl = uploaded.hubUrl;
      } catch (err) {
        if (err instanceof TokenRefusedError) refused = `${err.message}. Create a pipeline upload token in Organization settings › Vigil and put it in the service connection's password.`;
        else tl.warning(`Vigil: not reported to the service: ${logSafe((err as Error).message)}.`);
      }
    }
  }

  await attachSummary(tl, markdownSummary(scan.result, judgement, facts));
  if (refused) return fail(tl, refused);
  finish(tl, judgement, inputs);
}

async function loadBaseline(
  inputs: TaskInputs,
  run: PipelineRunInfo | undefined,
  runProblem: string | undefined,
): Promise<{ baseline?: LocalBaseline; problem?: string; secretSalt?: string }> {
  if (!inputs.baseline) return {};
  if (inputs.baseline.kind === 'file') {
    try {
      return { baseline: await readBaselineFile(inputs.baseline.path) };
    } catch (err) {
      // A baseline named but unreadable is a configuration mistake: failing beats counting everything as new.
      throw new Error(`Cannot use the baseline ${inputs.baseline.path}: ${(err as Error).message}`);
    }
  }
  if (!run) return { problem: runProblem ?? 'the run is not described' };
  const branch = baselineBranch(run);
  if (!run.repository || !branch) return { problem: 'the build has no repository id or branch (Build.Repository.ID, Build.SourceBranch)' };
  try {
    const got = await fetchBaseline(inputs.service!, run.repository.id, branch);
    return {
      baseline: { fingerprints: new Set(got.fingerprints), name: `the Vigil service's last results on ${got.branch}` },
      ...(got.secretSalt ? { secretSalt: got.secretSalt } : {}),
    };
  } catch (err) {
    if (err instanceof TokenRefusedError) throw new Error(`${err.message}. Check the pipeline upload token in the service connection.`);
    // The service being down must not block every build: the scan goes on without a baseline, and says so.
    return { problem: (err as Error).message };
  }
}

/** runs[0].properties.vigil: what the task decided and by which rule (read by contract/sarif-read.ts). */
export interface TaskSarifFacts {
  verdict: Judgement['verdict'];
  failOn: TaskInputs['failOn'];
  /** Where the findings marked "baseline" came from; none when no baseline was used. */
  baseline: 'file' | 'service' | 'none';
  categories: string[];
}

function taskFacts(judgement: Judgement, inputs: TaskInputs, baseline: LocalBaseline | undefined): TaskSarifFacts {
  return {
    verdict: judgement.verdict,
    failOn: inputs.failOn,
    baseline: baseline && inputs.baseline ? inputs.baseline.kind : 'none',
    categories: [...inputs.categories],
  };
}

async function attachSummary(tl: TaskLib, markdown: string): Promise<void> {
  const folder = tl.getVariable('Agent.TempDirectory') || process.env.AGENT_TEMPDIRECTORY || path.join(process.cwd(), '.vigil-task');
  const file = path.join(folder, 'Vigil scan.md');
  try {
    await fsp.mkdir(folder, { recursive: true });
    await fsp.writeFile(file, markdown);
    tl.command('task.uploadsummary', null, file);
  } catch (err) {
    tl.warning(`Vigil: cannot attach the summary: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

function finish(tl: TaskLib, j: Judgement, inputs: TaskInputs): void {
  if (j.verdict === 'failed') {
    tl.setResult(tl.TaskResult.Failed, `Vigil: ${j.failing.length} new finding(s) at ${inputs.failOn} or above (not suppressed, not in the baseline).`);
  } else if (j.verdict === 'succeededWithIssues') {
    tl.setResult(tl.TaskResult.SucceededWithIssues, `Vigil: ${j.open.length} open finding(s), none new at ${inputs.failOn === 'none' ? 'a failing severity (failOn: none)' : `${inputs.failOn} or above`}.`);
  } else {
    tl.setResult(tl.TaskResult.Succeeded, 'Vigil: no open findings.');
  }
}

function fail(tl: TaskLib, message: string): void {
  tl.setResult(tl.TaskResult.Failed, message);
}

async function folderProblem(folder: string, input: string): Promise<string | undefined> {
  try {
    const st = await fsp.stat(folder);
    return st.isDirectory() ? undefined : `Input "${input}" is not a folder: ${folder}`;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? `Input "${input}": folder not found: ${folder}` : `Input "${input}": cannot open ${folder}: ${code}`;
  }
}
