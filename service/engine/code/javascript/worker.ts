// A lint worker: batches of files in, their hits and warnings out, one batch at a time. Its ESLint
// instances (one per rule set) stay loaded between batches and scans.
import { parentPort } from 'node:worker_threads';
import { lintFiles } from './lint';
import type { LintReply, LintTask } from './pool';

const port = parentPort;
if (port) {
  let queue = Promise.resolve();
  port.on('message', (task: LintTask) => {
    queue = queue.then(async () => {
      let reply: LintReply;
      try {
        reply = { id: task.id, out: await lintFiles(task.files, task.names) };
      } catch (e) {
        reply = { id: task.id, error: e instanceof Error ? e.message : String(e) };
      }
      port.postMessage(reply);
    });
  });
}
