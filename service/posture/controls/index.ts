// Every posture control, one module per area (an explicit list, checked by the catalog test):
// ADO-ORG-, ADO-PRJ-, ADO-PIPE-, ADO-REL-, ADO-SC-, ADO-VG-, ADO-SF-, ADO-POOL-, ADO-ENV-, ADO-REPO-,
// ADO-USER-, ADO-EXT-, and ADO-PATH- for the combined risks that join several of them.
import type { Control } from './control';
import { agentPoolsControls } from './agent-pools';
import { combinedControls } from './combined';
import { environmentsControls } from './environments';
import { extensionsControls } from './extensions';
import { organizationControls } from './organization';
import { pipelinesControls } from './pipelines';
import { projectsControls } from './projects';
import { releasesControls } from './releases';
import { repositoriesControls } from './repositories';
import { secureFilesControls } from './secure-files';
import { serviceConnectionsControls } from './service-connections';
import { usersControls } from './users';
import { variableGroupsControls } from './variable-groups';

export const postureControls: readonly Control[] = [
  ...organizationControls,
  ...projectsControls,
  ...pipelinesControls,
  ...releasesControls,
  ...serviceConnectionsControls,
  ...variableGroupsControls,
  ...secureFilesControls,
  ...agentPoolsControls,
  ...environmentsControls,
  ...repositoriesControls,
  ...usersControls,
  ...extensionsControls,
  ...combinedControls,
];
