// Which repositories Vigil scans (Settings tab): every repository and new ones (the default), every
// repository that exists now, or a chosen list; projects included or excluded on top. Excluded
// repositories are neither downloaded nor shown; saving a selection that excludes repositories with
// findings asks first, naming how many lose them. Administrators only (the editor lists every
// repository of every project).
import * as React from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button } from 'azure-devops-ui/Button';
import { Card } from 'azure-devops-ui/Card';
import { Checkbox } from 'azure-devops-ui/Checkbox';
import { Dialog } from 'azure-devops-ui/Dialog';
import { RadioButton, RadioButtonGroup } from 'azure-devops-ui/RadioButton';
import { Spinner, SpinnerSize } from 'azure-devops-ui/Spinner';
import { TextField } from 'azure-devops-ui/TextField';
import type { ConfirmDeleteProblem, RepositorySelection, RepositorySelectionRequest, RepositorySelectionResponse, SelectionMode } from '../../service/contract/selection-api';
import { ApiError, type VigilApi } from '../common/api';
import { ErrorState } from '../common/ErrorState';

const SELECTION_KEY = ['repository-selection'] as const;
/** Repositories drawn in the checklist at once; the filter finds the others. */
const SHOWN = 200;

type ProjectRule = 'every' | 'only' | 'except';

/** What the form edits. Projects: one rule and the projects it names (include and exclude together reduce to one). */
export interface SelectionDraft {
  mode: SelectionMode;
  chosen: Set<string>;
  projectRule: ProjectRule;
  projects: Set<string>;
}

export function draftOf(selection: RepositorySelection, repositories: RepositorySelectionResponse['repositories']): SelectionDraft {
  const include = selection.includeProjects ?? [];
  const exclude = new Set(selection.excludeProjects ?? []);
  const projectRule: ProjectRule = include.length ? 'only' : exclude.size ? 'except' : 'every';
  const projects = new Set(include.length ? include.filter((p) => !exclude.has(p)) : exclude);
  // 'selected' starts from its list; the other modes from what is scanned now, so switching to a list starts sensibly.
  const chosen = new Set(selection.mode === 'selected' ? (selection.repositoryIds ?? []) : repositories.filter((r) => r.included).map((r) => r.id));
  return { mode: selection.mode, chosen, projectRule, projects };
}

export function requestOf(d: SelectionDraft, confirmDelete = false): RepositorySelectionRequest {
  const projects = [...d.projects].sort();
  return {
    mode: d.mode,
    ...(d.mode === 'selected' ? { repositoryIds: [...d.chosen].sort() } : {}),
    ...(d.projectRule === 'only' ? { includeProjects: projects } : d.projectRule === 'except' ? { excludeProjects: projects } : {}),
    ...(confirmDelete ? { confirmDelete: true } : {}),
  };
}

/** Whether the draft's project rule lets the project's repositories be scanned. */
export const projectScanned = (d: SelectionDraft, projectId: string): boolean =>
  d.projectRule === 'every' || (d.projectRule === 'only' ? d.projects.has(projectId) : !d.projects.has(projectId));

/** The 409 answer's figures when saving needs a confirmation. */
const confirmationOf = (error: unknown): ConfirmDeleteProblem | undefined =>
  error instanceof ApiError && error.status === 409 && typeof (error.problem as Partial<ConfirmDeleteProblem> | undefined)?.repositoriesToDelete === 'number'
    ? (error.problem as ConfirmDeleteProblem)
    : undefined;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function RepositorySelectionSection({ api, canEdit }: { api: VigilApi; canEdit: boolean }): JSX.Element {
  return (
    <Card className="vigil-settings vigil-repository-selection" titleProps={{ text: 'Repositories to scan' }}>
      <div className="flex-column vigil-settings-body">
        <p className="vigil-detail-text">
          Which repositories Vigil downloads and scans. Excluded repositories are not scanned and not shown anywhere in Vigil; their stored findings are deleted
          when you save (you are asked first).
        </p>
        {canEdit ? <SelectionEditor api={api} /> : <p className="vigil-detail-text secondary-text body-s">Only a Project Collection Administrator can see and change which repositories are scanned.</p>}
      </div>
    </Card>
  );
}

function SelectionEditor({ api }: { api: VigilApi }): JSX.Element {
  const client = useQueryClient();
  const stored = useQuery({ queryKey: SELECTION_KEY, queryFn: () => api.repositorySelection() });
  const update = useMutation({
    mutationFn: (request: RepositorySelectionRequest) => api.updateRepositorySelection(request),
    onSuccess: (answer) => {
      client.setQueryData(SELECTION_KEY, answer);
      // Lists, findings and the overview all change with the selection.
      void client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== SELECTION_KEY[0] });
    },
  });
  const [draft, setDraft] = React.useState<SelectionDraft>();
  const [filter, setFilter] = React.useState('');
  const [saved, setSaved] = React.useState<RepositorySelectionResponse['deleted']>();
  React.useEffect(() => {
    if (stored.data) setDraft(draftOf(stored.data.selection, stored.data.repositories));
  }, [stored.data]);

  if (stored.isLoading) return <Spinner size={SpinnerSize.medium} label="Loading the repositories…" />;
  if (stored.error || !stored.data || !draft) return <ErrorState error={stored.error} context="Could not load the repository selection" onRetry={() => void stored.refetch()} />;
  const { repositories, projects } = stored.data;

  const change = (patch: Partial<SelectionDraft>) => {
    setSaved(undefined);
    update.reset();
    setDraft({ ...draft, ...patch });
  };
  const toggle = (set: Set<string>, id: string, on: boolean) => {
    const next = new Set(set);
    if (on) next.add(id);
    else next.delete(id);
    return next;
  };
  const save = (confirmDelete: boolean) => update.mutate(requestOf(draft, confirmDelete), { onSuccess: (answer) => setSaved(answer.deleted ?? { repositories: 0, findings: 0 }) });
  const confirmation = confirmationOf(update.error);

  const needle = filter.trim().toLowerCase();
  const matching = needle ? repositories.filter((r) => r.name.toLowerCase().includes(needle) || r.projectName.toLowerCase().includes(needle)) : repositories;
  const shown = matching.slice(0, SHOWN);
  const busy = update.isLoading;
  // 'all' keeps the repositories it was chosen with: say which ones came later.
  const snapshot = stored.data.selection.mode === 'all' ? new Set(stored.data.selection.repositoryIds ?? []) : undefined;
  const newSince = snapshot ? repositories.filter((r) => !snapshot.has(r.id) && !r.skipReason) : [];

  return (
    <>
      <RadioButtonGroup text="Scan" selectedButtonId={draft.mode} onSelect={(id) => change({ mode: id as SelectionMode })} className="vigil-selection-mode">
        <RadioButton id="all-future" text="All repositories, and new ones as they are created" disabled={busy} />
        <RadioButton id="all" text="All repositories that exist now (new ones are scanned once you choose them)" disabled={busy} />
        <RadioButton id="selected" text="Only the repositories I choose" disabled={busy} />
      </RadioButtonGroup>

      <RadioButtonGroup text="Projects" selectedButtonId={draft.projectRule} onSelect={(id) => change({ projectRule: id as ProjectRule })} className="vigil-selection-projects">
        <RadioButton id="every" text="Every project" disabled={busy} />
        <RadioButton id="only" text="Only the projects checked below" disabled={busy} />
        <RadioButton id="except" text="Every project except those checked below" disabled={busy} />
      </RadioButtonGroup>
      {draft.projectRule !== 'every' ? (
        <div className="flex-column" role="group" aria-label={draft.projectRule === 'only' ? 'Projects to scan' : 'Projects never scanned'}>
          {projects.map((p) => (
            <Checkbox
              key={p.id}
              checked={draft.projects.has(p.id)}
              disabled={busy}
              label={`${p.name} (${plural(p.repositories, 'repository', 'repositories')})`}
              onChange={(_e, on) => change({ projects: toggle(draft.projects, p.id, Boolean(on)) })}
            />
          ))}
        </div>
      ) : null}

      {draft.mode === 'selected' ? (
        <div className="flex-column">
          <div className="flex-row flex-center" style={{ gap: 12 }}>
            <TextField value={filter} onChange={(_e, v) => setFilter(v)} placeholder="Filter by repository or project" ariaLabel="Filter the repositories to scan" />
            <Button text="Check shown" subtle disabled={busy} onClick={() => change({ chosen: new Set([...draft.chosen, ...shown.map((r) => r.id)]) })} />
            <Button text="Uncheck shown" subtle disabled={busy} onClick={() => change({ chosen: new Set([...draft.chosen].filter((id) => !shown.some((r) => r.id === id))) })} />
            <span className="secondary-text body-s">{`${draft.chosen.size} of ${repositories.length} chosen`}</span>
          </div>
          <div className="flex-column" role="group" aria-label="Repositories to scan" style={{ maxHeight: 360, overflowY: 'auto', marginTop: 8 }}>
            {shown.map((r) => (
              <Checkbox
                key={r.id}
                checked={draft.chosen.has(r.id)}
                disabled={busy}
                label={`${r.projectName} / ${r.name}${projectScanned(draft, r.projectId) ? '' : ' (its project is not scanned)'}${r.skipReason ? ` (not scannable: ${r.skipReason})` : ''}`}
                onChange={(_e, on) => change({ chosen: toggle(draft.chosen, r.id, Boolean(on)) })}
              />
            ))}
            {matching.length > shown.length ? <span className="secondary-text body-s">{`${matching.length - shown.length} more: narrow the filter to see them.`}</span> : null}
            {!matching.length ? <span className="secondary-text body-s">No repository matches the filter.</span> : null}
          </div>
        </div>
      ) : null}

      <p className="vigil-detail-text secondary-text body-s">
        {`Scanned now: ${repositories.filter((r) => r.included).length} of ${plural(repositories.length, 'repository', 'repositories')}.`}
      </p>
      {draft.mode === 'all' && newSince.length ? (
        <p className="vigil-detail-text secondary-text body-s">
          {`Created since you chose this mode, not scanned: ${newSince.map((r) => r.name).join(', ')}. Choose them in “Only the repositories I choose”, or choose this mode again after switching away from it.`}
        </p>
      ) : null}
      <div className="flex-row flex-center vigil-policy-actions">
        <Button text={busy ? 'Saving…' : 'Save selection'} primary disabled={busy} onClick={() => save(false)} />
        {saved ? (
          <span className="secondary-text vigil-policy-saved">
            {saved.repositories ? `Saved. The findings of ${plural(saved.repositories, 'repository', 'repositories')} were deleted.` : 'Saved.'}
          </span>
        ) : null}
      </div>
      {update.error && !confirmation ? <ErrorState error={update.error} context="Could not save the selection" onDismiss={() => update.reset()} className="vigil-block" /> : null}
      {confirmation ? (
        <Dialog
          titleProps={{ text: 'Delete stored findings?' }}
          onDismiss={() => update.reset()}
          footerButtonProps={[
            { text: 'Cancel', onClick: () => update.reset() },
            { text: `Delete findings of ${plural(confirmation.repositoriesToDelete, 'repository', 'repositories')} and save`, danger: true, onClick: () => save(true) },
          ]}
        >
          <div className="flex-column">
            <p>
              {`This selection excludes ${plural(confirmation.repositoriesToDelete, 'repository', 'repositories')} that ${confirmation.repositoriesToDelete === 1 ? 'has' : 'have'} stored findings. Saving deletes ${
                confirmation.repositoriesToDelete === 1 ? 'its' : 'their'
              } findings, scan results and dependency inventories; choosing ${confirmation.repositoriesToDelete === 1 ? 'it' : 'them'} again later scans ${
                confirmation.repositoriesToDelete === 1 ? 'it' : 'them'
              } anew.`}
            </p>
            <ul className="vigil-selection-deleted">
              {confirmation.repositories.map((r) => (
                <li key={r.id}>{`${r.projectName} / ${r.name}`}</li>
              ))}
              {confirmation.repositoriesToDelete > confirmation.repositories.length ? <li>{`and ${confirmation.repositoriesToDelete - confirmation.repositories.length} more`}</li> : null}
            </ul>
          </div>
        </Dialog>
      ) : null}
    </>
  );
}
