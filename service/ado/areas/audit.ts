// Audit area (auditservice host): audit streams and the audit log (ado-rest.md §9). Needs admin rights.
import { asRecord, collect, collectionItems, optString, optStringMap, requireItem, requireNumber, requireString, type ParseContext } from '../parse';
import type { AdoTransport, RequestSpec } from '../transport';

export const AUDIT_API_VERSION = '7.1-preview.1';

/** AuditStreamStatus in enum order: the official example serializes status as this number. */
const STREAM_STATUSES = ['unknown', 'enabled', 'disabledByUser', 'disabledBySystem', 'deleted', 'backfilling'] as const;

export interface AuditStream {
  id: number;
  /** Splunk | AzureMonitorLogs | AzureEventGrid */
  consumerType?: string;
  displayName?: string;
  /** enabled | disabledByUser | disabledBySystem | deleted | backfilling | unknown */
  status: string;
  statusReason?: string;
  createdTime?: string;
  updatedTime?: string;
}

export interface AuditLogEntry {
  id: string;
  timestamp?: string;
  /** e.g. Git.CreateRepo */
  actionId?: string;
  area?: string;
  /** modify | remove | create | access | execute */
  category?: string;
  actorUserId?: string;
  actorUPN?: string;
  actorDisplayName?: string;
  authenticationMechanism?: string;
  ipAddress?: string;
  scopeType?: string;
  projectId?: string;
  projectName?: string;
  details?: string;
  /** Action-specific values, flattened to strings. */
  data?: Record<string, string | null>;
}

export interface AuditLogQuery {
  startTime?: string;
  endTime?: string;
  batchSize?: number;
}

export class AuditArea {
  constructor(private readonly t: AdoTransport) {}

  /**
   * Every audit stream; an organization without any answers {count: 0} (no value, see
   * collectionItems). The official example shows one stream object without the wrapper: read as a list of one.
   */
  async listStreams(): Promise<AuditStream[]> {
    const spec: RequestSpec = { host: 'auditservice', path: '_apis/audit/streams', apiVersion: AUDIT_API_VERSION, operation: 'list audit streams' };
    const body = await this.t.getJson(spec);
    const single = asRecord(body);
    const items = single && 'id' in single && !('value' in single) ? [single] : collectionItems(body, spec);
    return items.map((raw) => toStream(raw, spec));
  }

  /** Audit log entries in the window, across body-token pages (continuationToken + hasMore). */
  queryLog(q: AuditLogQuery = {}): Promise<AuditLogEntry[]> {
    const spec: RequestSpec = {
      host: 'auditservice',
      path: '_apis/audit/auditlog',
      query: { startTime: q.startTime, endTime: q.endTime, batchSize: q.batchSize },
      apiVersion: AUDIT_API_VERSION,
      operation: 'read the audit log',
    };
    return collect(this.t.bodyTokenPages(spec, { items: 'decoratedAuditLogEntries' }), (raw) => toEntry(raw, spec));
  }
}

function toStream(raw: unknown, ctx: ParseContext): AuditStream {
  const r = requireItem(raw, ctx, 'stream');
  const id = requireNumber(r, 'id', ctx, 'stream');
  const status = typeof r.status === 'number' ? (STREAM_STATUSES[r.status] ?? 'unknown') : (optString(r.status) ?? 'unknown');
  return {
    id,
    consumerType: optString(r.consumerType),
    displayName: optString(r.displayName),
    status,
    statusReason: optString(r.statusReason),
    createdTime: optString(r.createdTime),
    updatedTime: optString(r.updatedTime),
  };
}

function toEntry(raw: unknown, ctx: ParseContext): AuditLogEntry {
  const r = requireItem(raw, ctx, 'entry');
  const id = requireString(r, 'id', ctx, 'entry');
  const pick = (k: string) => optString(r[k]);
  return {
    id,
    timestamp: pick('timestamp'),
    actionId: pick('actionId'),
    area: pick('area'),
    category: pick('category'),
    actorUserId: pick('actorUserId'),
    actorUPN: pick('actorUPN'),
    actorDisplayName: pick('actorDisplayName'),
    authenticationMechanism: pick('authenticationMechanism'),
    ipAddress: pick('ipAddress'),
    scopeType: pick('scopeType'),
    projectId: pick('projectId'),
    projectName: pick('projectName'),
    details: pick('details'),
    data: optStringMap(r.data),
  };
}

