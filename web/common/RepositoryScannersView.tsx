// A repository's scanners (its panel's Scanners tab): each family on or off for this repository, from
// its own switch or the organization's (Settings › Scanners). Administrators switch; "As the
// organization" drops the repository's own choice.
import * as React from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button } from 'azure-devops-ui/Button';
import { Spinner, SpinnerSize } from 'azure-devops-ui/Spinner';
import { Toggle } from 'azure-devops-ui/Toggle';
import { SCANNER_FAMILY_INFO, type ScannerFamily, type ScannerSwitch } from '../../service/contract/settings-vocabulary';
import type { VigilApi } from './api';
import { ErrorState } from './ErrorState';

export interface RepositoryScannersViewProps {
  api: VigilApi;
  repository: { id: string; name: string };
  canEdit: boolean;
}

const key = (repositoryId: string) => ['repository-scanners', repositoryId] as const;

/** The repository's own switches as the service takes them back: only those from the repository. */
const overridesOf = (switches: ScannerSwitch[]): Partial<Record<ScannerFamily, boolean>> =>
  Object.fromEntries(switches.filter((s) => s.source === 'repository').map((s) => [s.family, s.enabled]));

export function RepositoryScannersView({ api, repository, canEdit }: RepositoryScannersViewProps): JSX.Element {
  const client = useQueryClient();
  const scanners = useQuery({ queryKey: key(repository.id), queryFn: () => api.repositoryScanners(repository.id) });
  const save = useMutation({
    mutationFn: (overrides: Partial<Record<ScannerFamily, boolean>>) => api.setRepositoryScanners(repository.id, overrides),
    onSuccess: (answer) => {
      client.setQueryData(key(repository.id), answer);
      void client.invalidateQueries(['audit-log']);
    },
  });
  if (scanners.isLoading) return <Spinner size={SpinnerSize.medium} label="Loading the scanners…" />;
  if (scanners.error || !scanners.data) return <ErrorState error={scanners.error} context="Could not load the scanners" onRetry={() => void scanners.refetch()} />;
  const switches = scanners.data.scanners;
  const own = overridesOf(switches);
  return (
    <div className="flex-column vigil-repository-scanners">
      <p className="vigil-detail-text">
        Scanners that run on {repository.name}. A switch of this repository&apos;s own overrides the organization&apos;s (Settings › Scanners); the next scan follows it.
      </p>
      <ul className="vigil-scanner-switches" aria-label={`Scanners of ${repository.name}`}>
        {switches.map((s) => {
          const info = SCANNER_FAMILY_INFO[s.family];
          return (
            <li key={s.family} className="flex-row flex-center vigil-scanner-switch">
              <Toggle
                checked={s.enabled}
                disabled={!canEdit || save.isLoading}
                ariaLabel={`${info.label} on ${repository.name}`}
                onChange={(_e, checked) => save.mutate({ ...own, [s.family]: checked })}
              />
              <div className="flex-column">
                <span className="font-weight-semibold">
                  {info.label} <span className="secondary-text">· {s.enabled ? 'on' : 'off'} · {s.source === 'repository' ? "this repository's choice" : "as the organization"}</span>
                </span>
                <span className="secondary-text body-s">{info.description}</span>
              </div>
            </li>
          );
        })}
      </ul>
      {canEdit ? (
        <div className="flex-row">
          <Button text="As the organization" ariaLabel="Use the organization's scanners for this repository" onClick={() => save.mutate({})} disabled={save.isLoading || Object.keys(own).length === 0} />
        </div>
      ) : (
        <p className="vigil-detail-text secondary-text body-s">Only a Project Collection Administrator can change this.</p>
      )}
      {save.error ? <ErrorState error={save.error} context="Could not save the scanners" onDismiss={() => save.reset()} className="vigil-block" /> : null}
    </div>
  );
}
