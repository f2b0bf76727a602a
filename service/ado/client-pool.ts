import { createHash } from 'node:crypto';
import { AdoClient, type AdoLogger } from './client';
import type { EntraTokens } from './entra';
import type { RequestBudgets } from './request-budget';
import type { AdoCredential } from './types';

export type AdoClientFactory = (orgUrl: string, credential: AdoCredential) => AdoClient;

/**
 * One client per identity and organization, so a Retry-After that ADO sends to one job also paces the
 * next job that uses the same credential (ADO limits per identity). The organization's own credential
 * (a PAT or service principal: the jobs' identity) also takes its turns from `budgets`, shared with the
 * other processes; a user's access token (the hub's calls, a few per user) does not.
 */
export function sharedAdoClients(log: AdoLogger, entraTokens?: EntraTokens, budgets?: RequestBudgets): AdoClientFactory {
  const clients = new Map<string, AdoClient>();
  return (orgUrl, credential) => {
    const key = createHash('sha256').update(`${orgUrl}\n${credential.kind}\n${secretOf(credential)}`).digest('hex');
    let client = clients.get(key);
    if (!client) {
      if (clients.size >= 1000) clients.delete(clients.keys().next().value!);
      const budget = credential.kind === 'bearer' ? undefined : budgets?.(key);
      client = new AdoClient({ orgUrl, credential, logger: log, entraTokens, budget });
      clients.set(key, client);
    }
    return client;
  };
}

/** What tells one identity's credential from another's (hashed, never kept). */
function secretOf(credential: AdoCredential): string {
  if (credential.kind !== 'service-principal') return credential.token;
  const p = credential.principal;
  return `${p.tenantId}\n${p.clientId}\n${p.clientSecret ?? ''}\n${p.certificatePem ?? ''}`;
}
