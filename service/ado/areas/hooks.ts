// Service hooks (ado-rest.md §12): webhook subscriptions Vigil creates for push and pull-request
// events, and the event types a publisher offers.
import { AdoError, type IdentityRef } from '../types';
import { collectionItems, optIdentity, optString, optStringArray, optStringMap, requireItem, requireString, seg, type ParseContext } from '../parse';
import type { AdoTransport, RequestSpec } from '../transport';

export interface NewHookSubscription {
  /** 'tfs' for git and build events, 'pipelines' for run/stage/job state events. */
  publisherId: string;
  eventType: string;
  resourceVersion: string;
  consumerId: string;
  consumerActionId: string;
  /** projectId is required; repository, branch... filter the events. */
  publisherInputs: Record<string, string>;
  /** url, basicAuthUsername, basicAuthPassword, httpHeaders, resourceDetailsToSend, messagesToSend... */
  consumerInputs: Record<string, string>;
}

export interface HookSubscription {
  id: string;
  publisherId: string;
  eventType: string;
  resourceVersion?: string;
  consumerId: string;
  consumerActionId: string;
  publisherInputs: Record<string, string | null>;
  /** basicAuthPassword comes back masked. */
  consumerInputs: Record<string, string | null>;
  /** enabled | onProbation | disabledBySystem | disabledByUser | disabledByInactiveIdentity */
  status?: string;
  createdBy?: IdentityRef;
  createdDate?: string;
  modifiedDate?: string;
}

export interface HookEventType {
  id: string;
  name?: string;
  description?: string;
  supportedResourceVersions?: string[];
}

export interface WebhookTarget {
  url: string;
  basicAuthUsername?: string;
  basicAuthPassword?: string;
  /** Extra headers, sent as ADO's newline-separated "Key:Value" lines. */
  httpHeaders?: Record<string, string>;
}

/** A webHooks/httpRequest subscription for one event of one project, with full resource details and no messages. */
export function webhookSubscription(
  eventType: string,
  projectId: string,
  target: WebhookTarget,
  filters: Record<string, string> = {},
  resourceVersion = '1.0',
): NewHookSubscription {
  const headers = Object.entries(target.httpHeaders ?? {});
  for (const [k, v] of headers) if (/[\r\n:]/.test(k) || /[\r\n]/.test(v)) throw new Error(`Invalid webhook header ${k}`);
  return {
    publisherId: 'tfs',
    eventType,
    resourceVersion,
    consumerId: 'webHooks',
    consumerActionId: 'httpRequest',
    publisherInputs: { projectId, ...filters },
    consumerInputs: {
      url: target.url,
      ...(target.basicAuthUsername !== undefined ? { basicAuthUsername: target.basicAuthUsername } : {}),
      ...(target.basicAuthPassword !== undefined ? { basicAuthPassword: target.basicAuthPassword } : {}),
      ...(headers.length ? { httpHeaders: headers.map(([k, v]) => `${k}:${v}`).join('\n') } : {}),
      resourceDetailsToSend: 'all',
      messagesToSend: 'none',
      detailedMessagesToSend: 'none',
    },
  };
}

export class HooksArea {
  constructor(private readonly t: AdoTransport) {}

  /** Subscriptions of the organization, optionally filtered. Not paged by ADO. */
  async listSubscriptions(filter: { publisherId?: string; eventType?: string; consumerId?: string; consumerActionId?: string } = {}): Promise<HookSubscription[]> {
    const spec: RequestSpec = { path: '_apis/hooks/subscriptions', query: { ...filter }, operation: 'list service hook subscriptions' };
    return collectionItems(await this.t.getJson(spec), spec).map((raw) => toSubscription(raw, spec));
  }

  async getSubscription(id: string): Promise<HookSubscription> {
    const spec: RequestSpec = { path: `_apis/hooks/subscriptions/${seg(id)}`, operation: `read service hook subscription ${id}` };
    return toSubscription(await this.t.getJson(spec), spec, '');
  }

  /** Not idempotent (a retry would create a second subscription): retried only when ADO throttled it before processing. */
  async createSubscription(subscription: NewHookSubscription): Promise<HookSubscription> {
    const spec = { path: '_apis/hooks/subscriptions', operation: `subscribe to ${subscription.eventType} events` };
    return toSubscription(await this.t.write({ ...spec, method: 'POST', body: subscription }), spec, '');
  }

  async replaceSubscription(id: string, subscription: NewHookSubscription): Promise<HookSubscription> {
    const spec = { path: `_apis/hooks/subscriptions/${seg(id)}`, operation: `update service hook subscription ${id}` };
    return toSubscription(await this.t.write({ ...spec, method: 'PUT', body: subscription }), spec, '');
  }

  /** True when deleted, false when it was already gone. */
  async deleteSubscription(id: string): Promise<boolean> {
    try {
      await this.t.write({ path: `_apis/hooks/subscriptions/${seg(id)}`, method: 'DELETE', operation: `delete service hook subscription ${id}` });
      return true;
    } catch (err) {
      if (err instanceof AdoError && err.kind === 'not-found') return false;
      throw err;
    }
  }

  async listEventTypes(publisherId = 'tfs'): Promise<HookEventType[]> {
    const spec: RequestSpec = { path: `_apis/hooks/publishers/${seg(publisherId)}/eventtypes`, operation: `list the event types of publisher ${publisherId}` };
    return collectionItems(await this.t.getJson(spec), spec).map((raw) => {
      const r = requireItem(raw, spec, 'eventType');
      return {
        id: requireString(r, 'id', spec, 'eventType'),
        name: optString(r.name),
        description: optString(r.description),
        supportedResourceVersions: optStringArray(r.supportedResourceVersions),
      };
    });
  }
}

/**
 * A Subscription: id, publisherId, eventType, consumerId and consumerActionId are required
 * ("subscription.eventType missing" in a list, "eventType missing" for one subscription, `at` '').
 */
function toSubscription(raw: unknown, ctx: ParseContext, at = 'subscription'): HookSubscription {
  const r = requireItem(raw, ctx, at);
  return {
    id: requireString(r, 'id', ctx, at),
    publisherId: requireString(r, 'publisherId', ctx, at),
    eventType: requireString(r, 'eventType', ctx, at),
    resourceVersion: optString(r.resourceVersion),
    consumerId: requireString(r, 'consumerId', ctx, at),
    consumerActionId: requireString(r, 'consumerActionId', ctx, at),
    publisherInputs: optStringMap(r.publisherInputs) ?? {},
    consumerInputs: optStringMap(r.consumerInputs) ?? {},
    status: optString(r.status),
    createdBy: optIdentity(r.createdBy),
    createdDate: optString(r.createdDate),
    modifiedDate: optString(r.modifiedDate),
  };
}
