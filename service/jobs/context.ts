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

export const defaultAdoClientFactory =
  (log: Logger) =>
  (orgUrl: string, credential: AdoCredential): AdoClient =>
    new AdoClient({ orgUrl, credential, logger: log });
