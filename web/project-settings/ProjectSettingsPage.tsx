// Project settings hub: the repositories, findings and posture of one project.
import * as React from 'react';
import { Page } from 'azure-devops-ui/Page';
import { Header, TitleSize } from 'azure-devops-ui/Header';
import { Tab, TabBar, TabSize } from 'azure-devops-ui/Tabs';
import type { VigilApi } from '../common/api';
import type { NamedRef } from '../common/bootstrap';
import { ConnectedGate } from '../common/ConnectedGate';
import { FindingsView } from '../common/FindingsView';
import { PostureView } from '../common/posture/PostureView';
import { useRefresh } from '../common/queries';
import { RepositoriesView } from '../common/RepositoriesView';

export interface ProjectSettingsPageProps {
  api: VigilApi;
  project: NamedRef;
}

type TabId = 'findings' | 'repositories' | 'posture';

export function ProjectSettingsPage({ api, project }: ProjectSettingsPageProps): JSX.Element {
  const [tab, setTab] = React.useState<TabId>('findings');
  const refresh = useRefresh();
  return (
    <Page className="flex-grow vigil-page">
      <Header
        title="Vigil"
        titleSize={TitleSize.Large}
        description={`Security findings of ${project.name}`}
        commandBarItems={[
          {
            id: 'refresh',
            text: 'Refresh',
            important: true,
            iconProps: { iconName: 'Refresh' },
            onActivate: refresh,
          },
        ]}
      />
      <TabBar selectedTabId={tab} onSelectedTabChanged={(id) => setTab(id as TabId)} tabSize={TabSize.Tall}>
        <Tab id="findings" name="Findings" />
        <Tab id="repositories" name="Repositories" />
        <Tab id="posture" name="Posture" />
      </TabBar>
      <div className="page-content page-content-top flex-column flex-grow">
        <ConnectedGate api={api}>
          {(me) =>
            tab === 'findings' ? (
              <FindingsView api={api} scope={{ project: project.id }} canDismiss={me.isOrgAdmin} />
            ) : tab === 'posture' ? (
              <PostureView api={api} project={project.id} isOrgAdmin={me.isOrgAdmin} />
            ) : (
              <RepositoriesView api={api} project={project.id} canScan={me.isOrgAdmin} />
            )
          }
        </ConnectedGate>
      </div>
    </Page>
  );
}
