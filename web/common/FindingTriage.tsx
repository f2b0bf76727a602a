// The dismissal part of the details panel: who dismissed the alert and why (with Reopen), an expired
// dismissal, or the Dismiss button and its form. Only organization administrators may act.
import * as React from 'react';
import { Button } from 'azure-devops-ui/Button';
import { MessageCard, MessageCardSeverity } from 'azure-devops-ui/MessageCard';
import type { DismissRequest, FindingDto } from '../../service/contract/api';
import { activeDismissal, canBeDismissed, dismissalReasonLabel } from './dismissal';
import { DismissForm } from './DismissForm';
import { ErrorState } from './ErrorState';
import { absoluteTime, formatDay, relativeTime } from './format';

export interface FindingTriageProps {
  finding: FindingDto;
  /** The viewer is an organization administrator (the service checks again). */
  canTriage: boolean;
  /** Sentence shown in the form, saying which locations a dismissal covers. */
  dismissScopeText: string;
  onDismiss: (request: DismissRequest) => Promise<void>;
  onReopen: () => Promise<void>;
  now?: number;
}

export const ADMIN_ONLY_TEXT = 'Only organization administrators can dismiss or reopen alerts.';

export function FindingTriage({ finding: f, canTriage, dismissScopeText, onDismiss, onReopen, now }: FindingTriageProps): JSX.Element | null {
  const [formOpen, setFormOpen] = React.useState(false);
  const [reopening, setReopening] = React.useState(false);
  const [reopenError, setReopenError] = React.useState<unknown>();
  const mounted = React.useRef(true);
  React.useEffect(() => () => void (mounted.current = false), []);

  const dismissal = activeDismissal(f);
  const expired = f.dismissal?.expired ? f.dismissal : undefined;
  const dismissible = canBeDismissed(f);
  if (!dismissal && !expired && !dismissible) return null;

  const reopen = async () => {
    setReopening(true);
    setReopenError(undefined);
    try {
      await onReopen();
    } catch (err) {
      if (mounted.current) setReopenError(err);
    } finally {
      if (mounted.current) setReopening(false);
    }
  };

  return (
    <div className="vigil-triage flex-column">
      {dismissal ? (
        <section className="vigil-dismissal" aria-label="Dismissal">
          <h3 className="vigil-detail-heading">Dismissed: {dismissalReasonLabel(dismissal.reason)}</h3>
          <p className="vigil-detail-text" title={`Dismissed ${absoluteTime(dismissal.at)}`}>
            {`By ${dismissal.byName ?? dismissal.by}, ${relativeTime(dismissal.at, now)} · ${
              dismissal.expires ? `Expires ${formatDay(dismissal.expires)}` : 'No expiry'
            }`}
          </p>
          {dismissal.comment ? <p className="vigil-detail-text vigil-pre-line vigil-dismissal-comment">{dismissal.comment}</p> : null}
          {canTriage ? (
            <div className="flex-row vigil-triage-actions">
              <Button text={reopening ? 'Reopening…' : 'Reopen'} iconProps={{ iconName: 'Undo' }} disabled={reopening} onClick={() => void reopen()} />
            </div>
          ) : null}
          {reopenError !== undefined ? <ErrorState error={reopenError} context="Could not reopen" /> : null}
        </section>
      ) : null}

      {expired ? (
        <MessageCard className="vigil-dismissal-expired" severity={MessageCardSeverity.Warning}>
          {`Dismissal expired on ${formatDay(expired.expires) || 'its expiry date'}. It had been dismissed as ${dismissalReasonLabel(
            expired.reason,
          ).toLowerCase()} by ${expired.byName ?? expired.by}; the alert is open again.`}
        </MessageCard>
      ) : null}

      {dismissible && canTriage ? (
        formOpen ? (
          <DismissForm scopeText={dismissScopeText} onSubmit={onDismiss} onCancel={() => setFormOpen(false)} now={now} />
        ) : (
          <div className="flex-row vigil-triage-actions">
            <Button text="Dismiss" iconProps={{ iconName: 'Blocked' }} onClick={() => setFormOpen(true)} />
          </div>
        )
      ) : null}

      {!canTriage && (dismissible || dismissal) ? <p className="vigil-detail-text secondary-text vigil-admin-only">{ADMIN_ONLY_TEXT}</p> : null}
    </div>
  );
}
