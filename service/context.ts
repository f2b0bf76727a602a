// What the composition root hands every job handler, use case and route: the one place the parts meet.
import type PgBoss from 'pg-boss';
import type { AdoClientFactory } from './ado/client-pool';
import type { Config } from './config';
import type { Logger } from './log';
import type { Store } from './store/db';
import type { SecretVerifier } from './verify/verifier';

export interface AppContext {
  store: Store;
  config: Config;
  log: Logger;
  boss: PgBoss;
  /** One shared client per identity and organization (ADO limits per identity). */
  adoClient: AdoClientFactory;
  /** Checks found secrets with their providers, for organizations that turned verifySecrets on; one per process (its rate limits are shared). */
  secretVerifier: SecretVerifier;
}
