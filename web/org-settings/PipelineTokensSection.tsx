// Pipeline tokens (Settings tab, administrators): what the Vigil scan task authenticates its reports with.
// A token is shown once, right after it is created; the list shows who made each, when it was last used,
// and revokes it.
import * as React from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button } from 'azure-devops-ui/Button';
import { Card } from 'azure-devops-ui/Card';
import { MessageCard, MessageCardSeverity } from 'azure-devops-ui/MessageCard';
import { Spinner, SpinnerSize } from 'azure-devops-ui/Spinner';
import { type ITableColumn, SimpleTableCell, Table } from 'azure-devops-ui/Table';
import { TextField } from 'azure-devops-ui/TextField';
import { ArrayItemProvider } from 'azure-devops-ui/Utilities/Provider';
import type { CreatedPipelineToken, PipelineTokenDto } from '../../service/contract/pipeline-api';
import type { VigilApi } from '../common/api';
import { ErrorState } from '../common/ErrorState';
import { absoluteTime, relativeTime } from '../common/format';
import './pipeline-tokens.css';

const TOKENS_KEY = ['pipeline-tokens'] as const;

export interface PipelineTokensSectionProps {
  api: VigilApi;
  canEdit: boolean;
  now?: number;
}

function columns(now: number | undefined, revoke: (t: PipelineTokenDto) => void, revoking: string | undefined): ITableColumn<PipelineTokenDto>[] {
  const cell = (id: string, name: string, width: number, render: (t: PipelineTokenDto) => React.ReactNode): ITableColumn<PipelineTokenDto> => ({
    id,
    name,
    width,
    renderCell: (_r, i, col, t) => (
      <SimpleTableCell key={col.id} columnIndex={i} tableColumn={col}>
        {render(t)}
      </SimpleTableCell>
    ),
  });
  return [
    cell('name', 'Name', -30, (t) => <span className={`text-ellipsis${t.revokedAt ? ' secondary-text' : ''}`}>{t.name}</span>),
    cell('by', 'Created by', -20, (t) => <span className="text-ellipsis">{t.createdByName ?? t.createdBy}</span>),
    cell('created', 'Created', -15, (t) => <span title={absoluteTime(t.createdAt)}>{relativeTime(t.createdAt, now)}</span>),
    cell('used', 'Last used', -15, (t) =>
      t.lastUsedAt ? <span title={absoluteTime(t.lastUsedAt)}>{relativeTime(t.lastUsedAt, now)}</span> : <span className="secondary-text">Never</span>,
    ),
    cell('state', '', -20, (t) =>
      t.revokedAt ? (
        <span className="secondary-text" title={absoluteTime(t.revokedAt)}>
          Revoked {relativeTime(t.revokedAt, now)}
        </span>
      ) : (
        <Button text={revoking === t.id ? 'Revoking…' : 'Revoke'} subtle disabled={revoking === t.id} ariaLabel={`Revoke ${t.name}`} onClick={() => revoke(t)} />
      ),
    ),
  ];
}

function CreatedToken({ created, onDismiss }: { created: CreatedPipelineToken; onDismiss: () => void }): JSX.Element {
  return (
    <MessageCard className="flex-self-stretch vigil-pipeline-token-created" severity={MessageCardSeverity.Info} onDismiss={onDismiss}>
      <div className="flex-column">
        <span className="font-weight-semibold">Copy the token of &quot;{created.info.name}&quot; now: it is not shown again.</span>
        <code className="vigil-pipeline-token" aria-label="The new pipeline token">
          {created.token}
        </code>
        <span className="body-s">
          In the project, create a Generic service connection whose server URL is the Vigil service and whose password is this token, then name it in the task&apos;s
          vigilService input.
        </span>
      </div>
    </MessageCard>
  );
}

export function PipelineTokensSection({ api, canEdit, now }: PipelineTokensSectionProps): JSX.Element {
  const client = useQueryClient();
  const tokens = useQuery({ queryKey: TOKENS_KEY, queryFn: () => api.pipelineTokens(), enabled: canEdit });
  const [name, setName] = React.useState('');
  const [created, setCreated] = React.useState<CreatedPipelineToken>();
  const create = useMutation({
    mutationFn: (tokenName: string) => api.createPipelineToken({ name: tokenName }),
    onSuccess: (answer) => {
      setCreated(answer);
      setName('');
      void client.invalidateQueries(TOKENS_KEY);
    },
  });
  const revoke = useMutation({ mutationFn: (t: PipelineTokenDto) => api.revokePipelineToken(t.id), onSuccess: () => void client.invalidateQueries(TOKENS_KEY) });
  const revoking = revoke.isLoading ? revoke.variables?.id : undefined;
  const cols = React.useMemo(() => columns(now, (t) => revoke.mutate(t), revoking), [now, revoke, revoking]);
  const items = tokens.data?.items;
  const provider = React.useMemo(() => new ArrayItemProvider(items ?? []), [items]);
  const submit = () => {
    if (name.trim()) create.mutate(name.trim());
  };

  return (
    <Card className="vigil-settings vigil-pipeline-tokens" titleProps={{ text: 'Pipeline tokens' }}>
      <div className="flex-column vigil-settings-body">
        <p className="vigil-detail-text">
          The Vigil scan task in a pipeline reports its findings here, and reads the target branch&apos;s results as its baseline, with a pipeline token. Vigil keeps only a hash of
          each token; revoke one that leaked or is no longer used.
        </p>
        {!canEdit ? (
          <p className="vigil-detail-text secondary-text body-s">Only a Project Collection Administrator can see and create pipeline tokens.</p>
        ) : (
          <>
            {created ? <CreatedToken created={created} onDismiss={() => setCreated(undefined)} /> : null}
            <form
              className="flex-row flex-center rhythm-horizontal-8 vigil-pipeline-token-form"
              onSubmit={(e) => {
                e.preventDefault();
                submit();
              }}
            >
              <TextField
                value={name}
                onChange={(_e, v) => setName(v)}
                placeholder="Name, e.g. the pipeline or team it is for"
                ariaLabel="Name of the new pipeline token"
                maxLength={100}
                className="vigil-pipeline-token-name"
              />
              <Button text={create.isLoading ? 'Creating…' : 'Create token'} primary disabled={!name.trim() || create.isLoading} onClick={submit} />
            </form>
            {create.error ? <ErrorState error={create.error} context="Could not create the token" onDismiss={() => create.reset()} className="vigil-block" /> : null}
            {revoke.error ? <ErrorState error={revoke.error} context="Could not revoke the token" onDismiss={() => revoke.reset()} className="vigil-block" /> : null}
            {tokens.isLoading ? (
              <Spinner size={SpinnerSize.medium} label="Loading the pipeline tokens…" />
            ) : tokens.error || !tokens.data ? (
              <ErrorState error={tokens.error} context="Could not load the pipeline tokens" onRetry={() => void tokens.refetch()} />
            ) : tokens.data.items.length ? (
              <Table<PipelineTokenDto> className="vigil-pipeline-tokens-table" ariaLabel="Pipeline tokens" columns={cols} itemProvider={provider} role="table" containerClassName="h-scroll-auto" />
            ) : (
              <p className="vigil-detail-text secondary-text">No pipeline token yet.</p>
            )}
          </>
        )}
      </div>
    </Card>
  );
}
