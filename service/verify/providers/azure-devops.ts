// Azure DevOps: GET https://dev.azure.com/{organization}/_apis/connectionData with the PAT (basic
// auth, X-TFS-FedAuthRedirect: Suppress so that a refused PAT is a 401, not a sign-in page) names its
// user. Checked against the organization being scanned only: a 401 there may be a PAT of another
// organization, so it is unknown rather than invalid.
// https://learn.microsoft.com/en-us/azure/devops/integrate/get-started/authentication/service-principal-managed-identity (connectionData)
import type { Verifier } from '../types';
import { at, basic, json, readStatus, text, unknown, verified } from './common';

export const azureDevops: Verifier = {
  provider: 'Azure DevOps',
  host: 'dev.azure.com',
  ruleIds: ['SEC-AZURE-DEVOPS-PAT', 'SEC-AZURE-DEVOPS-PAT-LEGACY'],
  docs: 'https://learn.microsoft.com/en-us/rest/api/azure/devops/?view=azure-devops-rest-7.1',
  request(s, ctx) {
    const org = ctx.adoOrganization;
    if (!org || !/^[A-Za-z0-9][A-Za-z0-9-]{0,49}$/.test(org)) return { cannot: 'checked only in a scan of an Azure DevOps Services organization' };
    return {
      method: 'GET',
      path: `/${encodeURIComponent(org)}/_apis/connectionData`,
      headers: { ...basic('', s.value), Accept: 'application/json', 'X-TFS-FedAuthRedirect': 'Suppress' },
    };
  },
  read(a, _s) {
    if (a.status === 200) {
      const user = at(json(a.body), 'authenticatedUser');
      // An anonymous answer (a public project's organization) says nothing of the PAT.
      const name = text(at(user, 'providerDisplayName'));
      if (!text(at(user, 'id')) || name === 'Anonymous') return unknown('the organization answered anonymously');
      return verified(name);
    }
    if (a.status === 401 || a.status === 203) return unknown('not accepted by this organization (it may belong to another one)');
    return readStatus(a, () => undefined, []);
  },
};
