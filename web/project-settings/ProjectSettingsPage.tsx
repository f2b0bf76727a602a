// Project settings hub: the repositories, findings and posture of one project.
import * as React from 'react';
import { Page } from 'azure-devops-ui/Page';
import { Header, TitleSize } from 'azure-devops-ui/Header';
import type { IHeaderCommandBarItem } from 'azure-devops-ui/HeaderCommandBar';
import { Tab, TabBar, TabSize } from 'azure-devops-ui/Tabs';
import type { VigilApi } from '../common/api';
import type { NamedRef } from '../common/bootstrap';
import { ConnectedGate } from '../common/ConnectedGate';
import { ErrorState } from '../common/ErrorState';
import { applyUrlView, createFindingsFilter, FindingsView } from '../common/FindingsView';
import type { UrlQueryStore } from '../common/findings-url-state';
import { applyFindingsLink, OverviewView, type FindingsLink } from '../common/overview/OverviewView';
import { formatCount } from '../common/format';
import { PostureView } from '../common/posture/PostureView';
import { ComplianceView } from '../common/compliance/ComplianceView';
import { useMe, useRefresh, useTriggerScan } from '../common/queries';
import { QueuedNotice } from '../common/QueuedNotice';
import { RepositoriesView } from '../common/RepositoriesView';

export interface ProjectSettingsPageProps {
  api: VigilApi;
  project: NamedRef;
  /** The host page's URL query: a link with the Findings list's view opens that tab with it. */
  urlQuery?: UrlQueryStore;
}

type TabId = 'overview' | 'findings' | 'repositories' | 'posture' | 'compliance';

export function ProjectSettingsPage({ api, project, urlQuery }: ProjectSettingsPageProps): JSX.Element {
  const [tab, setTab] = React.useState<TabId>('overview');
  const findingsFilter = React.useMemo(createFindingsFilter, []);
  React.useEffect(() => {
    urlQuery?.read().then((params) => applyUrlView(findingsFilter, params) && setTab('findings'), () => undefined);
  }, [urlQuery, findingsFilter]);
  const [notice, setNotice] = React.useState<{ kind: 'info' | 'error'; body: unknown }>();
  const dismissNotice = React.useCallback(() => setNotice(undefined), []);
  const refresh = useRefresh();
  const me = useMe(api).data;
  const triggerScan = useTriggerScan(api);
  const canScan = !!me?.organization.connected && me.isOrgAdmin;

  const scanProject = () => {
    setNotice(undefined);
    triggerScan.mutate(
      { projectId: project.id },
      {
        onSuccess: (result) => {
          setNotice({
            kind: 'info',
            body: result.queued ? `Queued ${formatCount(result.queued, 'scan')} in ${project.name}.` : `Every repository of ${project.name} is already queued or scanning.`,
          });
          setTab('repositories');
        },
        onError: (err) => setNotice({ kind: 'error', body: err }),
      },
    );
  };
  const changeTab = (id: TabId) => {
    setTab(id);
    if (id !== 'repositories') setNotice(undefined);
  };
  const openFindings = (link: FindingsLink) => {
    applyFindingsLink(findingsFilter, link);
    changeTab('findings');
  };

  const commands: IHeaderCommandBarItem[] = [
    {
      id: 'scan-project',
      text: triggerScan.isLoading ? 'Queuing…' : 'Scan project',
      isPrimary: true,
      important: true,
      iconProps: { iconName: 'Play' },
      disabled: !canScan || triggerScan.isLoading,
      tooltipProps: canScan ? undefined : { text: 'Scans are queued by a Project Collection Administrator' },
      onActivate: scanProject,
    },
    {
      id: 'refresh',
      text: 'Refresh',
      important: true,
      iconProps: { iconName: 'Refresh' },
      onActivate: refresh,
    },
  ];

  return (
    <Page className="flex-grow vigil-page">
      <Header title="Vigil" titleSize={TitleSize.Large} description={`Security findings of ${project.name}`} commandBarItems={commands} />
      <TabBar selectedTabId={tab} onSelectedTabChanged={(id) => changeTab(id as TabId)} tabSize={TabSize.Tall}>
        <Tab id="overview" name="Overview" />
        <Tab id="findings" name="Findings" />
        <Tab id="repositories" name="Repositories" />
        <Tab id="posture" name="Posture" />
        <Tab id="compliance" name="Compliance" />
      </TabBar>
      <div className="page-content page-content-top flex-column flex-grow">
        <ConnectedGate api={api}>
          {(connected) => (
            <>
              {notice ? (
                notice.kind === 'error' ? (
                  <ErrorState error={notice.body} context="Could not start the scans" onDismiss={dismissNotice} className="vigil-block" />
                ) : (
                  <QueuedNotice api={api} project={project.id} text={String(notice.body)} onDismiss={dismissNotice} />
                )
              ) : null}
              {tab === 'overview' ? (
                <OverviewView api={api} project={project.id} onOpenFindings={openFindings} />
              ) : tab === 'findings' ? (
                <FindingsView api={api} scope={{ project: project.id }} filter={findingsFilter} canDismiss={connected.isOrgAdmin} urlState={urlQuery} />
              ) : tab === 'posture' ? (
                <PostureView api={api} project={project.id} isOrgAdmin={connected.isOrgAdmin} />
              ) : tab === 'compliance' ? (
                <ComplianceView api={api} project={project.id} />
              ) : (
                <RepositoriesView api={api} project={project.id} canScan={connected.isOrgAdmin} />
              )}
            </>
          )}
        </ConnectedGate>
      </div>
    </Page>
  );
}
