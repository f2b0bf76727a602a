// A scanning repository's progress: its phase, a bar of files done of total (when the scan knows the
// total), and the findings so far. A queued scan shows it is waiting its turn.
import * as React from 'react';
import type { ScanDto, ScanPhase } from '../../service/contract/api';
import { formatCount } from './format';

const PHASE_TEXT: Record<ScanPhase | 'queued' | 'starting', string> = {
  queued: 'Queued',
  starting: 'Starting',
  downloading: 'Downloading',
  unpacking: 'Unpacking',
  scanning: 'Scanning',
  saving: 'Saving results',
};

/** The phase a scan is in, in words ("Scanning"); undefined when it is not queued or running. */
export function scanPhaseText(scan: Pick<ScanDto, 'state' | 'progress'> | undefined): string | undefined {
  if (scan?.state === 'queued') return PHASE_TEXT.queued;
  if (scan?.state !== 'running') return undefined;
  return PHASE_TEXT[scan.progress?.phase ?? 'starting'];
}

/** "340 of 1,200 files · 3 findings so far" (or without the total). */
export function progressText(scan: Pick<ScanDto, 'progress'>): string | undefined {
  const p = scan.progress;
  if (!p || (p.phase !== 'scanning' && p.phase !== 'saving')) return undefined;
  const files = p.filesTotal !== undefined ? `${p.filesDone.toLocaleString('en-US')} of ${formatCount(p.filesTotal, 'file')}` : formatCount(p.filesDone, 'file');
  return `${files} · ${formatCount(p.findings, 'finding')} so far`;
}

export interface ScanProgressProps {
  scan: Pick<ScanDto, 'state' | 'progress'>;
  /** Whose scan it is, for screen readers ("web-storefront"). */
  label: string;
  compact?: boolean;
}

export function ScanProgress({ scan, label, compact = false }: ScanProgressProps): JSX.Element | null {
  const phase = scanPhaseText(scan);
  if (!phase) return null;
  const p = scan.state === 'running' ? scan.progress : undefined;
  const total = p?.filesTotal;
  const percent = p && total ? Math.min(100, Math.round((p.filesDone / total) * 100)) : undefined;
  const detail = progressText(scan);
  // Known share: a determinate bar; otherwise (downloading, a walk without total) an indeterminate one.
  const barProps =
    percent !== undefined
      ? { 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': percent, 'aria-valuetext': `${phase}: ${detail ?? `${percent}%`}` }
      : { 'aria-valuetext': phase };
  return (
    <div className={`vigil-scan-progress flex-column${compact ? ' compact' : ''}`}>
      <div className="flex-row flex-center vigil-scan-progress-line">
        <span className="vigil-scan-progress-phase">{phase}</span>
        {percent !== undefined ? <span className="secondary-text body-s margin-left-8">{percent}%</span> : null}
      </div>
      {scan.state === 'running' ? (
        <div className="vigil-scan-progress-track" role="progressbar" aria-label={`Scan of ${label}`} {...barProps}>
          <div
            className={`vigil-scan-progress-bar${percent === undefined ? ' indeterminate' : ''}`}
            style={percent === undefined ? undefined : { width: `${percent}%` }}
          />
        </div>
      ) : null}
      {detail ? <span className="secondary-text body-s text-ellipsis">{detail}</span> : null}
    </div>
  );
}
