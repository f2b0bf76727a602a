// Pull request > Security tab: the repository's open findings and its last scan.
import * as React from 'react';
import { MessageCard, MessageCardSeverity } from 'azure-devops-ui/MessageCard';
import { Page } from 'azure-devops-ui/Page';
import type { VigilApi } from '../common/api';
import { ConnectedGate } from '../common/ConnectedGate';
import { EmptyState } from '../common/EmptyState';
import { RepositorySecurityView } from '../common/RepositorySecurityView';

export interface PullRequestContext {
  pullRequestId?: number;
  repository?: { id: string; name: string };
}

/**
 * Reads the tab's configuration. ADO documents PullRequestTabExtensionConfig {pullRequestId, repositoryId};
 * that the new SDK hands exactly this shape to ms.vss-code-web.pr-tabs is UNVERIFIED, so nested
 * shapes ({pullRequest: {...}}) are accepted too.
 */
export function pullRequestFromConfiguration(config: Record<string, unknown>): { pullRequestId?: number; repositoryId?: string } {
  const nested = (config.pullRequest ?? {}) as Record<string, unknown>;
  const nestedRepo = (nested.repository ?? {}) as Record<string, unknown>;
  const id = Number(config.pullRequestId ?? nested.pullRequestId);
  const repositoryId = config.repositoryId ?? nestedRepo.id ?? (config.repository as Record<string, unknown> | undefined)?.id;
  return {
    pullRequestId: Number.isInteger(id) && id > 0 ? id : undefined,
    repositoryId: typeof repositoryId === 'string' && repositoryId ? repositoryId : undefined,
  };
}

export function PrTabPage({ api, context }: { api: VigilApi; context: PullRequestContext }): JSX.Element {
  return (
    <Page className="flex-grow vigil-page">
      <div className="flex-column flex-grow vigil-pr-tab page-content page-content-top">
        <MessageCard className="vigil-block" severity={MessageCardSeverity.Info}>
          Pull-request diff scanning is not built yet. This tab shows the open findings of the repository's default
          branch as of its last scan, not what {context.pullRequestId ? `pull request !${context.pullRequestId}` : 'this pull request'} changes.
        </MessageCard>
        {context.repository ? (
          <ConnectedGate api={api}>
            {(me) => <RepositorySecurityView api={api} repository={context.repository!} canDismiss={me.isOrgAdmin} />}
          </ConnectedGate>
        ) : (
          <EmptyState
            iconName="BranchPullRequest"
            primaryText="Could not tell which repository this pull request belongs to"
            secondaryText="Open the repository's Security page under Repos instead."
          />
        )}
      </div>
    </Page>
  );
}
