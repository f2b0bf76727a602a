// The pull-request gate (Settings tab): the lowest severity of a new finding that fails Vigil's PR
// status, whether Vigil comments on pull requests, and a helper that makes Vigil's status a required
// check (a Status branch policy on each chosen repository's default branch). Administrators change
// them; others see the settings.
import * as React from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button } from 'azure-devops-ui/Button';
import { Card } from 'azure-devops-ui/Card';
import { Checkbox } from 'azure-devops-ui/Checkbox';
import { RadioButton, RadioButtonGroup } from 'azure-devops-ui/RadioButton';
import { Spinner, SpinnerSize } from 'azure-devops-ui/Spinner';
import { Status, Statuses, StatusSize } from 'azure-devops-ui/Status';
import { TextField } from 'azure-devops-ui/TextField';
import { Toggle } from 'azure-devops-ui/Toggle';
import type { RequireStatusPolicyResult } from '../../service/contract/gate-api';
import { GATE_SEVERITIES, SEVERITY_LABELS, type GateSeverity } from '../../service/contract/vocabulary';
import type { VigilApi } from '../common/api';
import { ErrorState } from '../common/ErrorState';
import { useOrganizationSettings, useRepositoryOptions, useUpdateOrganizationSettings } from '../common/queries';

/** Repositories drawn in the checklist at once; the filter finds the others. */
const SHOWN = 100;

export interface PullRequestGateSectionProps {
  api: VigilApi;
  canEdit: boolean;
}

export function PullRequestGateSection({ api, canEdit }: PullRequestGateSectionProps): JSX.Element {
  const settings = useOrganizationSettings(api);
  const update = useUpdateOrganizationSettings(api);
  if (settings.isLoading) return <Spinner size={SpinnerSize.large} label="Loading settings…" />;
  if (settings.error || !settings.data) return <ErrorState error={settings.error} context="Could not load the settings" onRetry={() => void settings.refetch()} />;
  const { gateSeverity, prComments } = settings.data;
  return (
    <Card className="vigil-settings vigil-pr-gate-settings" titleProps={{ text: 'Pull request gate' }}>
      <div className="flex-column vigil-settings-body">
        <p className="vigil-detail-text">
          Vigil scans each pull request&apos;s changes and posts the status <code>vigil/security</code>: failed when the pull request adds a finding at or above the gate
          severity, succeeded otherwise. Findings already on the target branch never fail it.
        </p>
        <RadioButtonGroup
          text="Fail the check on new findings at or above"
          selectedButtonId={gateSeverity}
          onSelect={(id) => update.mutate({ gateSeverity: id as GateSeverity })}
          className="vigil-gate-severity"
        >
          {GATE_SEVERITIES.map((s) => (
            <RadioButton key={s} id={s} text={SEVERITY_LABELS[s]} disabled={!canEdit || update.isLoading} />
          ))}
        </RadioButtonGroup>
        <Toggle
          checked={prComments}
          disabled={!canEdit || update.isLoading}
          text={prComments ? 'Comment on pull requests: one thread per new finding, on its lines' : 'No comments: the status and this tab only'}
          ariaLabel="Comment on pull requests"
          onChange={(_event, checked) => update.mutate({ prComments: checked })}
        />
        {!canEdit ? <p className="vigil-detail-text secondary-text body-s">Only a Project Collection Administrator can change these.</p> : null}
        {update.error ? <ErrorState error={update.error} context="Could not save the setting" onDismiss={() => update.reset()} className="vigil-block" /> : null}
        {canEdit ? <RepositoryGateOverride api={api} organizationSeverity={gateSeverity} /> : null}
        <RequiredCheckHelper api={api} canEdit={canEdit} />
      </div>
    </Card>
  );
}

/** Native selects, sized and bordered like the azure-devops-ui fields around them. */
const SELECT_STYLE: React.CSSProperties = { minWidth: 240, height: 32, padding: '0 8px', border: '1px solid rgba(0, 0, 0, 0.2)', borderRadius: 2, background: 'inherit', color: 'inherit', font: 'inherit' };

/** A repository's own gate severity: pick the repository, then its severity or the organization's. */
function RepositoryGateOverride({ api, organizationSeverity }: { api: VigilApi; organizationSeverity: GateSeverity }): JSX.Element {
  const repositories = useRepositoryOptions(api, undefined, true);
  const [repositoryId, setRepositoryId] = React.useState('');
  const gate = useQuery({ queryKey: ['repository-gate', repositoryId], queryFn: () => api.repositoryGate(repositoryId), enabled: Boolean(repositoryId) });
  const client = useQueryClient();
  const save = useMutation({
    mutationFn: (severity: GateSeverity | null) => api.setRepositoryGate(repositoryId, severity),
    onSuccess: (answer) => client.setQueryData(['repository-gate', answer.repositoryId], answer),
  });
  const own = gate.data?.source === 'repository' ? gate.data.severity : '';
  return (
    <div className="flex-column vigil-repository-gate margin-top-16">
      <h3 className="title-s">A repository&apos;s own gate</h3>
      <p className="vigil-detail-text secondary-text body-s">A repository can fail its pull requests at another severity than the organization&apos;s.</p>
      <div className="flex-row flex-center rhythm-horizontal-8">
        <select aria-label="Repository" style={SELECT_STYLE} value={repositoryId} onChange={(e) => setRepositoryId(e.target.value)} disabled={!repositories}>
          <option value="">{repositories ? 'Choose a repository…' : 'Loading repositories…'}</option>
          {(repositories ?? [])
            .filter((r) => r.versionControl === 'git')
            .map((r) => (
              <option key={r.id} value={r.id}>
                {r.projectName} / {r.name}
              </option>
            ))}
        </select>
        <select
          aria-label="Gate severity of the repository"
          style={SELECT_STYLE}
          value={own}
          disabled={!repositoryId || !gate.data || save.isLoading}
          onChange={(e) => save.mutate(e.target.value ? (e.target.value as GateSeverity) : null)}
        >
          <option value="">The organization&apos;s ({SEVERITY_LABELS[organizationSeverity]})</option>
          {GATE_SEVERITIES.map((sev) => (
            <option key={sev} value={sev}>
              {SEVERITY_LABELS[sev]} and above
            </option>
          ))}
        </select>
      </div>
      {gate.error ? <ErrorState error={gate.error} context="Could not read the repository's gate" className="vigil-block" /> : null}
      {save.error ? <ErrorState error={save.error} context="Could not save the repository's gate" onDismiss={() => save.reset()} className="vigil-block" /> : null}
    </div>
  );
}

const OUTCOME_LOOK: Record<RequireStatusPolicyResult['outcome'], { status: typeof Statuses.Success; text: string }> = {
  created: { status: Statuses.Success, text: 'Policy created' },
  exists: { status: Statuses.Information, text: 'Already required' },
  failed: { status: Statuses.Failed, text: 'Failed' },
};

/** "Require Vigil's check": pick repositories, create a Status policy on each default branch, show what happened. */
function RequiredCheckHelper({ api, canEdit }: PullRequestGateSectionProps): JSX.Element {
  const repositories = useRepositoryOptions(api, undefined, canEdit);
  const [chosen, setChosen] = React.useState<Set<string>>(new Set());
  const [filter, setFilter] = React.useState('');
  const requirement = useMutation({ mutationFn: (repositoryIds: string[]) => api.requireStatusPolicy({ repositoryIds }) });

  const intro = (
    <p className="vigil-detail-text">
      To block merges on a failed check, require it with a branch policy: in Azure DevOps, Repos › Branches › (default branch) › Branch policies › Status checks › Add status
      policy › <code>vigil/security</code>. Or let Vigil add that policy to the repositories you choose here.
    </p>
  );
  if (!canEdit) return <div className="flex-column vigil-required-check">{intro}</div>;
  if (!repositories) return <Spinner size={SpinnerSize.medium} label="Loading repositories…" />;

  const candidates = repositories.filter((r) => r.versionControl === 'git' && !r.isDisabled);
  const needle = filter.trim().toLowerCase();
  const shown = candidates.filter((r) => !needle || `${r.projectName}/${r.name}`.toLowerCase().includes(needle)).slice(0, SHOWN);
  const toggle = (id: string, on: boolean) =>
    setChosen((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  return (
    <div className="flex-column vigil-required-check">
      <h3 className="title-s margin-top-16">Require Vigil&apos;s check</h3>
      {intro}
      <TextField value={filter} onChange={(_e, v) => setFilter(v)} placeholder="Filter repositories" ariaLabel="Filter repositories" />
      <div className="flex-column vigil-required-check-list margin-top-8 margin-bottom-8" role="group" aria-label="Repositories to require Vigil's check on">
        {shown.map((r) => (
          <Checkbox
            key={r.id}
            checked={chosen.has(r.id)}
            disabled={requirement.isLoading || !r.defaultBranch}
            label={`${r.projectName} / ${r.name}${r.defaultBranch ? '' : ' (empty: no default branch)'}`}
            onChange={(_e, on) => toggle(r.id, Boolean(on))}
          />
        ))}
        {candidates.length > shown.length ? <span className="secondary-text body-s">{candidates.length - shown.length} more: filter to find them.</span> : null}
      </div>
      <div className="flex-row">
        <Button
          primary
          text="Require Vigil's check on these repositories"
          disabled={!chosen.size || requirement.isLoading}
          onClick={() => requirement.mutate([...chosen])}
        />
        {requirement.isLoading ? <Spinner size={SpinnerSize.small} className="margin-left-8" label="Creating policies…" /> : null}
      </div>
      {requirement.error ? <ErrorState error={requirement.error} context="Could not create the policies" onDismiss={() => requirement.reset()} className="vigil-block" /> : null}
      {requirement.data ? (
        <ul className="vigil-required-check-results margin-top-8" aria-label="Result per repository">
          {requirement.data.results.map((r) => (
            <li key={r.repositoryId} className="flex-row flex-center">
              <Status {...OUTCOME_LOOK[r.outcome].status} size={StatusSize.m} className="flex-noshrink" />
              <span className="margin-left-8">
                <strong>{r.repositoryName ?? r.repositoryId}</strong>: {OUTCOME_LOOK[r.outcome].text}
                {r.refName ? ` on ${r.refName.replace(/^refs\/heads\//, '')}` : ''}
                {r.reason ? ` — ${r.reason}` : ''}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
