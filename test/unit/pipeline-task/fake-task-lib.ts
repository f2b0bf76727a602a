// A recording stand-in for azure-pipelines-task-lib, for running the task in process (tests that need
// an in-process server, which MockTestRunner's synchronous child process would block).
import type { TaskLib } from '../../../tasks/vigil-scan/src/task';

export interface Recorded {
  results: { result: number; message: string }[];
  commands: { command: string; properties: Record<string, string> | null; message: string }[];
  warnings: string[];
  log: string[];
}

export function fakeTaskLib(
  inputs: Record<string, string>,
  endpoint: { url: string; password: string } | undefined,
  agentTemp: string,
  variables: Record<string, string> = {},
): { tl: TaskLib; rec: Recorded } {
  const rec: Recorded = { results: [], commands: [], warnings: [], log: [] };
  const tl: TaskLib = {
    TaskResult: { Succeeded: 0, SucceededWithIssues: 1, Failed: 2 },
    getInput: (name) => inputs[name],
    getEndpointUrl: (id) => (id === 'vigil' ? endpoint?.url : undefined),
    getEndpointAuthorizationParameter: (id, key) => (id === 'vigil' && key === 'password' ? endpoint?.password : undefined),
    getVariable: (name) => (name === 'Agent.TempDirectory' ? agentTemp : variables[name]),
    setResult: (result, message) => void rec.results.push({ result, message }),
    command: (command, properties, message) => void rec.commands.push({ command, properties, message }),
    warning: (message) => void rec.warnings.push(message),
    debug: () => undefined,
  };
  return { tl, rec };
}

