// A repository opened from the repositories table: its findings, its last scan (facts, the scanners'
// figures and warnings), its scans (newest first, each with its detail), its dependencies (the packages of
// that scan, with the SBOM to download), and, while it scans, the live progress.
import * as React from 'react';
import { ContentSize } from 'azure-devops-ui/Callout';
import { Panel } from 'azure-devops-ui/Panel';
import { Tab, TabBar, TabSize } from 'azure-devops-ui/Tabs';
import type { RepositoryDto } from '../../service/contract/api';
import { formatBytes } from '../../service/contract/coverage-text';
import type { VigilApi } from './api';
import { DependenciesView } from './DependenciesView';
import { FindingsView } from './FindingsView';
import { branchText } from './format';
import { LastScanSummary } from './LastScanSummary';
import { RepositoryScannersView } from './RepositoryScannersView';
import { ScanHistory } from './ScanHistory';
import { ScannerFigures } from './ScannerFigures';
import { ScanProgress } from './ScanProgress';

export interface RepositoryScanPanelProps {
  api: VigilApi;
  repository: RepositoryDto;
  /** Why the repository is not scanned (disabled, empty), when it is skipped. */
  skipReason?: string;
  onClose: () => void;
  now?: number;
  /** The tab shown first: the findings after a completed scan, else the last scan (why it failed, or why there is none). */
  initialTab?: RepositoryPanelTab;
  /** The viewer may dismiss and reopen findings (the service checks again). */
  canDismiss?: boolean;
}

export type RepositoryPanelTab = 'findings' | 'scan' | 'scans' | 'dependencies' | 'scanners';

export function RepositoryScanPanel({ api, repository: r, skipReason, onClose, now, initialTab, canDismiss = false }: RepositoryScanPanelProps): JSX.Element {
  const [tab, setTab] = React.useState<RepositoryPanelTab>(initialTab ?? (r.lastScan?.state === 'done' ? 'findings' : 'scan'));
  // What the row says ("main", "Team Foundation Version Control", "no default branch"); "last scan of main" once scanned.
  const code = r.lastScan && r.defaultBranch ? `last scan of ${branchText(r)}` : branchText(r);
  return (
    <Panel
      onDismiss={onClose}
      titleProps={{ text: r.name }}
      description={`${r.projectName} · ${code} · size ${r.sizeBytes === undefined ? '—' : formatBytes(r.sizeBytes)}`}
      footerButtonProps={[{ text: 'Close', onClick: onClose, primary: true }]}
      size={ContentSize.ExtraLarge}
      className="vigil-repository-panel"
    >
      <div className="flex-column flex-grow vigil-repository-panel-body">
        <TabBar selectedTabId={tab} onSelectedTabChanged={(id) => setTab(id as RepositoryPanelTab)} tabSize={TabSize.Compact} className="vigil-panel-tabs">
          <Tab id="findings" name="Findings" />
          <Tab id="scan" name="Last scan" />
          <Tab id="scans" name="Scans" />
          <Tab id="dependencies" name="Dependencies" />
          <Tab id="scanners" name="Scanners" />
        </TabBar>
        {r.lastScan && (r.scanState === 'running' || r.scanState === 'queued') ? (
          <div className="vigil-block" aria-live="polite">
            <ScanProgress scan={r.scanState === 'queued' ? { state: 'queued' } : r.lastScan} label={r.name} />
          </div>
        ) : null}
        {tab === 'findings' ? (
          <FindingsView api={api} scope={{ repository: r.id }} canDismiss={canDismiss} now={now} />
        ) : tab === 'scan' ? (
          <div className="vigil-repository-scan flex-column">
            <LastScanSummary scan={r.lastScan ?? null} skipReason={skipReason} now={now} />
            {r.lastScan ? <ScannerFigures scan={r.lastScan} /> : null}
          </div>
        ) : tab === 'scans' ? (
          <ScanHistory api={api} repository={{ id: r.id, name: r.name }} now={now} />
        ) : tab === 'scanners' ? (
          <RepositoryScannersView api={api} repository={{ id: r.id, name: r.name }} canEdit={canDismiss} />
        ) : (
          <DependenciesView api={api} repository={{ id: r.id, name: r.name }} now={now} />
        )}
      </div>
    </Panel>
  );
}
