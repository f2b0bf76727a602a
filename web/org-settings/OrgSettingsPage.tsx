// Organization settings hub: connect the organization, then its repositories, findings and posture.
import * as React from 'react';
import { Page } from 'azure-devops-ui/Page';
import { Header, TitleSize } from 'azure-devops-ui/Header';
import { Tab, TabBar, TabSize } from 'azure-devops-ui/Tabs';
import { MessageCard, MessageCardSeverity } from 'azure-devops-ui/MessageCard';
import type { IHeaderCommandBarItem } from 'azure-devops-ui/HeaderCommandBar';
import type { MeResponse } from '../../service/contract/api';
import type { VigilApi } from '../common/api';
import { ErrorState } from '../common/ErrorState';
import { applyUrlView, createFindingsFilter, FindingsView } from '../common/FindingsView';
import type { UrlQueryStore } from '../common/findings-url-state';
import { applyFindingsLink, OverviewView, type FindingsLink } from '../common/overview/OverviewView';
import { formatCount } from '../common/format';
import { RepositoriesView } from '../common/RepositoriesView';
import { ConnectedGate } from '../common/ConnectedGate';
import { PostureView } from '../common/posture/PostureView';
import { ComplianceView } from '../common/compliance/ComplianceView';
import { QueuedNotice } from '../common/QueuedNotice';
import { useDiscoveryStatus, useRefresh, useTriggerScan } from '../common/queries';
import { ConnectPage } from './ConnectPage';
import { SettingsView } from './SettingsView';

export interface OrgSettingsPageProps {
  api: VigilApi;
  hostName: string;
  /** The host page's URL query: a link with the Findings list's view opens that tab with it. */
  urlQuery?: UrlQueryStore;
}

type TabId = 'overview' | 'repositories' | 'findings' | 'posture' | 'compliance' | 'settings';

export { QUEUED_NOTICE_MS } from '../common/QueuedNotice';

function ConnectedOrganization({ api, me, urlQuery }: { api: VigilApi; me: MeResponse; urlQuery?: UrlQueryStore }): JSX.Element {
  const [tab, setTab] = React.useState<TabId>('overview');
  const findingsFilter = React.useMemo(createFindingsFilter, []);
  React.useEffect(() => {
    urlQuery?.read().then((params) => applyUrlView(findingsFilter, params) && setTab('findings'), () => undefined);
  }, [urlQuery, findingsFilter]);
  const openFindings = (link: FindingsLink) => {
    applyFindingsLink(findingsFilter, link);
    changeTab('findings');
  };
  const [notice, setNotice] = React.useState<{ kind: 'info' | 'error'; body: unknown }>();
  const refresh = useRefresh();
  const discovery = useDiscoveryStatus(api);
  const triggerScan = useTriggerScan(api);
  const scanning = triggerScan.isLoading;
  const dismissNotice = React.useCallback(() => setNotice(undefined), []);
  const changeTab = (id: TabId) => {
    setTab(id);
    // The answer to Scan all belongs to the Repositories tab: it does not follow the user elsewhere.
    if (id !== 'repositories') setNotice(undefined);
  };

  const scanAll = () => {
    setNotice(undefined);
    triggerScan.mutate(
      {},
      {
        onSuccess: (result) => {
          setNotice({
            kind: 'info',
            body: result.queued ? `Queued ${formatCount(result.queued, 'scan')}.` : 'Every repository is already queued or scanning.',
          });
          setTab('repositories');
        },
        onError: (err) => setNotice({ kind: 'error', body: err }),
      },
    );
  };

  const commands: IHeaderCommandBarItem[] = [
    {
      id: 'scan-all',
      text: scanning ? 'Queuing…' : 'Scan all',
      isPrimary: true,
      important: true,
      iconProps: { iconName: 'Play' },
      disabled: !me.isOrgAdmin || scanning,
      onActivate: scanAll,
    },
    {
      id: 'refresh',
      text: 'Refresh',
      important: true,
      iconProps: { iconName: 'Refresh' },
      onActivate: refresh,
    },
  ];

  const org = me.organization;
  return (
    <Page className="flex-grow vigil-page">
      <Header
        title="Vigil"
        titleSize={TitleSize.Large}
        description={org.url ? `Watching ${org.url}` : `Watching ${org.name}`}
        commandBarItems={commands}
      />
      <TabBar selectedTabId={tab} onSelectedTabChanged={(id) => changeTab(id as TabId)} tabSize={TabSize.Tall}>
        <Tab id="overview" name="Overview" />
        <Tab id="repositories" name="Repositories" />
        <Tab id="findings" name="Findings" />
        <Tab id="posture" name="Posture" />
        <Tab id="compliance" name="Compliance" />
        <Tab id="settings" name="Settings" />
      </TabBar>
      <div className="page-content page-content-top flex-column flex-grow">
        {discovery.error ? (
          <MessageCard className="vigil-block vigil-discovery-error" severity={MessageCardSeverity.Error}>
            <div className="flex-column">
              <span className="font-weight-semibold">Vigil could not read the organization's projects and repositories</span>
              <span className="vigil-error-detail">{discovery.error}</span>
            </div>
          </MessageCard>
        ) : null}
        {notice ? (
          notice.kind === 'error' ? (
            <ErrorState error={notice.body} context="Could not start the scans" onDismiss={() => setNotice(undefined)} className="vigil-block" />
          ) : (
            <QueuedNotice api={api} text={String(notice.body)} onDismiss={dismissNotice} />
          )
        ) : null}
        {tab === 'overview' ? (
          <OverviewView api={api} onOpenFindings={openFindings} discovering={discovery.waiting} />
        ) : tab === 'repositories' ? (
          <RepositoriesView api={api} canScan={me.isOrgAdmin} discovering={discovery.waiting} />
        ) : tab === 'findings' ? (
          <FindingsView api={api} scope={{}} filter={findingsFilter} canDismiss={me.isOrgAdmin} urlState={urlQuery} />
        ) : tab === 'posture' ? (
          <PostureView api={api} isOrgAdmin={me.isOrgAdmin} />
        ) : tab === 'compliance' ? (
          <ComplianceView api={api} />
        ) : (
          <SettingsView api={api} canEdit={me.isOrgAdmin} />
        )}
      </div>
    </Page>
  );
}

/** Organization-wide views need a Project Collection Administrator: say where everyone else looks instead. */
function NotOrganizationAdmin({ me }: { me: MeResponse }): JSX.Element {
  const org = me.organization;
  return (
    <Page className="flex-grow vigil-page">
      <Header title="Vigil" titleSize={TitleSize.Large} description={org.url ? `Watching ${org.url}` : `Watching ${org.name}`} />
      <div className="page-content page-content-top flex-column flex-grow">
        <MessageCard className="vigil-block vigil-not-org-admin" severity={MessageCardSeverity.Info}>
          <div className="flex-column rhythm-vertical-8">
            <span className="font-weight-semibold">This page is for Project Collection Administrators</span>
            <span>
              It shows every repository and finding of the organization, so only a Project Collection Administrator can open it.
              You can see Vigil's results here instead:
            </span>
            <ul>
              <li>
                <b>Project settings › Vigil</b>: the repositories and findings of a project you administer.
              </li>
              <li>
                <b>Repos › Security</b>: the findings of the repository you are looking at.
              </li>
              <li>
                <b>Pull requests › Vigil</b> tab: the repository's open findings next to a pull request.
              </li>
            </ul>
            <span>To manage the organization's connection, ask a Project Collection Administrator.</span>
          </div>
        </MessageCard>
      </div>
    </Page>
  );
}

export function OrgSettingsPage({ api, hostName, urlQuery }: OrgSettingsPageProps): JSX.Element {
  return (
    <ConnectedGate
      api={api}
      renderDisconnected={(me) => <ConnectPage api={api} hostName={me.organization.name || hostName} canConnect={me.isOrgAdmin} />}
    >
      {(me) => (me.isOrgAdmin ? <ConnectedOrganization api={api} me={me} urlQuery={urlQuery} /> : <NotOrganizationAdmin me={me} />)}
    </ConnectedGate>
  );
}
