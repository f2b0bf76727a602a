import * as React from 'react';
import { bootstrap } from '../common/bootstrap';
import { OrgSettingsPage } from './OrgSettingsPage';

void bootstrap((host) => <OrgSettingsPage api={host.api} hostName={host.organization.name} urlQuery={host.urlQuery} />);
