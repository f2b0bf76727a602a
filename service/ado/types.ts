// Shapes of the Azure DevOps REST data Vigil reads (ado-rest.md), trimmed to the fields used.
import type { ServicePrincipal } from './entra';

export type AdoCredential =
  | { kind: 'pat'; token: string }
  /** A caller-supplied bearer token (the hub user's access token, or an Entra token). */
  | { kind: 'bearer'; token: string }
  /** An Entra ID service principal: each request carries a token of the client's EntraTokens (entra.ts). */
  | { kind: 'service-principal'; principal: ServicePrincipal };

/** Who created, authored or reviewed something (ADO's IdentityRef, trimmed). */
export interface IdentityRef {
  id: string;
  displayName?: string;
  uniqueName?: string;
  descriptor?: string;
}

export interface ConnectionData {
  authenticatedUser: { id: string; providerDisplayName?: string; descriptor?: string };
  authorizedUser?: { id: string; providerDisplayName?: string };
  /** The organization (collection) id. */
  instanceId: string;
  deploymentId?: string;
}

export interface AdoProject {
  id: string;
  name: string;
  state?: string;
  visibility?: string;
  lastUpdateTime?: string;
}

export interface AdoRepository {
  id: string;
  name: string;
  project: { id: string; name: string };
  /** Absent on an empty repository. */
  defaultBranch?: string;
  /** Compressed bytes; absent from the official list example (unknown, not 0). */
  size?: number;
  /**
   * The repository's page in the ADO web UI: `_links.web.href`, `webUrl`, else `remoteUrl` without
   * its user info (git.ts repositoryWebUrlOf). Absent when none fits: build it from the names then
   * (contract/places.ts repositoryWebUrl).
   */
  webUrl?: string;
  remoteUrl?: string;
  /** A disabled repository cannot be read: skip it. */
  isDisabled?: boolean;
  isFork?: boolean;
  /** The repository is in maintenance: do not scan it now. Absent from the official examples (treat as false). */
  isInMaintenance?: boolean;
}

export interface AdoRef {
  name: string;
  objectId: string;
}

/** What went wrong talking to ADO, in words a user can act on. */
export type AdoErrorKind =
  | 'auth' // 401, 203, HTML sign-in page: bad, expired or revoked credential
  | 'forbidden' // 403: missing scope or permission
  | 'not-found' // 404 (ADO also hides forbidden repos behind 404 TF401019)
  | 'rate-limited' // 429 after retries
  | 'server' // 5xx after retries
  | 'network' // DNS, connection refused, TLS
  | 'too-large' // download exceeded the size cap
  | 'bad-response'; // JSON expected, something else came back

export class AdoError extends Error {
  constructor(
    readonly kind: AdoErrorKind,
    message: string,
    readonly status?: number,
    /** ADO's TFnnnnnn code when the body carried one. */
    readonly tfCode?: string,
    /** The REST path that failed (no query, no credential). */
    readonly path?: string,
  ) {
    super(message);
    this.name = 'AdoError';
  }
}
