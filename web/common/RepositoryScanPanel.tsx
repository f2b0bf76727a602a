// A repository's last scan, opened from the repositories table: its facts, the scanners' figures and warnings.
import * as React from 'react';
import { ContentSize } from 'azure-devops-ui/Callout';
import { Panel } from 'azure-devops-ui/Panel';
import type { RepositoryDto } from '../../service/contract/api';
import { formatBytes } from '../../service/contract/coverage-text';
import { branchText } from './format';
import { LastScanSummary } from './LastScanSummary';
import { ScannerFigures } from './ScannerFigures';

export interface RepositoryScanPanelProps {
  repository: RepositoryDto;
  /** Why the repository is not scanned (disabled, empty), when it is skipped. */
  skipReason?: string;
  onClose: () => void;
  now?: number;
}

export function RepositoryScanPanel({ repository: r, skipReason, onClose, now }: RepositoryScanPanelProps): JSX.Element {
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
      <div className="vigil-repository-scan flex-column">
        <LastScanSummary scan={r.lastScan ?? null} skipReason={skipReason} now={now} />
        {r.lastScan ? <ScannerFigures scan={r.lastScan} /> : null}
      </div>
    </Panel>
  );
}
