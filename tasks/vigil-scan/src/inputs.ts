// The task's inputs (task.json) read through azure-pipelines-task-lib and checked: a wrong value is a
// clear error before anything is scanned.
import * as path from 'node:path';
import { CATEGORIES, SEVERITIES, type Category, type Severity } from '../../../service/contract/vocabulary';

/** What the engine's scanners report (posture and compliance come from the service). */
export const TASK_CATEGORIES = CATEGORIES.filter((c) => c !== 'posture' && c !== 'compliance');
export const FAIL_ON = ['critical', 'high', 'medium', 'low', 'none'] as const;
export type FailOn = (typeof FAIL_ON)[number];
/** The `baseline` input's keyword for "the target branch's last results on the Vigil service". */
export const SERVICE_BASELINE = 'service';

export interface TaskInputs {
  root: string;
  categories: Category[];
  failOn: FailOn;
  /** A SARIF file, the service, or none. */
  baseline?: { kind: 'file'; path: string } | { kind: 'service' };
  suppressions?: string;
  /** A folder of OSV zips and/or records for the dependency scanners. */
  advisories?: string;
  outputPath: string;
  service?: { url: string; token: string };
}

export class InputError extends Error {}

/** The part of azure-pipelines-task-lib this reads (the real module, or its mock in tests). */
export interface InputSource {
  getInput(name: string, required?: boolean): string | undefined;
  getEndpointUrl(id: string, optional: boolean): string | undefined;
  getEndpointAuthorizationParameter(id: string, key: string, optional: boolean): string | undefined;
  getVariable(name: string): string | undefined;
}

export function readInputs(tl: InputSource): TaskInputs {
  const cwd = tl.getVariable('System.DefaultWorkingDirectory') || process.cwd();
  const resolve = (p: string) => path.resolve(cwd, p);
  const root = text(tl, 'path');
  if (!root) throw new InputError('Input "path" is required: the folder to scan.');

  const categories = [...new Set((text(tl, 'categories') || TASK_CATEGORIES.join(',')).split(/[,\n]/).map((c) => c.trim()).filter(Boolean))];
  const wrong = categories.filter((c) => !(TASK_CATEGORIES as readonly string[]).includes(c));
  if (wrong.length) throw new InputError(`Input "categories" must be among ${TASK_CATEGORIES.join(', ')} (got "${wrong.join('", "')}").`);
  if (!categories.length) throw new InputError('Input "categories" names no scanner.');

  const failOn = (text(tl, 'failOn') || 'high').toLowerCase();
  if (!(FAIL_ON as readonly string[]).includes(failOn) || (failOn !== 'none' && !SEVERITIES.includes(failOn as Severity))) {
    throw new InputError(`Input "failOn" must be one of ${FAIL_ON.join(', ')} (got "${failOn}").`);
  }

  const outputPath = text(tl, 'outputPath');
  if (!outputPath) throw new InputError('Input "outputPath" is required: where to write the SARIF log.');

  const connection = text(tl, 'vigilService');
  let service: TaskInputs['service'];
  if (connection) {
    const url = tl.getEndpointUrl(connection, true);
    const token = tl.getEndpointAuthorizationParameter(connection, 'password', true);
    if (!url) throw new InputError('The Vigil service connection has no server URL: set it to the Vigil service\'s address.');
    if (!token) throw new InputError('The Vigil service connection has no password: paste a pipeline upload token (vgp_…) created in Organization settings › Vigil.');
    service = { url, token };
  }

  const baselineText = text(tl, 'baseline');
  let baseline: TaskInputs['baseline'];
  if (baselineText.toLowerCase() === SERVICE_BASELINE) {
    if (!service) throw new InputError('Input "baseline: service" needs the Vigil service connection (input "vigilService").');
    baseline = { kind: 'service' };
  } else if (baselineText) {
    baseline = { kind: 'file', path: resolve(baselineText) };
  }

  const suppressions = text(tl, 'suppressions');
  const advisories = text(tl, 'advisories');
  return {
    root: resolve(root),
    categories: categories as Category[],
    failOn: failOn as TaskInputs['failOn'],
    ...(baseline ? { baseline } : {}),
    ...(suppressions ? { suppressions: resolve(suppressions) } : {}),
    ...(advisories ? { advisories: resolve(advisories) } : {}),
    outputPath: resolve(outputPath),
    ...(service ? { service } : {}),
  };
}

function text(tl: InputSource, name: string): string {
  return (tl.getInput(name, false) ?? '').trim();
}
