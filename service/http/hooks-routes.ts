// The service hook receiver, and the organization's event delivery in the hub.
//
// POST /hooks/ado/:orgId (mounted by app.ts outside the app-token authentication, with its own 1 MB
// body limit): ADO's webHooks consumer delivers here with the organization's secret as the basic-auth
// password (user 'vigil') or in the X-Vigil-Hook-Secret header. The secret is compared in constant time
// (SHA-256 digests, timingSafeEqual); a missing or wrong secret, an unknown organization, or an event
// naming another organization (resourceContainers.collection/account ids, where present, must include
// the organization's instance id) gets 401 with an empty body, whatever was wrong. Then: a body that is
// not JSON or fails its event type's schema 400 (problem+json); a replay of an event id seen in the last
// 7 days 202 {outcome:'duplicate'}; an unknown event type 202 {outcome:'ignored'} (counted); else the
// event is dispatched (events/dispatch.ts queues work, never scans) and 202 {outcome}. A dispatch that
// fails forgets the event id and answers 500, so ADO's retry is handled.
//
// /api/v1 (behind routes.ts's authentication): GET /organization/events (anyone of the organization),
// POST /organization/events/repair and DELETE /organization (Project Collection Administrators).
import { createHash, timingSafeEqual } from 'node:crypto';
import express, { Router, type Request, type RequestHandler } from 'express';
import type { AppContext } from '../context';
import { parseDelivery, type HookAck, type HookEnvelope } from '../contract/ado-events';
import type { EventDeliveryDto } from '../contract/events-api';
import { badRequest, notFound } from '../errors';
import { dispatchEvent } from '../events/dispatch';
import { forgetEvent, getHookEndpoint, lastEventAt, listSubscriptions, projectNames, receiverCredentials, recordEvent, settleEvent } from '../store/hooks';
import { disconnectOrganization } from '../usecases/disconnect-organization';
import { HOOK_SECRET_HEADER, HOOK_USERNAME, ensureSubscriptions, receiverUrl } from '../usecases/subscriptions';
import { requireOrg, requireOrgAdmin, type CallerCache } from './auth';
import { auditActorOf } from './settings-routes';

const ORG_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CACHE_MS = 30_000;
const UNKNOWN_CACHE_MS = 5_000;

type Credentials = { instanceId: string; digest: Buffer } | null;

/** Each organization's instance id and secret digest, kept briefly so that a burst of events reads the database once. */
export class ReceiverCache {
  private readonly entries = new Map<string, { value: Credentials; until: number }>();
  constructor(private readonly load: (orgId: string) => Promise<{ instanceId: string; secret: string } | undefined>) {}

  async get(orgId: string): Promise<Credentials> {
    const hit = this.entries.get(orgId);
    if (hit && hit.until > Date.now()) return hit.value;
    const found = await this.load(orgId);
    const value = found ? { instanceId: found.instanceId.toLowerCase(), digest: digest(found.secret) } : null;
    if (this.entries.size > 10_000) this.entries.clear();
    this.entries.set(orgId, { value, until: Date.now() + (value ? CACHE_MS : UNKNOWN_CACHE_MS) });
    return value;
  }

  forget(orgId: string): void {
    this.entries.delete(orgId);
  }
}

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** The secrets a request offers: the basic-auth password (user 'vigil') and the custom header. */
function offeredSecrets(req: Request): string[] {
  const out: string[] = [];
  const header = req.get(HOOK_SECRET_HEADER);
  if (header) out.push(header);
  const auth = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(req.get('authorization') ?? '');
  if (auth) {
    const decoded = Buffer.from(auth[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0 && decoded.slice(0, colon) === HOOK_USERNAME) out.push(decoded.slice(colon + 1));
  }
  return out;
}

/** Equal digests, compared in constant time: the secret's length is not revealed either. */
const matches = (offered: string, expected: Buffer) => timingSafeEqual(digest(offered), expected);

/** Where the event says it comes from, when it says: the organization's instance id must be among them. UNVERIFIED which of collection/account ADO Services fills with it. */
function fromThisOrganization(envelope: HookEnvelope, instanceId: string): boolean {
  const rc = envelope.resourceContainers;
  const ids = [rc?.collection?.id, rc?.account?.id].filter((x): x is string => typeof x === 'string').map((x) => x.toLowerCase());
  return ids.length === 0 || ids.includes(instanceId);
}

const refuse = (res: express.Response) => void res.status(401).end();

/** One cache per store (per running service), shared by the receiver and the disconnect route. */
const caches = new WeakMap<object, ReceiverCache>();
function receiverCache(ctx: AppContext): ReceiverCache {
  let cache = caches.get(ctx.store);
  if (!cache) caches.set(ctx.store, (cache = new ReceiverCache((orgId) => receiverCredentials(ctx.store.db, ctx.config.encryptionKey, orgId))));
  return cache;
}

/** Forget an organization's cached receiver credentials in this process (disconnect; a secret replaced). */
export function forgetHookCredentials(ctx: Pick<AppContext, 'store'>, orgId: string): void {
  caches.get(ctx.store)?.forget(orgId);
}

export function hookReceiver(ctx: AppContext): Router {
  const cache = receiverCache(ctx);
  const router = Router();

  const authenticateHook: RequestHandler = async (req, res, next) => {
    const orgId = String(req.params.orgId);
    const creds = ORG_ID.test(orgId) ? await cache.get(orgId.toLowerCase()) : null;
    // Every offered secret is compared, so the answer takes as long whichever was wrong.
    const ok = creds ? offeredSecrets(req).map((s) => matches(s, creds.digest)).includes(true) : false;
    if (!creds || !ok) return refuse(res);
    res.locals.hook = { orgId: orgId.toLowerCase(), instanceId: creds.instanceId };
    next();
  };

  router.post('/hooks/ado/:orgId', authenticateHook, express.raw({ type: () => true, limit: '1mb' }), async (req, res) => {
    const { orgId, instanceId } = res.locals.hook as { orgId: string; instanceId: string };
    let body: unknown;
    try {
      body = JSON.parse(Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '');
    } catch {
      throw badRequest('The body is not JSON', 'invalid-event');
    }
    const parsed = parseDelivery(body);
    if (parsed.kind === 'invalid') throw badRequest(`Not a service hook event Vigil reads: ${parsed.problems.join('; ')}`, 'invalid-event');
    const envelope = parsed.kind === 'event' ? parsed.event : parsed.envelope;
    if (!fromThisOrganization(envelope, instanceId)) return refuse(res);
    const ack = (outcome: HookAck['outcome']) => void res.status(202).json({ outcome } satisfies HookAck);
    if (!(await recordEvent(ctx.store.db, orgId, envelope.id, envelope.eventType, 'received'))) return ack('duplicate');
    if (parsed.kind === 'unknown-type') {
      await settleEvent(ctx.store.db, orgId, envelope.id, 'ignored');
      return ack('ignored');
    }
    let outcome;
    try {
      outcome = await dispatchEvent(ctx, orgId, parsed.event);
    } catch (err) {
      await forgetEvent(ctx.store.db, orgId, envelope.id).catch(() => undefined);
      throw err;
    }
    await settleEvent(ctx.store.db, orgId, envelope.id, outcome);
    ack(outcome);
  });

  return router;
}

async function eventDelivery(ctx: AppContext, orgId: string): Promise<EventDeliveryDto> {
  const { db } = ctx.store;
  const [endpoint, subs, names, lastEvent] = [await getHookEndpoint(db, orgId), await listSubscriptions(db, orgId), await projectNames(db, orgId), await lastEventAt(db, orgId)];
  const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : undefined);
  const url = receiverUrl(ctx.config, orgId);
  return {
    mode: (endpoint?.mode as EventDeliveryDto['mode']) ?? 'unknown',
    ...(endpoint?.mode_reason ? { modeReason: endpoint.mode_reason } : {}),
    ...(url ? { receiverUrl: url } : {}),
    pollMinutes: ctx.config.pollMinutes,
    ...(lastEvent ? { lastEventAt: iso(lastEvent) } : {}),
    ...(endpoint?.last_poll_at ? { lastPollAt: iso(endpoint.last_poll_at) } : {}),
    ...(endpoint?.checked_at ? { checkedAt: iso(endpoint.checked_at) } : {}),
    eventsIgnored: endpoint?.events_ignored ?? 0,
    subscriptions: subs.map((s) => ({
      id: s.subscription_id,
      eventType: s.event_type,
      projectId: s.project_id,
      ...(names.has(s.project_id) ? { projectName: names.get(s.project_id) } : {}),
      status: s.status,
      checkedAt: new Date(s.checked_at).toISOString(),
      ...(s.last_error ? { lastError: s.last_error } : {}),
    })),
  };
}

/** /api/v1 routes of event delivery and disconnection; the organization's cached callers are forgotten on disconnect. */
export function eventDeliveryRouter(ctx: AppContext, callers: CallerCache): Router {
  const r = Router();

  r.get('/organization/events', async (req, res) => {
    const body: EventDeliveryDto = await eventDelivery(ctx, requireOrg(req).org_id);
    res.json(body);
  });

  r.post('/organization/events/repair', async (req, res) => {
    const caller = requireOrgAdmin(req);
    const org = requireOrg(req);
    const outcome = await ensureSubscriptions(ctx, org.org_id);
    forgetHookCredentials(ctx, org.org_id); // a secret made just now (none was cached as unknown)
    if (outcome.mode === 'skipped') throw notFound('The organization is no longer connected');
    ctx.log.info({ orgId: org.org_id, by: caller.userId, mode: outcome.mode, created: outcome.created, reenabled: outcome.reenabled }, 'event delivery repaired');
    const body: EventDeliveryDto = await eventDelivery(ctx, org.org_id);
    res.json(body);
  });

  r.delete('/organization', async (req, res) => {
    const caller = requireOrgAdmin(req);
    const org = requireOrg(req);
    const outcome = await disconnectOrganization(ctx, org.org_id, caller.userId, auditActorOf(req));
    callers.forgetOrg(caller.orgName);
    receiverCache(ctx).forget(org.org_id);
    if (!outcome.deleted) throw notFound('The organization is no longer connected');
    res.status(204).end();
  });

  return r;
}
