// Repos > Security: what Vigil found in the selected repository.
import * as React from 'react';
import { Page } from 'azure-devops-ui/Page';
import { Header, TitleSize } from 'azure-devops-ui/Header';
import type { VigilApi } from '../common/api';
import type { NamedRef } from '../common/bootstrap';
import { ConnectedGate } from '../common/ConnectedGate';
import { EmptyState } from '../common/EmptyState';
import { RepositorySecurityView } from '../common/RepositorySecurityView';

export interface RepoSecurityPageProps {
  api: VigilApi;
  /** Undefined when Repos has no Git repository selected (e.g. a TFVC project). */
  repository?: NamedRef & { project?: NamedRef };
}

export function RepoSecurityPage({ api, repository }: RepoSecurityPageProps): JSX.Element {
  return (
    <Page className="flex-grow vigil-page">
      <Header
        title="Security"
        titleSize={TitleSize.Large}
        description={repository ? `${repository.project ? `${repository.project.name} / ` : ''}${repository.name}` : undefined}
      />
      <div className="page-content page-content-top flex-column flex-grow">
        {repository ? (
          <ConnectedGate api={api}>
            {(me) => <RepositorySecurityView api={api} repository={repository} canDismiss={me.isOrgAdmin} />}
          </ConnectedGate>
        ) : (
          <EmptyState
            iconName="GitLogo"
            primaryText="No Git repository selected"
            secondaryText="Pick a Git repository in Repos to see what Vigil found in it."
          />
        )}
      </div>
    </Page>
  );
}
