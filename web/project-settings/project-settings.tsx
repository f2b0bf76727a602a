import * as React from 'react';
import { bootstrap } from '../common/bootstrap';
import { ProjectSettingsPage } from './ProjectSettingsPage';

void bootstrap(async (host) => {
  const project = await host.project();
  if (!project) throw new Error('Azure DevOps did not say which project this page is in.');
  return <ProjectSettingsPage api={host.api} project={project} urlQuery={host.urlQuery} />;
});
