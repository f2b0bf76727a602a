// The webHooks consumer: events the fake publishes (pushes, pull requests, builds) are POSTed to every
// matching subscription of the organization, as ADO's service hooks do (ado-rest.md §12): the
// envelope (subscriptionId, notificationId, id, eventType, publisherId, message, detailedMessage,
// resource, resourceVersion, resourceContainers, createdDate), Basic auth from basicAuthUsername /
// basicAuthPassword, the httpHeaders lines. Asynchronous: the push or PR answer never waits for it.
// Retries on 5xx, 408, 429 and network errors; a subscription whose notifications keep failing goes
// onProbation, then disabledBySystem. ADO's real schedule is not documented in numbers (UNVERIFIED):
// it retries with a growing delay and disables a subscription after failures that last; the fake's
// defaults are small so that tests see the same states quickly.
import { randomUUID } from 'node:crypto';
import type { FakeContext, PublishedEvent } from './context';
import type { Json } from './model';

export interface DeliveryOptions {
  /** Attempts after the first for a retryable failure. Default 2. */
  retries?: number;
  /** Delay before retry n is n * retryDelayMs. Default 10. */
  retryDelayMs?: number;
  /** Consecutive failed notifications before disabledBySystem (onProbation from the first). Default 3. */
  disableAfter?: number;
  /** Per attempt. Default 5000. */
  timeoutMs?: number;
}

export interface DeliveryAttempt {
  subscriptionId: string;
  eventType: string;
  /** The event's `id` (the same in a retry and a redelivery). */
  eventId: string;
  notificationId: number;
  /** 1 for the first try of a notification. */
  attempt: number;
  /** HTTP status of the answer, when there was one. */
  status?: number;
  /** Network error or timeout. */
  error?: string;
  redelivery?: boolean;
  at: number;
}

export interface SentEvent {
  eventId: string;
  eventType: string;
  org: string;
  /** One payload per subscription it went to. */
  payloads: { subscriptionId: string; body: Json }[];
}

export interface RawAuth {
  username: string;
  password: string;
}

export interface FakeDeliveries {
  /** Every attempt, in order. */
  log: DeliveryAttempt[];
  /** Every published event and the payloads it produced (none when no subscription matched). */
  events: SentEvent[];
  /** Resolves once every delivery started so far (retries included) has finished. */
  settled(): Promise<void>;
  /** Sends the same payloads again (same id, same notificationId) to the subscriptions that got the event (or only `subscriptionId`). */
  redeliver(eventId: string, opts?: { subscriptionId?: string }): Promise<DeliveryAttempt[]>;
  /**
   * POSTs `body` (an object is sent as JSON, a string as is) to the subscription's URL with its
   * headers; auth: the subscription's basic auth (default), none, or other credentials.
   */
  sendRaw(subscriptionId: string, body: unknown, opts?: { auth?: 'subscription' | 'none' | RawAuth; headers?: Record<string, string> }): Promise<{ status: number; text: string }>;
}

interface SubscriptionRuntime {
  chain: Promise<void>;
  notifications: number;
  consecutiveFailures: number;
}

/** messagesToSend / detailedMessagesToSend: ''/all (every form), text, html, markdown, none (field left out). */
function messages(field: string, wanted: unknown, text: string): Json {
  const kind = String(wanted ?? '').toLowerCase();
  if (kind === 'none') return {};
  const all = { text, html: text, markdown: text };
  return { [field]: kind === 'text' || kind === 'html' || kind === 'markdown' ? { [kind]: all[kind] } : all };
}

/**
 * resourceDetailsToSend: ''/all (the whole resource), minimal (its ids and url only), none (left
 * out). UNVERIFIED: which fields ADO keeps in a minimal resource.
 */
function resourceToSend(wanted: unknown, resource: Json): Json {
  const kind = String(wanted ?? '').toLowerCase();
  if (kind === 'none') return {};
  if (kind !== 'minimal') return { resource };
  const minimal: Json = {};
  for (const key of ['id', 'pushId', 'pullRequestId', 'url']) if (key in resource) minimal[key] = resource[key];
  return { resource: minimal };
}

const RETRYABLE = (status: number) => status >= 500 || status === 408 || status === 429;

/** The consumer inputs as posted (the password unmasked): hooks.ts keeps them here. */
export type SecretInputs = Map<string, Json>;

export function makeDeliveries(
  ctx: FakeContext,
  secrets: SecretInputs,
  opts: DeliveryOptions = {},
): FakeDeliveries & { publish(event: PublishedEvent): void; stop(): void; notifications(subscriptionId: string): Json[] } {
  const retries = opts.retries ?? 2;
  const retryDelayMs = opts.retryDelayMs ?? 10;
  const disableAfter = opts.disableAfter ?? 3;
  const timeoutMs = opts.timeoutMs ?? 5000;
  const log: DeliveryAttempt[] = [];
  const events: SentEvent[] = [];
  const pending = new Set<Promise<unknown>>();
  const runtimes = new Map<string, SubscriptionRuntime>();
  let stopped = false;

  const runtime = (id: string) => {
    let rt = runtimes.get(id);
    if (!rt) runtimes.set(id, (rt = { chain: Promise.resolve(), notifications: 0, consecutiveFailures: 0 }));
    return rt;
  };

  const track = <T>(p: Promise<T>): Promise<T> => {
    pending.add(p);
    void p.finally(() => pending.delete(p)).catch(() => undefined);
    return p;
  };

  const subscriptionsOf = (orgName: string) => ctx.state.hookSubscriptions.get(orgName) ?? new Map<string, Json>();

  const findSubscription = (id: string): { org: string; sub: Json } | undefined => {
    for (const [org, subs] of ctx.state.hookSubscriptions) {
      const sub = subs.get(id.toLowerCase());
      if (sub) return { org, sub };
    }
    return undefined;
  };

  const headersFor = (subscriptionId: string, auth: 'subscription' | 'none' | RawAuth = 'subscription'): Record<string, string> => {
    const inputs = secrets.get(subscriptionId) ?? {};
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
    for (const line of String(inputs.httpHeaders ?? '').split(/\r?\n/)) {
      const colon = line.indexOf(':');
      if (colon > 0) headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
    }
    const user = auth === 'subscription' ? inputs.basicAuthUsername : auth === 'none' ? undefined : auth.username;
    const password = auth === 'subscription' ? inputs.basicAuthPassword : auth === 'none' ? undefined : auth.password;
    if (user !== undefined || password !== undefined) {
      headers.authorization = `Basic ${Buffer.from(`${String(user ?? '')}:${String(password ?? '')}`).toString('base64')}`;
    }
    return headers;
  };

  const post = async (url: string, headers: Record<string, string>, body: string): Promise<{ status?: number; error?: string; text?: string }> => {
    try {
      const res = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(timeoutMs) });
      const text = await res.text().catch(() => '');
      return { status: res.status, text };
    } catch (err) {
      return { error: err instanceof Error ? err.message : String(err) };
    }
  };

  /** One notification with its retries; updates the subscription's probation state. */
  const deliver = async (subscriptionId: string, body: Json, redelivery: boolean): Promise<DeliveryAttempt[]> => {
    const attempts: DeliveryAttempt[] = [];
    const found = findSubscription(subscriptionId);
    if (!found) return attempts;
    const url = String((found.sub.consumerInputs as Json).url);
    const text = JSON.stringify(body);
    let ok = false;
    for (let attempt = 1; attempt <= retries + 1; attempt++) {
      if (attempt > 1) await new Promise((r) => setTimeout(r, retryDelayMs * (attempt - 1)));
      if (stopped) return attempts;
      const result = await post(url, headersFor(subscriptionId), text);
      const record: DeliveryAttempt = {
        subscriptionId,
        eventType: String(body.eventType),
        eventId: String(body.id),
        notificationId: Number(body.notificationId),
        attempt,
        ...(result.status !== undefined ? { status: result.status } : {}),
        ...(result.error !== undefined ? { error: result.error } : {}),
        ...(redelivery ? { redelivery } : {}),
        at: Date.now(),
      };
      log.push(record);
      attempts.push(record);
      ok = result.status !== undefined && result.status >= 200 && result.status < 300;
      if (ok || (result.status !== undefined && !RETRYABLE(result.status))) break;
    }
    const rt = runtime(subscriptionId);
    const sub = findSubscription(subscriptionId)?.sub;
    if (!sub) return attempts;
    if (ok) {
      rt.consecutiveFailures = 0;
      if (sub.status === 'onProbation') {
        sub.status = 'enabled';
        delete sub.probationRetries;
        delete sub.lastProbationRetryDate;
      }
    } else {
      rt.consecutiveFailures += 1;
      if (rt.consecutiveFailures >= disableAfter) {
        sub.status = 'disabledBySystem';
        delete sub.probationRetries;
        delete sub.lastProbationRetryDate;
      } else {
        sub.status = 'onProbation';
        sub.probationRetries = rt.consecutiveFailures;
        sub.lastProbationRetryDate = new Date().toISOString();
      }
    }
    return attempts;
  };

  const enqueue = (subscriptionId: string, body: Json, redelivery: boolean): Promise<DeliveryAttempt[]> => {
    const rt = runtime(subscriptionId);
    const run = rt.chain.then(() => deliver(subscriptionId, body, redelivery));
    rt.chain = run.then(
      () => undefined,
      () => undefined,
    );
    return track(run);
  };

  const matches = (sub: Json, e: PublishedEvent): boolean => {
    if (sub.eventType !== e.eventType) return false;
    if (sub.status !== 'enabled' && sub.status !== 'onProbation') return false;
    const inputs = (sub.publisherInputs ?? {}) as Json;
    if (String(inputs.projectId ?? '').toLowerCase() !== e.project.id.toLowerCase()) return false;
    const repository = String(inputs.repository ?? '');
    if (repository && e.repositoryId && repository.toLowerCase() !== e.repositoryId.toLowerCase()) return false;
    const branch = String(inputs.branch ?? '');
    // UNVERIFIED: the branch input's format; 'main' and 'refs/heads/main' both match here.
    if (branch && e.branches && !e.branches.some((b) => b === branch || b === `refs/heads/${branch}`)) return false;
    const notificationType = String(inputs.notificationType ?? '');
    if (notificationType && e.notificationType && notificationType !== e.notificationType) return false;
    const definitionName = String(inputs.definitionName ?? '');
    if (definitionName && e.definitionName && definitionName !== e.definitionName) return false;
    const buildStatus = String(inputs.buildStatus ?? '');
    if (buildStatus && e.buildStatus && buildStatus.toLowerCase() !== e.buildStatus.toLowerCase()) return false;
    return true;
  };

  const publish = (e: PublishedEvent) => {
    if (stopped) return;
    const eventId = randomUUID();
    const createdDate = new Date().toISOString();
    const orgUrl = `${ctx.orgUrlOf(e.org)}/`;
    const sent: SentEvent = { eventId, eventType: e.eventType, org: e.org.name, payloads: [] };
    events.push(sent);
    for (const sub of subscriptionsOf(e.org.name).values()) {
      if (!matches(sub, e)) continue;
      const subscriptionId = String(sub.id);
      const rt = runtime(subscriptionId);
      const inputs = secrets.get(subscriptionId) ?? {};
      rt.notifications += 1;
      const body: Json = {
        subscriptionId,
        notificationId: rt.notifications,
        id: eventId,
        eventType: e.eventType,
        publisherId: 'tfs',
        ...messages('message', inputs.messagesToSend, e.message),
        ...messages('detailedMessage', inputs.detailedMessagesToSend, e.message),
        ...resourceToSend(inputs.resourceDetailsToSend, e.resource),
        resourceVersion: String(sub.resourceVersion ?? '1.0'),
        // UNVERIFIED: which id ADO Services puts in collection and account; here the collection is
        // the organization's instanceId (connectionData) and the account its deploymentId.
        resourceContainers: {
          collection: { id: e.org.id, baseUrl: orgUrl },
          account: { id: e.org.deploymentId, baseUrl: orgUrl },
          project: { id: e.project.id, baseUrl: orgUrl },
        },
        createdDate,
      };
      sent.payloads.push({ subscriptionId, body });
      void enqueue(subscriptionId, body, false);
    }
  };

  return {
    log,
    events,
    publish,
    stop: () => {
      stopped = true;
    },
    // One Notification per notificationId, its outcome the last attempt's. UNVERIFIED: the fields ADO fills in details.
    notifications: (subscriptionId) => {
      const byId = new Map<number, DeliveryAttempt[]>();
      for (const a of log) if (a.subscriptionId === subscriptionId) byId.set(a.notificationId, [...(byId.get(a.notificationId) ?? []), a]);
      return [...byId.entries()]
        .sort(([a], [b]) => b - a)
        .map(([id, attempts]) => {
          const last = attempts[attempts.length - 1];
          const ok = last.status !== undefined && last.status >= 200 && last.status < 300;
          return {
            id,
            subscriptionId,
            eventId: last.eventId,
            eventType: last.eventType,
            status: 'completed',
            result: ok ? 'succeeded' : 'failed',
            createdDate: new Date(attempts[0].at).toISOString(),
            modifiedDate: new Date(last.at).toISOString(),
            details: {
              eventType: last.eventType,
              completedDate: new Date(last.at).toISOString(),
              ...(last.status !== undefined ? { response: `HTTP ${last.status}` } : {}),
              ...(last.error !== undefined ? { errorMessage: last.error } : {}),
            },
          };
        });
    },
    settled: async () => {
      while (pending.size) await Promise.allSettled([...pending]);
    },
    redeliver: async (eventId, o = {}) => {
      const sent = events.find((e) => e.eventId === eventId);
      if (!sent) throw new Error(`fake-ado: no event ${eventId} was published`);
      const payloads = sent.payloads.filter((p) => !o.subscriptionId || p.subscriptionId === o.subscriptionId.toLowerCase());
      const results = await Promise.all(payloads.map((p) => enqueue(p.subscriptionId, p.body, true)));
      return results.flat();
    },
    sendRaw: async (subscriptionId, body, o = {}) => {
      const found = findSubscription(subscriptionId);
      if (!found) throw new Error(`fake-ado: no subscription ${subscriptionId}`);
      const result = await track(
        post(String((found.sub.consumerInputs as Json).url), { ...headersFor(found.sub.id as string, o.auth), ...(o.headers ?? {}) }, typeof body === 'string' ? body : JSON.stringify(body)),
      );
      if (result.status === undefined) throw new Error(`fake-ado: sendRaw failed: ${result.error}`);
      return { status: result.status, text: result.text ?? '' };
    },
  };
}
