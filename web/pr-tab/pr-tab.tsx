import * as React from 'react';
import { bootstrap } from '../common/bootstrap';
import { PrTabPage, pullRequestFromConfiguration } from './PrTabPage';

void bootstrap(async (host) => {
  const { pullRequestId, repositoryId } = pullRequestFromConfiguration(host.configuration);
  // The repository service gives the name (and is the fallback when the configuration has no id).
  const current = await host.currentRepository().catch(() => undefined);
  const repository =
    current && (!repositoryId || current.id === repositoryId)
      ? { id: current.id, name: current.name }
      : repositoryId
        ? { id: repositoryId, name: 'this repository' }
        : undefined;
  return <PrTabPage api={host.api} context={{ pullRequestId, repository }} />;
});
