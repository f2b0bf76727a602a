// The compliance queues (pg-boss 10) and their workers (issue 15):
//  - compliance-collect: an organization run (backfill at connect, daily, on demand), stately per organization;
//  - compliance-collect-pr: one merged pull request (the event path);
//  - compliance-collect-all: daily, asks for every organization's run;
//  - compliance-evaluate: the evaluation after a settings change, stately per organization.
import type PgBoss from 'pg-boss';
import type { AppContext } from '../context';
import { listOrganizations } from '../store/organizations';
import {
  COLLECT_COMPLIANCE_ALL_QUEUE,
  COLLECT_COMPLIANCE_QUEUE,
  COLLECT_PULL_REQUEST_COMPLIANCE_QUEUE,
  COMPLIANCE_COLLECT_QUEUES,
  collectCompliance,
  collectPullRequestCompliance,
  requestComplianceCollection,
  type CollectComplianceJob,
  type CollectPullRequestComplianceJob,
} from './collect-compliance';
import { EVALUATE_COMPLIANCE_QUEUE, EVALUATE_COMPLIANCE_QUEUES, evaluateCompliance, type EvaluateComplianceJob } from './evaluate-compliance';

/** Daily, at a quiet hour (UTC): pull requests merged since the last run whose events were missed. */
const DAILY_CRON = '23 3 * * *';

/** Called where the queues are set up (jobs/queue.ts startQueue): a web-only process sends to them too. */
export async function createComplianceQueues(boss: PgBoss): Promise<void> {
  for (const q of [...COMPLIANCE_COLLECT_QUEUES, ...EVALUATE_COMPLIANCE_QUEUES]) await boss.createQueue(q.name, q);
}

export async function startComplianceWorkers(ctx: AppContext, pollingIntervalSeconds: number): Promise<{ stop(timeoutMs: number): void }> {
  const { boss } = ctx;
  const shutdown = new AbortController();
  const opts = { batchSize: 1, pollingIntervalSeconds };
  await createComplianceQueues(boss);
  await boss.work<CollectComplianceJob>(COLLECT_COMPLIANCE_QUEUE, opts, async ([job]) => collectCompliance(ctx, job.data, shutdown.signal));
  await boss.work<CollectPullRequestComplianceJob>(COLLECT_PULL_REQUEST_COMPLIANCE_QUEUE, opts, async ([job]) => ({ outcome: await collectPullRequestCompliance(ctx, job.data) }));
  await boss.work<EvaluateComplianceJob>(EVALUATE_COMPLIANCE_QUEUE, opts, async ([job]) => evaluateCompliance(ctx, job.data.orgId));
  await boss.work(COLLECT_COMPLIANCE_ALL_QUEUE, opts, async () => {
    let queued = 0;
    for (const org of await listOrganizations(ctx.store.db)) if (await requestComplianceCollection(ctx, org.org_id, 'schedule')) queued++;
    return { queued };
  });
  await boss.schedule(COLLECT_COMPLIANCE_ALL_QUEUE, DAILY_CRON);
  return { stop: (timeoutMs) => void setTimeout(() => shutdown.abort(), timeoutMs).unref() };
}
