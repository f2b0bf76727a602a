// Settings › Compliance: the testing start date, the emergency label, the production-branch patterns and
// the checks that apply to repositories without their own (so also to repositories created later), the
// organization's extra evidence sources, and a repository's own patterns. Administrators change them
// (each change has the stored pull requests judged again); others see them.
import * as React from 'react';
import { Button } from 'azure-devops-ui/Button';
import { Card } from 'azure-devops-ui/Card';
import { Checkbox } from 'azure-devops-ui/Checkbox';
import { MessageCard, MessageCardSeverity } from 'azure-devops-ui/MessageCard';
import { Spinner, SpinnerSize } from 'azure-devops-ui/Spinner';
import { TextField, TextFieldWidth } from 'azure-devops-ui/TextField';
import {
  COMPLIANCE_CHECK_IDS,
  COMPLIANCE_CHECK_LABELS,
  type ComplianceCheckId,
  type ComplianceSettingsDto,
  type EvidenceSources,
} from '../../service/contract/compliance-api';
import type { VigilApi } from '../common/api';
import { splitList } from '../common/compliance/compliance';
import { useComplianceRepositories, useComplianceSettings, useUpdateComplianceRepository, useUpdateComplianceSettings } from '../common/compliance/queries';
import { ErrorState } from '../common/ErrorState';
import '../common/compliance/compliance.css';

export interface ComplianceSettingsSectionProps {
  api: VigilApi;
  canEdit: boolean;
}

const SOURCE_FIELDS: [keyof EvidenceSources, string][] = [
  ['sastTasks', 'SAST tasks'],
  ['sastStatuses', 'SAST statuses'],
  ['testTasks', 'Test tasks'],
  ['testStatuses', 'Test statuses'],
  ['dependencyTasks', 'Dependency-check tasks'],
  ['dependencyStatuses', 'Dependency-check statuses'],
];

interface Draft {
  startDate: string;
  emergencyLabel: string;
  branchPatterns: string;
  checks: ComplianceCheckId[];
  sources: Record<keyof EvidenceSources, string>;
}

const draftOf = (s: ComplianceSettingsDto): Draft => ({
  startDate: s.startDate,
  emergencyLabel: s.emergencyLabel,
  branchPatterns: s.branchPatterns.join(', '),
  checks: s.checks,
  sources: Object.fromEntries(SOURCE_FIELDS.map(([k]) => [k, s.evidenceSources[k].join(', ')])) as Draft['sources'],
});

/** A native select, sized and bordered like the azure-devops-ui fields around it. */
const SELECT_STYLE: React.CSSProperties = { minWidth: 240, height: 32, padding: '0 8px', border: '1px solid rgba(0, 0, 0, 0.2)', borderRadius: 2, background: 'inherit', color: 'inherit', font: 'inherit' };

export function ComplianceSettingsSection({ api, canEdit }: ComplianceSettingsSectionProps): JSX.Element {
  const settings = useComplianceSettings(api);
  const update = useUpdateComplianceSettings(api);
  const [draft, setDraft] = React.useState<Draft>();
  const [saved, setSaved] = React.useState(false);
  React.useEffect(() => {
    if (settings.data) setDraft(draftOf(settings.data));
  }, [settings.data]);

  if (settings.isLoading || (!draft && settings.data)) return <Spinner size={SpinnerSize.large} label="Loading compliance settings…" />;
  if (settings.error || !settings.data || !draft) return <ErrorState error={settings.error} context="Could not load the compliance settings" onRetry={() => void settings.refetch()} />;

  const change = (patch: Partial<Draft>) => {
    setSaved(false);
    setDraft({ ...draft, ...patch });
  };
  const toggleCheck = (id: ComplianceCheckId, on: boolean) => change({ checks: on ? COMPLIANCE_CHECK_IDS.filter((c) => c === id || draft.checks.includes(c)) : draft.checks.filter((c) => c !== id) });
  const save = () =>
    update.mutate(
      {
        startDate: draft.startDate.trim(),
        emergencyLabel: draft.emergencyLabel.trim(),
        branchPatterns: splitList(draft.branchPatterns),
        checks: draft.checks,
        evidenceSources: Object.fromEntries(SOURCE_FIELDS.map(([k]) => [k, splitList(draft.sources[k])])),
      },
      { onSuccess: () => setSaved(true) },
    );
  const disabled = !canEdit || update.isLoading;

  return (
    <Card className="vigil-settings vigil-compliance-settings" titleProps={{ text: 'Compliance' }}>
      <div className="flex-column vigil-settings-body">
        <p className="vigil-detail-text">
          Vigil records every pull request merged into a production branch (each repository&apos;s default branch and the patterns below) and checks it for an independent
          approval, SAST, integration tests and dependency checks before the merge, and whether the branch requires an independent approval.
        </p>
        <div className="vigil-compliance-settings-grid">
          <label htmlFor="compliance-start-date">Testing start date</label>
          <div className="flex-column">
            <TextField inputId="compliance-start-date" value={draft.startDate} onChange={(_e, v) => change({ startDate: v })} disabled={disabled} placeholder="YYYY-MM-DD" width={TextFieldWidth.standard} />
            <span className="secondary-text body-s">Pull requests completed before it are not applicable.</span>
          </div>
          <label htmlFor="compliance-emergency-label">Emergency label</label>
          <div className="flex-column">
            <TextField inputId="compliance-emergency-label" ariaLabel="Emergency label" value={draft.emergencyLabel} onChange={(_e, v) => change({ emergencyLabel: v })} disabled={disabled} width={TextFieldWidth.standard} />
            <span className="secondary-text body-s">A pull request with this label is exempt and listed under Emergency changes for review after the fact.</span>
          </div>
          <label htmlFor="compliance-branch-patterns">Production branches</label>
          <div className="flex-column">
            <TextField
              inputId="compliance-branch-patterns"
              value={draft.branchPatterns}
              onChange={(_e, v) => change({ branchPatterns: v })}
              disabled={disabled}
              placeholder="release/*, main"
              width={TextFieldWidth.auto}
            />
            <span className="secondary-text body-s">
              Besides each repository&apos;s default branch, for repositories without their own patterns, including repositories created later. Comma-separated;{' '}
              <code>*</code> matches within a path segment.
            </span>
          </div>
          <span>Checks for repositories</span>
          <div className="flex-column vigil-compliance-settings-checks" role="group" aria-label="Checks for repositories">
            {COMPLIANCE_CHECK_IDS.map((id) => (
              <Checkbox key={id} label={COMPLIANCE_CHECK_LABELS[id]} checked={draft.checks.includes(id)} disabled={disabled} onChange={(_e, on) => toggleCheck(id, on)} />
            ))}
            <span className="secondary-text body-s">Applies to repositories without their own list, including repositories created later.</span>
          </div>
          {SOURCE_FIELDS.map(([key, label]) => (
            <React.Fragment key={key}>
              <label htmlFor={`compliance-${key}`}>{label}</label>
              <TextField
                inputId={`compliance-${key}`}
                value={draft.sources[key]}
                onChange={(_e, v) => change({ sources: { ...draft.sources, [key]: v } })}
                disabled={disabled}
                placeholder={key.endsWith('Tasks') ? 'Task names, comma-separated' : 'Status contexts (genre/name), comma-separated'}
                width={TextFieldWidth.auto}
              />
            </React.Fragment>
          ))}
        </div>
        <span className="secondary-text body-s">The task and status lists add to the ones Vigil recognises (Microsoft Security DevOps, CodeQL, SonarQube, Snyk, Trivy…).</span>
        {canEdit ? (
          <div className="flex-row flex-center rhythm-horizontal-8">
            <Button primary text={update.isLoading ? 'Saving…' : 'Save compliance settings'} disabled={update.isLoading} onClick={save} />
            {saved ? <span className="secondary-text">Saved; the recorded pull requests are being judged again.</span> : null}
          </div>
        ) : (
          <p className="vigil-detail-text secondary-text body-s">Only a Project Collection Administrator can change these.</p>
        )}
        {update.error ? <ErrorState error={update.error} context="Could not save the compliance settings" onDismiss={() => update.reset()} className="vigil-block" /> : null}
        {canEdit ? <RepositoryPatterns api={api} organizationPatterns={settings.data.branchPatterns} /> : null}
      </div>
    </Card>
  );
}

/** A repository's own production-branch patterns: pick the repository, then its patterns or the organization's. */
export function RepositoryPatterns({ api, organizationPatterns, project }: { api: VigilApi; organizationPatterns: string[]; project?: string }): JSX.Element {
  const repositories = useComplianceRepositories(api, project);
  const save = useUpdateComplianceRepository(api);
  const [repositoryId, setRepositoryId] = React.useState('');
  const [patterns, setPatterns] = React.useState('');
  const chosen = repositories.data?.items.find((r) => r.repositoryId === repositoryId);
  React.useEffect(() => {
    setPatterns(chosen?.branchPatterns ? chosen.branchPatterns.join(', ') : '');
  }, [chosen]);
  const orgText = organizationPatterns.length ? organizationPatterns.join(', ') : 'none';
  return (
    <div className="flex-column vigil-compliance-repository margin-top-16">
      <h3 className="title-s">A repository&apos;s own production branches</h3>
      <p className="vigil-detail-text secondary-text body-s">A repository can have its own patterns instead of the organization&apos;s ({orgText}); its default branch always counts.</p>
      <div className="flex-row flex-center flex-wrap rhythm-horizontal-8">
        <select aria-label="Repository" style={SELECT_STYLE} value={repositoryId} onChange={(e) => setRepositoryId(e.target.value)} disabled={!repositories.data}>
          <option value="">{repositories.data ? 'Choose a repository…' : 'Loading repositories…'}</option>
          {(repositories.data?.items ?? []).map((r) => (
            <option key={r.repositoryId} value={r.repositoryId}>
              {r.projectName} / {r.repositoryName}
              {r.branchPatterns ? ' (own patterns)' : ''}
            </option>
          ))}
        </select>
        <TextField
          ariaLabel="Production branches of the repository"
          value={patterns}
          onChange={(_e, v) => setPatterns(v)}
          disabled={!chosen || save.isLoading}
          placeholder={chosen ? `The organization's: ${orgText}` : ''}
          width={TextFieldWidth.standard}
        />
        <Button text="Save" disabled={!chosen || save.isLoading} onClick={() => save.mutate({ repositoryId, request: { branchPatterns: splitList(patterns) } })} />
        <Button text="Use the organization's" disabled={!chosen?.branchPatterns || save.isLoading} onClick={() => save.mutate({ repositoryId, request: { branchPatterns: null } })} />
      </div>
      {chosen ? (
        <span className="secondary-text body-s">
          {chosen.branchPatterns ? `Own patterns: ${chosen.branchPatterns.join(', ') || 'default branch only'}` : `Follows the organization (${orgText})`}
          {chosen.defaultBranch ? ` · default branch ${chosen.defaultBranch.replace(/^refs\/heads\//, '')}` : ''}
        </span>
      ) : null}
      {save.isSuccess ? (
        <MessageCard className="vigil-block" severity={MessageCardSeverity.Info}>
          Saved; the repository&apos;s pull requests are being judged again.
        </MessageCard>
      ) : null}
      {save.error ? <ErrorState error={save.error} context="Could not save the repository's patterns" onDismiss={() => save.reset()} className="vigil-block" /> : null}
    </div>
  );
}
