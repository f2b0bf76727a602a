// Dismiss or reopen the selected alerts at once: one reason, comment and expiry for all of them. The
// service answers for each id; the bar says how many changed and which could not be found.
import * as React from 'react';
import { Button } from 'azure-devops-ui/Button';
import { ButtonGroup } from 'azure-devops-ui/ButtonGroup';
import { Card } from 'azure-devops-ui/Card';
import type { DismissRequest } from '../../service/contract/api';
import type { BulkTriageResponse } from '../../service/contract/findings-bulk-api';
import type { VigilApi } from './api';
import { DismissForm } from './DismissForm';
import { ErrorState } from './ErrorState';
import { formatCount } from './format';

export interface BulkActionsProps {
  api: VigilApi;
  /** Ids of the selected alerts. */
  selected: string[];
  /** After a change: the list reads again, the selection is cleared, a short message shown. */
  onDone: (message: string) => void;
  onClear: () => void;
  now?: number;
}

/** "Dismissed 3 alerts; 1 was not found." */
export function bulkOutcomeText(verb: 'Dismissed' | 'Reopened', answer: BulkTriageResponse): string {
  const missing = answer.results.filter((r) => r.outcome === 'not-found').length;
  const unchanged = answer.results.filter((r) => r.outcome === 'unchanged').length;
  const parts = [`${verb} ${formatCount(answer.changed, 'alert')}`];
  if (unchanged) parts.push(`${formatCount(unchanged, 'alert')} had nothing to change`);
  if (missing) parts.push(`${formatCount(missing, 'alert')} no longer exist${missing === 1 ? 's' : ''}`);
  return `${parts.join('; ')}.`;
}

export function BulkActions({ api, selected, onDone, onClear, now }: BulkActionsProps): JSX.Element | null {
  const [dismissing, setDismissing] = React.useState(false);
  const [reopening, setReopening] = React.useState(false);
  const [error, setError] = React.useState<unknown>();
  if (!selected.length) return null;
  const count = formatCount(selected.length, 'alert');

  const dismiss = async (request: DismissRequest) => {
    const answer = await api.bulkDismissFindings({ ...request, ids: selected });
    setDismissing(false);
    onDone(bulkOutcomeText('Dismissed', answer));
  };
  const reopen = async () => {
    setError(undefined);
    setReopening(true);
    try {
      onDone(bulkOutcomeText('Reopened', await api.bulkReopenFindings(selected)));
    } catch (err) {
      setError(err);
    } finally {
      setReopening(false);
    }
  };

  return (
    <div className="vigil-bulk-actions vigil-block" role="region" aria-label="Selected findings">
      <div className="flex-row flex-center flex-wrap">
        <span className="font-weight-semibold vigil-bulk-count">{count} selected</span>
        <ButtonGroup className="vigil-bulk-buttons">
          <Button text="Dismiss…" iconProps={{ iconName: 'Blocked2' }} onClick={() => setDismissing(true)} disabled={dismissing || reopening} />
          <Button text={reopening ? 'Reopening…' : 'Reopen'} iconProps={{ iconName: 'Undo' }} onClick={() => void reopen()} disabled={dismissing || reopening} />
          <Button text="Clear selection" subtle onClick={onClear} disabled={reopening} />
        </ButtonGroup>
      </div>
      {error !== undefined ? <ErrorState error={error} context="Could not reopen" onDismiss={() => setError(undefined)} /> : null}
      {dismissing ? (
        <Card className="vigil-bulk-dismiss">
          <DismissForm
            title={`Dismiss ${count}`}
            scopeText={`Dismisses every location of the ${count} in the organization, with the same reason. They stay dismissed across rescans until reopened or the expiry passes.`}
            onSubmit={dismiss}
            onCancel={() => setDismissing(false)}
            now={now}
          />
        </Card>
      ) : null}
    </div>
  );
}
