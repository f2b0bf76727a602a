// Organization settings hub: connect the organization, then its repositories and findings.
import * as React from 'react';
import { Page } from 'azure-devops-ui/Page';
import { Header, TitleSize } from 'azure-devops-ui/Header';
import { Tab, TabBar, TabSize } from 'azure-devops-ui/Tabs';
import { MessageCard, MessageCardSeverity } from 'azure-devops-ui/MessageCard';
import type { IHeaderCommandBarItem } from 'azure-devops-ui/HeaderCommandBar';
import type { MeResponse } from '../../service/http/api-types';
import type { VigilApi } from '../common/api';
import { ErrorState } from '../common/ErrorState';
import { FindingsView } from '../common/FindingsView';
import { formatCount } from '../common/format';
import { RepositoriesView } from '../common/RepositoriesView';
import { ConnectedGate } from '../common/ConnectedGate';
import { ConnectPage } from './ConnectPage';

export interface OrgSettingsPageProps {
  api: VigilApi;
  hostName: string;
}

type TabId = 'repositories' | 'findings';

const DISCOVERY_POLL_MS = 5000;
const DISCOVERY_WAIT_LIMIT_MS = 3 * 60_000;

export interface DiscoveryStatus {
  /** The first discovery is still running: an empty repository list means "not yet". */
  waiting: boolean;
  /** Why the last discovery failed (e.g. the PAT expired), as the service reports it. */
  error?: string;
}

/**
 * Right after connecting, the organization has no repositories until the first discovery ends: poll
 * the organization until it reports a finished or failed discovery (or a few minutes pass). Calls
 * onDiscovered when a discovery it waited for has finished. `reloadSignal` reads the status again.
 */
export function useDiscoveryStatus(api: VigilApi, onDiscovered: () => void, reloadSignal = 0): DiscoveryStatus {
  const [status, setStatus] = React.useState<DiscoveryStatus>({ waiting: false });
  const callback = React.useRef(onDiscovered);
  callback.current = onDiscovered;
  React.useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let waited = false;
    const started = Date.now();
    const check = async () => {
      const org = await api.organization().catch(() => undefined); // errors show in the repositories view
      if (cancelled) return;
      const error = org?.lastDiscoveryError || undefined;
      const done = Boolean(org?.lastDiscoveryAt);
      if (done || error || Date.now() - started > DISCOVERY_WAIT_LIMIT_MS) {
        setStatus({ waiting: false, error });
        if (done && waited) callback.current();
        return;
      }
      waited = true;
      setStatus({ waiting: true });
      timer = setTimeout(() => void check(), DISCOVERY_POLL_MS);
    };
    void check();
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
    };
  }, [api, reloadSignal]);
  return status;
}

function ConnectedOrganization({ api, me }: { api: VigilApi; me: MeResponse }): JSX.Element {
  const [tab, setTab] = React.useState<TabId>('repositories');
  const [reloadSignal, setReloadSignal] = React.useState(0);
  const [scanning, setScanning] = React.useState(false);
  const [notice, setNotice] = React.useState<{ kind: 'info' | 'error'; body: unknown }>();
  const [statusSignal, setStatusSignal] = React.useState(0);
  const discovery = useDiscoveryStatus(api, () => setReloadSignal((n) => n + 1), statusSignal);

  const scanAll = async () => {
    setScanning(true);
    setNotice(undefined);
    try {
      const result = await api.triggerScan({});
      setNotice({
        kind: 'info',
        body: result.queued ? `Queued ${formatCount(result.queued, 'scan')}.` : 'Every repository is already queued or scanning.',
      });
      setTab('repositories');
      setReloadSignal((n) => n + 1);
    } catch (err) {
      setNotice({ kind: 'error', body: err });
    } finally {
      setScanning(false);
    }
  };

  const commands: IHeaderCommandBarItem[] = [
    {
      id: 'scan-all',
      text: scanning ? 'Queuing…' : 'Scan all',
      isPrimary: true,
      important: true,
      iconProps: { iconName: 'Play' },
      disabled: !me.isOrgAdmin || scanning,
      onActivate: () => void scanAll(),
    },
    {
      id: 'refresh',
      text: 'Refresh',
      important: true,
      iconProps: { iconName: 'Refresh' },
      onActivate: () => {
        setReloadSignal((n) => n + 1);
        setStatusSignal((n) => n + 1);
      },
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
      <TabBar selectedTabId={tab} onSelectedTabChanged={(id) => setTab(id as TabId)} tabSize={TabSize.Tall}>
        <Tab id="repositories" name="Repositories" />
        <Tab id="findings" name="Findings" />
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
            <MessageCard className="vigil-block" severity={MessageCardSeverity.Info} onDismiss={() => setNotice(undefined)}>
              {String(notice.body)}
            </MessageCard>
          )
        ) : null}
        {tab === 'repositories' ? (
          <RepositoriesView api={api} canScan={me.isOrgAdmin} reloadSignal={reloadSignal} discovering={discovery.waiting} />
        ) : (
          <FindingsView key={reloadSignal} api={api} scope={{}} canDismiss={me.isOrgAdmin} />
        )}
      </div>
    </Page>
  );
}

export function OrgSettingsPage({ api, hostName }: OrgSettingsPageProps): JSX.Element {
  return (
    <ConnectedGate
      api={api}
      renderDisconnected={(me, reload) => (
        <ConnectPage api={api} hostName={me.organization.name || hostName} canConnect={me.isOrgAdmin} onConnected={reload} />
      )}
    >
      {(me) => <ConnectedOrganization api={api} me={me} />}
    </ConnectedGate>
  );
}
