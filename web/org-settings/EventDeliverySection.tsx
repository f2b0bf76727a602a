// How Azure DevOps's events reach Vigil (Settings tab): service hooks (each subscription with the state
// ADO gives it: enabled, on probation, disabled after failed deliveries, or missing) or polling, with
// the reason (no public URL, a PAT without the service hooks scope). Administrators repair the
// subscriptions: the missing are made again and those ADO disabled are enabled.
import * as React from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button } from 'azure-devops-ui/Button';
import { Card } from 'azure-devops-ui/Card';
import { MessageCard, MessageCardSeverity } from 'azure-devops-ui/MessageCard';
import { Pill, PillSize, PillVariant } from 'azure-devops-ui/Pill';
import { Spinner, SpinnerSize } from 'azure-devops-ui/Spinner';
import { type ITableColumn, SimpleTableCell, Table } from 'azure-devops-ui/Table';
import { ArrayItemProvider } from 'azure-devops-ui/Utilities/Provider';
import type { EventDeliveryDto, HookSubscriptionDto } from '../../service/contract/events-api';
import type { VigilApi } from '../common/api';
import { ErrorState } from '../common/ErrorState';
import { absoluteTime, formatCount, relativeTime } from '../common/format';

const EVENT_DELIVERY_KEY = ['event-delivery'] as const;

const EVENT_LABELS: Record<string, string> = {
  'git.push': 'Code pushed',
  'git.pullrequest.created': 'Pull request created',
  'git.pullrequest.updated': 'Pull request updated',
  'git.pullrequest.merged': 'Pull request merged',
  'build.complete': 'Build completed',
};

/** ADO's subscription states, in words, with a colour: green delivers, amber is slowed down, red does not deliver. */
const STATUS: Record<string, { label: string; color: { red: number; green: number; blue: number } }> = {
  enabled: { label: 'Active', color: { red: 16, green: 124, blue: 16 } },
  onProbation: { label: 'On probation', color: { red: 214, green: 127, blue: 60 } },
  disabledBySystem: { label: 'Disabled by Azure DevOps', color: { red: 205, green: 74, blue: 69 } },
  disabledByUser: { label: 'Disabled by a user', color: { red: 205, green: 74, blue: 69 } },
  disabledByInactiveIdentity: { label: 'Disabled: inactive identity', color: { red: 205, green: 74, blue: 69 } },
  missing: { label: 'Missing', color: { red: 205, green: 74, blue: 69 } },
};

export function SubscriptionStatusPill({ status }: { status: string }): JSX.Element {
  const s = STATUS[status] ?? { label: status, color: { red: 120, green: 120, blue: 120 } };
  return (
    <Pill className={`vigil-subscription-status vigil-subscription-${status}`} color={s.color} variant={PillVariant.colored} size={PillSize.compact} ariaLabel={`Subscription ${s.label}`}>
      {s.label}
    </Pill>
  );
}

function columns(now: number | undefined): ITableColumn<HookSubscriptionDto>[] {
  return [
    {
      id: 'project',
      name: 'Project',
      width: -25,
      renderCell: (_r, i, col, s) => (
        <SimpleTableCell key={col.id} columnIndex={i} tableColumn={col}>
          <span className="text-ellipsis">{s.projectName ?? s.projectId}</span>
        </SimpleTableCell>
      ),
    },
    {
      id: 'event',
      name: 'Event',
      width: -25,
      renderCell: (_r, i, col, s) => (
        <SimpleTableCell key={col.id} columnIndex={i} tableColumn={col}>
          <span className="text-ellipsis" title={s.eventType}>
            {EVENT_LABELS[s.eventType] ?? s.eventType}
          </span>
        </SimpleTableCell>
      ),
    },
    {
      id: 'status',
      name: 'State',
      width: -30,
      renderCell: (_r, i, col, s) => (
        <SimpleTableCell key={col.id} columnIndex={i} tableColumn={col}>
          <div className="flex-column">
            <SubscriptionStatusPill status={s.status} />
            {s.lastError ? (
              <span className="vigil-error-detail body-s text-ellipsis" title={s.lastError}>
                {s.lastError}
              </span>
            ) : null}
          </div>
        </SimpleTableCell>
      ),
    },
    {
      id: 'checked',
      name: 'Checked',
      width: -20,
      renderCell: (_r, i, col, s) => (
        <SimpleTableCell key={col.id} columnIndex={i} tableColumn={col}>
          <span title={absoluteTime(s.checkedAt)}>{relativeTime(s.checkedAt, now)}</span>
        </SimpleTableCell>
      ),
    },
  ];
}

function ModeSummary({ delivery, now }: { delivery: EventDeliveryDto; now?: number }): JSX.Element {
  const facts: string[] = [];
  if (delivery.lastEventAt) facts.push(`last event ${relativeTime(delivery.lastEventAt, now)}`);
  if (delivery.lastPollAt) facts.push(`last poll ${relativeTime(delivery.lastPollAt, now)}`);
  if (delivery.eventsIgnored) facts.push(`${formatCount(delivery.eventsIgnored, 'event')} ignored`);
  return (
    <>
      {delivery.mode === 'hooks' ? (
        <p className="vigil-detail-text vigil-event-mode">
          <span className="font-weight-semibold">Service hooks:</span> Azure DevOps sends pushes, pull requests and builds to {delivery.receiverUrl ?? 'Vigil'} as they happen.
        </p>
      ) : delivery.mode === 'polling' ? (
        <MessageCard className="flex-self-stretch vigil-event-mode" severity={MessageCardSeverity.Warning}>
          <div className="flex-column">
            <span className="font-weight-semibold">Polling every {formatCount(delivery.pollMinutes, 'minute')}: events do not reach Vigil.</span>
            {delivery.modeReason ? <span>{delivery.modeReason}</span> : null}
          </div>
        </MessageCard>
      ) : (
        <p className="vigil-detail-text vigil-event-mode">Not set up yet: Vigil subscribes to the organization&apos;s events shortly after it is connected.</p>
      )}
      {facts.length ? <p className="vigil-detail-text secondary-text body-s">{facts.join(' · ')}</p> : null}
    </>
  );
}

export interface EventDeliverySectionProps {
  api: VigilApi;
  canEdit: boolean;
  now?: number;
}

export function EventDeliverySection({ api, canEdit, now }: EventDeliverySectionProps): JSX.Element {
  const client = useQueryClient();
  const delivery = useQuery({ queryKey: EVENT_DELIVERY_KEY, queryFn: () => api.eventDelivery() });
  const repair = useMutation({ mutationFn: () => api.repairEventDelivery(), onSuccess: (d) => client.setQueryData(EVENT_DELIVERY_KEY, d) });
  const cols = React.useMemo(() => columns(now), [now]);
  const subs = delivery.data?.subscriptions;
  const provider = React.useMemo(() => new ArrayItemProvider(subs ?? []), [subs]);
  return (
    <Card className="vigil-settings vigil-event-delivery" titleProps={{ text: 'Event delivery' }}>
      <div className="flex-column vigil-settings-body">
        <p className="vigil-detail-text">
          Vigil scans a push to a default branch and every pull request update when Azure DevOps tells it: through service hook subscriptions (one per project and event), or, when
          Azure DevOps cannot reach Vigil, by polling branches and pull requests.
        </p>
        {delivery.isLoading ? (
          <Spinner size={SpinnerSize.medium} label="Loading the event delivery…" />
        ) : delivery.error || !delivery.data ? (
          <ErrorState error={delivery.error} context="Could not load the event delivery" onRetry={() => void delivery.refetch()} />
        ) : (
          <>
            <ModeSummary delivery={delivery.data} now={now} />
            {delivery.data.subscriptions.length ? (
              <Table<HookSubscriptionDto> className="vigil-subscriptions-table" ariaLabel="Service hook subscriptions" columns={cols} itemProvider={provider} containerClassName="h-scroll-auto" />
            ) : null}
            {canEdit ? (
              <div className="flex-row">
                <Button text={repair.isLoading ? 'Repairing…' : 'Repair subscriptions'} disabled={repair.isLoading} onClick={() => repair.mutate()} />
              </div>
            ) : (
              <p className="vigil-detail-text secondary-text body-s">Only a Project Collection Administrator can repair the subscriptions.</p>
            )}
            {repair.error ? <ErrorState error={repair.error} context="Could not repair the subscriptions" onDismiss={() => repair.reset()} className="vigil-block" /> : null}
          </>
        )}
      </div>
    </Card>
  );
}
