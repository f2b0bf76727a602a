import { createHash } from 'node:crypto';
import { AdoClient, type AdoLogger } from './client';
import type { EntraTokens } from './entra';
import type { AdoCredential } from './types';

export type AdoClientFactory = (orgUrl: string, credential: AdoCredential) => AdoClient;

/**
 * One client per identity and organization, so a Retry-After that ADO sends to one job also paces the
 * next job that uses the same credential (ADO limits per identity).
 */
export function sharedAdoClients(log: AdoLogger, entraTokens?: EntraTokens): AdoClientFactory {
  const clients = new Map<string, AdoClient>();
  return (orgUrl, credential) => {
    const key = createHash('sha256').update(`${orgUrl}\n${credential.kind}\n${secretOf(credential)}`).digest('hex');
    let client = clients.get(key);
    if (!client) {
      if (clients.size >= 1000) clients.delete(clients.keys().next().value!);
      client = new AdoClient({ orgUrl, credential, logger: log, entraTokens });
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
