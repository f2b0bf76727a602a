// Azure DevOps client: one transport (auth, retries, rate limits, paging; transport.ts) per identity
// and organization, with one property per ADO area (areas/*.ts). Knows HTTP and ADO only (no
// database, no engine). See docs/ado-rest.md.
import { AdvancedSecurityArea } from './areas/advanced-security';
import { AuditArea } from './areas/audit';
import { BuildArea } from './areas/build';
import { CoreArea } from './areas/core';
import { DistributedTaskArea } from './areas/distributed-task';
import { ExtensionManagementArea } from './areas/extension-management';
import { GitArea } from './areas/git';
import { PullRequestsArea } from './areas/git-pull-requests';
import { GraphArea } from './areas/graph';
import { HooksArea } from './areas/hooks';
import { MemberEntitlementsArea } from './areas/member-entitlements';
import { PipelinesArea } from './areas/pipelines';
import { PolicyArea } from './areas/policy';
import { PortalArea } from './areas/portal';
import { ReleaseArea } from './areas/release';
import { SecurityArea } from './areas/security';
import { ServiceEndpointsArea } from './areas/service-endpoints';
import { AdoTransport, type AdoTransportOptions } from './transport';

export { CONNECTION_DATA_API_VERSION } from './areas/core';
export type { DownloadZipOptions } from './areas/git';
export { COLLECTION_GENERIC_WRITE, COLLECTION_NAMESPACE_ID, COLLECTION_TOKEN } from './areas/security';
export { API_VERSION, type AdoLogger } from './transport';

export type AdoClientOptions = AdoTransportOptions;

export class AdoClient {
  /** The canonical organization URL. */
  readonly orgUrl: string;
  readonly core: CoreArea;
  readonly git: GitArea;
  /** Pull requests, their statuses and comment threads (the git REST area). */
  readonly pullRequests: PullRequestsArea;
  readonly policy: PolicyArea;
  readonly build: BuildArea;
  readonly release: ReleaseArea;
  readonly serviceEndpoints: ServiceEndpointsArea;
  readonly distributedTask: DistributedTaskArea;
  readonly pipelines: PipelinesArea;
  readonly security: SecurityArea;
  readonly graph: GraphArea;
  readonly memberEntitlements: MemberEntitlementsArea;
  readonly hooks: HooksArea;
  readonly audit: AuditArea;
  readonly advancedSecurity: AdvancedSecurityArea;
  /** Installed extensions (extmgmt host). */
  readonly extensions: ExtensionManagementArea;
  /** Undocumented portal data providers (organization policies, pipeline settings). */
  readonly portal: PortalArea;

  constructor(opts: AdoClientOptions) {
    const t = new AdoTransport(opts);
    this.orgUrl = t.orgUrl;
    this.core = new CoreArea(t);
    this.git = new GitArea(t);
    this.pullRequests = new PullRequestsArea(t);
    this.policy = new PolicyArea(t);
    this.build = new BuildArea(t);
    this.release = new ReleaseArea(t);
    this.serviceEndpoints = new ServiceEndpointsArea(t);
    this.distributedTask = new DistributedTaskArea(t);
    this.pipelines = new PipelinesArea(t);
    this.security = new SecurityArea(t);
    this.graph = new GraphArea(t);
    this.memberEntitlements = new MemberEntitlementsArea(t);
    this.hooks = new HooksArea(t);
    this.audit = new AuditArea(t);
    this.advancedSecurity = new AdvancedSecurityArea(t);
    this.extensions = new ExtensionManagementArea(t);
    this.portal = new PortalArea(t);
  }
}
