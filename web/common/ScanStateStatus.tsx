import * as React from 'react';
import { type IStatusProps, Status, Statuses, StatusSize } from 'azure-devops-ui/Status';
import type { RepositoryScanState } from '../../service/contract/vocabulary';

export interface ScanStateStatusProps {
  state: RepositoryScanState;
  /** Why a repository is not scanned (disabled, empty): shown instead of "Not scanned". */
  skipReason?: string;
  /** What ended a failed or interrupted scan (tooltip). */
  error?: string;
  /** A second line for a finished scan, e.g. what its coverage left out ("3 files not scanned"). */
  note?: string;
  size?: StatusSize;
  /** Wrap the second line instead of cutting it off (where it is the only place the error shows in full). */
  wrap?: boolean;
}

const LOOK: Record<RepositoryScanState, { status: IStatusProps; text: string }> = {
  never: { status: Statuses.Waiting, text: 'Not scanned' },
  queued: { status: Statuses.Queued, text: 'Queued' },
  running: { status: Statuses.Running, text: 'Scanning' },
  done: { status: Statuses.Success, text: 'Scanned' },
  failed: { status: Statuses.Failed, text: 'Failed' },
  interrupted: { status: Statuses.Warning, text: 'Interrupted' },
};

export function ScanStateStatus({ state, skipReason, error, note, size = StatusSize.m, wrap = false }: ScanStateStatusProps): JSX.Element {
  const skipped = Boolean(skipReason) && state === 'never';
  const look = skipped ? { status: Statuses.Skipped, text: 'Skipped' } : LOOK[state];
  const detail = skipped ? skipReason : state === 'failed' || state === 'interrupted' ? error : state === 'done' ? note : undefined;
  return (
    <div className="flex-row flex-center vigil-scan-state" title={detail}>
      <Status {...look.status} key={state} size={size} animated={state === 'running'} className="flex-self-center flex-noshrink" />
      <div className="flex-column margin-left-8 vigil-scan-state-text">
        <span className={`text-ellipsis${skipped ? ' secondary-text' : ''}`}>{look.text}</span>
        {detail ? <span className={`${wrap ? 'vigil-scan-state-detail' : 'text-ellipsis'} secondary-text body-s`}>{detail}</span> : null}
      </div>
    </div>
  );
}
