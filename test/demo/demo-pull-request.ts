// A pull request to look at in the demo, the previews and the browser test: into web-storefront's main,
// it adds a GitHub token and a Terraform storage account accepting TLS 1.0 (new findings), and edits
// src/config/aws.js below its committed AWS key (existing findings in a file the PR touches). Made
// through the fake ADO's own push and pull-request paths and scanned by Vigil's real PR scan job.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { requestPullRequestScan } from '../../service/jobs/pull-request-queue';
import type { Stack } from '../support/stack';
import { waitFor } from '../support/wait';

export const DEMO_PR_REPOSITORY = 'web-storefront';
const BRANCH = 'feature/payment-webhook';
const FIXTURE = path.join(__dirname, '../fake-ado/fixtures/repos/contoso', DEMO_PR_REPOSITORY);

const WEBHOOK_JS = [
  "'use strict';",
  '// Posts payment events to the team channel and opens a GitHub issue on failures.',
  "const GITHUB_TOKEN = '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';",
  '',
  'async function reportFailure(title) {',
  "  await fetch('https://api.github.com/repos/contoso/payments/issues', {",
  "    method: 'POST',",
  "    headers: { Authorization: `token ${GITHUB_TOKEN}` },",
  '    body: JSON.stringify({ title }),',
  '  });',
  '}',
  '',
  'module.exports = { reportFailure };',
  '',
].join('\n');

const STORAGE_TF = [
  'resource "azurerm_storage_account" "webhooks" {',
  '  name                     = "contosowebhooks"',
  '  resource_group_name      = "rg-storefront"',
  '  location                 = "westeurope"',
  '  account_tier             = "Standard"',
  '  account_replication_type = "LRS"',
  '  min_tls_version          = "TLS1_0"',
  '}',
  '',
].join('\n');

export interface DemoPullRequest {
  repositoryId: string;
  projectId: string;
  pullRequestId: number;
}

/** Pushes the branch and opens the pull request in the fake organization (not scanned yet). */
export function openDemoPullRequest(stack: Stack): DemoPullRequest {
  const repo = stack.fakeAdo.orgs.contoso.repos[DEMO_PR_REPOSITORY];
  const project = stack.fakeAdo.orgs.contoso.projects.find((p) => p.repos.some((r) => r.id === repo.id))!;
  const aws = readFileSync(path.join(FIXTURE, 'src/config/aws.js'), 'utf8');
  stack.fakeAdo.push('contoso', DEMO_PR_REPOSITORY, {
    branch: BRANCH,
    changes: {
      'src/payments/webhook.js': WEBHOOK_JS,
      'infra/webhooks.tf': STORAGE_TF,
      'src/config/aws.js': aws.replace("module.exports = { uploadInvoice };", "module.exports = { uploadInvoice, bucket: 'contoso-invoices-prod' };"),
    },
    pushedBy: 'dev',
  });
  const pullRequestId = stack.fakeAdo.createPullRequest('contoso', DEMO_PR_REPOSITORY, { source: BRANCH, title: 'Payment webhook notifications', createdBy: 'dev' });
  return { repositoryId: repo.id, projectId: project.id, pullRequestId };
}

/**
 * Asks Vigil to scan the pull request (the job a PR event queues) and waits for its verdict. The default
 * branch must be scanned first, so that the findings already there count as existing.
 */
export async function scanDemoPullRequest(stack: Stack, pr: DemoPullRequest, timeoutMs = 180_000): Promise<void> {
  const ctx = stack.service.context;
  const org = await ctx.store.db.selectFrom('organizations').select('org_id').where('name', '=', 'contoso').executeTakeFirstOrThrow();
  await requestPullRequestScan(ctx, { orgId: org.org_id, repoId: pr.repositoryId, projectId: pr.projectId, pullRequestId: pr.pullRequestId, trigger: 'manual' });
  await waitFor(
    `Vigil's scan of pull request ${pr.pullRequestId}`,
    async () => {
      const scan = await ctx.store.db
        .selectFrom('pull_request_scans')
        .select('state')
        .where('org_id', '=', org.org_id)
        .where('repo_id', '=', pr.repositoryId)
        .where('pull_request_id', '=', pr.pullRequestId)
        .orderBy('queued_at', 'desc')
        .executeTakeFirst();
      return scan?.state === 'done' || scan?.state === 'failed';
    },
    timeoutMs,
    250,
  );
}
