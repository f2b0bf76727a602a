import { createHash } from 'node:crypto';
import { AdoClient, type AdoLogger } from './client';
import type { AdoCredential } from './types';

export type AdoClientFactory = (orgUrl: string, credential: AdoCredential) => AdoClient;

/**
 * One client per identity and organization, so a Retry-After that ADO sends to one job also paces the
 * next job that uses the same credential (ADO limits per identity).
 */
export function sharedAdoClients(log: AdoLogger): AdoClientFactory {
  const clients = new Map<string, AdoClient>();
  return (orgUrl, credential) => {
    const key = createHash('sha256').update(`${orgUrl}\n${credential.kind}\n${credential.token}`).digest('hex');
    let client = clients.get(key);
    if (!client) {
      if (clients.size >= 1000) clients.delete(clients.keys().next().value!);
      client = new AdoClient({ orgUrl, credential, logger: log });
      clients.set(key, client);
    }
    return client;
  };
}
