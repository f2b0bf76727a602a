import * as React from 'react';
import { bootstrap } from '../common/bootstrap';
import { RepoSecurityPage } from './RepoSecurityPage';

void bootstrap(async (host) => <RepoSecurityPage api={host.api} repository={await host.currentRepository()} />);
