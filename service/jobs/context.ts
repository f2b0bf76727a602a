import { createHash } from 'node:crypto';
import type PgBoss from 'pg-boss';
import { AdoClient } from '../ado/client';
import type { AdoCredential } from '../ado/types';
import type { Config } from '../config';
import type { Logger } from '../log';
import type { Store } from '../store/db';

/** What every job handler (and the thin http layer) is handed. The only place ado + engine + store meet. */
export interface JobContext {
  store: Store;
  config: Config;
  log: Logger;
  boss: PgBoss;
  adoClient(orgUrl: string, credential: AdoCredential): AdoClient;
}

/**
 * One client per identity and organization, so a Retry-After that ADO sends to one job also paces the
 * next job that uses the same credential (ADO limits per identity).
 */
export function defaultAdoClientFactory(log: Logger): (orgUrl: string, credential: AdoCredential) => AdoClient {
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
