// Settings › Audit log (administrators): every change made to the organization's settings, credential
// and findings, newest first — when, who, what, target and the values before and after.
import * as React from 'react';
import { Button } from 'azure-devops-ui/Button';
import { Card } from 'azure-devops-ui/Card';
import { Spinner, SpinnerSize } from 'azure-devops-ui/Spinner';
import type { AuditEntryDto } from '../../service/contract/settings-api';
import { AUDIT_ACTION_LABELS, type KnownAuditAction } from '../../service/contract/settings-vocabulary';
import type { VigilApi } from '../common/api';
import { ErrorState } from '../common/ErrorState';
import { absoluteTime } from '../common/format';
import { useAuditLog } from './settings-queries';

export const actionLabel = (action: string): string => AUDIT_ACTION_LABELS[action as KnownAuditAction] ?? action;

const valueText = (v: unknown): string => (v === null || v === undefined ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** "gateSeverity: high → critical; prComments: true → false", or the values recorded when there is no before. */
export function detailsText(e: Pick<AuditEntryDto, 'before' | 'after'>): string {
  const before = (e.before && typeof e.before === 'object' ? e.before : {}) as Record<string, unknown>;
  const after = (e.after && typeof e.after === 'object' ? e.after : {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys.map((k) => (k in before ? `${k}: ${valueText(before[k])} → ${valueText(after[k])}` : `${k}: ${valueText(after[k])}`)).join('; ');
}

export function AuditLogSection({ api }: { api: VigilApi }): JSX.Element {
  const [action, setAction] = React.useState('');
  const log = useAuditLog(api, action || undefined);
  const entries = log.data?.pages.flatMap((p) => p.items) ?? [];
  const actions = log.data?.pages[0]?.actions ?? [];
  return (
    <Card className="vigil-settings" titleProps={{ text: 'Audit log' }}>
      <div className="flex-column vigil-settings-body">
        <p className="vigil-detail-text">
          Every change an administrator made to this organization in Vigil. The log is deleted with the organization&apos;s other data when it is disconnected.
        </p>
        <div className="flex-row flex-center">
          <label htmlFor="vigil-audit-action" className="vigil-inline-label">
            Action
          </label>
          <select id="vigil-audit-action" className="vigil-audit-select" value={action} onChange={(e) => setAction(e.target.value)}>
            <option value="">All actions</option>
            {[...new Set([...actions, ...(action ? [action] : [])])].map((a) => (
              <option key={a} value={a}>
                {actionLabel(a)}
              </option>
            ))}
          </select>
        </div>
        {log.isLoading ? (
          <Spinner size={SpinnerSize.medium} label="Loading the audit log…" />
        ) : log.error ? (
          <ErrorState error={log.error} context="Could not load the audit log" onRetry={() => void log.refetch()} />
        ) : entries.length === 0 ? (
          <p className="vigil-detail-text secondary-text">No change recorded{action ? ' for this action' : ''} yet.</p>
        ) : (
          <table className="vigil-audit-table">
            <caption className="vigil-visually-hidden">Audit log, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Target</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td>{absoluteTime(e.at)}</td>
                  <td>{e.actor.displayName ?? e.actor.id}</td>
                  <td>{actionLabel(e.action)}</td>
                  <td>{e.target ?? '—'}</td>
                  <td className="vigil-audit-details" title={e.requestId ? `Request ${e.requestId}` : undefined}>
                    {detailsText(e) || '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {log.hasNextPage ? (
          <div className="flex-row">
            <Button text={log.isFetchingNextPage ? 'Loading…' : 'Show older'} onClick={() => void log.fetchNextPage()} disabled={log.isFetchingNextPage} />
          </div>
        ) : null}
      </div>
    </Card>
  );
}
