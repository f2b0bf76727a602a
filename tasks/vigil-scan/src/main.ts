// The task's entry point (bundled into index.js by configs/build-task.js): the agent runs it with the
// inputs and the build's variables in the environment.
import * as tl from 'azure-pipelines-task-lib/task';
import { runTask } from './task';

runTask(tl).catch((err: unknown) => {
  tl.setResult(tl.TaskResult.Failed, `Vigil: unexpected error: ${(err as Error).stack ?? String(err)}`);
});
