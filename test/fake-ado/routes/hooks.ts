// Service hooks (ado-rest.md §12): webhook subscriptions, created, listed, replaced and deleted in
// memory, and the tfs publisher's event types. Writes need vso.hooks_write.
import { randomUUID } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { locals, type FakeContext } from '../context';
import { badArgument, eqi, q, sendCollection, sendJson } from '../http';
import { requireJsonBody, requireScope } from '../middleware';
import type { Json } from '../model';
import { sendAdoError } from '../responses';

/** The tfs publisher's events the fake accepts (ado-rest.md §12 table). */
const TFS_EVENT_TYPES: { id: string; name: string; description: string }[] = [
  { id: 'git.push', name: 'Code pushed', description: 'Code is pushed to a Git repository.' },
  { id: 'git.pullrequest.created', name: 'Pull request created', description: 'Pull request is created in a Git repository.' },
  { id: 'git.pullrequest.updated', name: 'Pull request updated', description: 'Pull request is updated – status, review list, reviewer vote changed or the source branch is updated with a push.' },
  { id: 'git.pullrequest.merged', name: 'Pull request merge attempted', description: 'Pull request - Merge attempted.' },
  { id: 'ms.vss-code.git-pullrequest-comment-event', name: 'Pull request commented on', description: 'Comments are added to a pull request.' },
  { id: 'build.complete', name: 'Build completed', description: 'A build completes.' },
];

const CONFIDENTIAL_INPUTS = ['basicAuthPassword'];
const MASK = '********';

export function hooksRoutes(ctx: FakeContext): Router {
  const r = Router({ mergeParams: true });
  const read = requireScope('vso.hooks');
  const write = requireScope('vso.hooks_write');

  const subscriptionsOf = (orgName: string) => {
    let subs = ctx.state.hookSubscriptions.get(orgName);
    if (!subs) ctx.state.hookSubscriptions.set(orgName, (subs = new Map()));
    return subs;
  };

  /** Checks the body as ADO's webHooks consumer would; sends the 400 itself. UNVERIFIED wordings. */
  const validate = (req: Request, res: Response): Json | null => {
    const body = req.body as Json;
    for (const key of ['publisherId', 'eventType', 'consumerId', 'consumerActionId']) {
      if (typeof body[key] !== 'string' || body[key] === '') {
        badArgument(res, `The subscription is missing ${key}.`);
        return null;
      }
    }
    if (body.publisherId !== 'tfs' || !TFS_EVENT_TYPES.some((e) => e.id === body.eventType)) {
      badArgument(res, `Event type ${String(body.eventType)} of publisher ${String(body.publisherId)} is not supported.`);
      return null;
    }
    if (body.consumerId !== 'webHooks' || body.consumerActionId !== 'httpRequest') {
      badArgument(res, `Consumer action ${String(body.consumerId)}/${String(body.consumerActionId)} is not supported by the fake.`);
      return null;
    }
    const publisherInputs = (body.publisherInputs ?? {}) as Json;
    const consumerInputs = (body.consumerInputs ?? {}) as Json;
    const projectId = publisherInputs.projectId;
    if (typeof projectId !== 'string' || !ctx.findProject(locals(res).org, projectId)) {
      badArgument(res, 'The publisher input projectId is missing or names no project of this organization.');
      return null;
    }
    if (typeof consumerInputs.url !== 'string' || !/^https?:\/\//i.test(consumerInputs.url)) {
      badArgument(res, 'The consumer input url is missing or not an http(s) URL.');
      return null;
    }
    return body;
  };

  const subscription = (res: Response, id: string, body: Json, created?: Json): Json => {
    const { org, identity } = locals(res);
    const now = new Date().toISOString();
    // What deliveries send: the inputs as posted; a masked password sent back keeps the stored one.
    const posted = { ...(body.consumerInputs as Json) };
    const previous = ctx.state.hookSecrets.get(id);
    for (const key of CONFIDENTIAL_INPUTS) if (posted[key] === MASK && previous && key in previous) posted[key] = previous[key];
    ctx.state.hookSecrets.set(id, posted);
    const consumerInputs = { ...(body.consumerInputs as Json) };
    for (const key of CONFIDENTIAL_INPUTS) if (key in consumerInputs) consumerInputs[key] = MASK;
    const project = ctx.findProject(org, String((body.publisherInputs as Json).projectId))!;
    const me = { id: identity.id };
    return {
      publisherId: body.publisherId,
      eventType: body.eventType,
      resourceVersion: body.resourceVersion ?? '1.0',
      consumerId: body.consumerId,
      consumerActionId: body.consumerActionId,
      publisherInputs: { ...(body.publisherInputs as Json), tfsSubscriptionId: created ? (created.publisherInputs as Json).tfsSubscriptionId : randomUUID() },
      consumerInputs: { acceptUntrustedCerts: 'false', ...consumerInputs },
      id,
      url: `${ctx.orgUrlOf(org)}/_apis/hooks/subscriptions/${id}`,
      // A PUT re-enables a subscription ADO disabled (or put on probation); a user may disable it.
      status: body.status === 'disabledByUser' ? 'disabledByUser' : 'enabled',
      eventDescription: `Project ${project.name}`,
      actionDescription: `To host ${new URL(String(consumerInputs.url)).host}`,
      createdBy: created ? created.createdBy : me,
      createdDate: created ? created.createdDate : now,
      modifiedBy: me,
      modifiedDate: now,
    };
  };

  const notFound = (res: Response, id: string) =>
    // UNVERIFIED wording.
    sendAdoError(res, 404, { message: `VS1000003: Subscription ${id} does not exist.`, typeKey: 'SubscriptionNotFoundException' });

  r.get('/_apis/hooks/subscriptions', read, (req, res) => {
    const filters = ['publisherId', 'eventType', 'consumerId', 'consumerActionId'].map((k) => [k, q(req, k)] as const);
    const subs = [...subscriptionsOf(locals(res).org.name).values()].filter((s) => filters.every(([k, v]) => !v || eqi(String(s[k]), v)));
    sendCollection(req, res, subs);
  });

  r.post('/_apis/hooks/subscriptions', write, requireJsonBody, (req, res) => {
    const body = validate(req, res);
    if (!body) return;
    const id = randomUUID();
    const sub = subscription(res, id, body);
    subscriptionsOf(locals(res).org.name).set(id, sub);
    sendJson(res, sub);
  });

  r.get('/_apis/hooks/subscriptions/:id', read, (req, res) => {
    const sub = subscriptionsOf(locals(res).org.name).get(String(req.params.id).toLowerCase());
    if (!sub) return notFound(res, String(req.params.id));
    sendJson(res, sub);
  });

  // Notifications - List: the subscription's delivery history (maxResults, status, result filters).
  r.get('/_apis/hooks/subscriptions/:id/notifications', read, (req, res) => {
    const id = String(req.params.id).toLowerCase();
    if (!subscriptionsOf(locals(res).org.name).get(id)) return notFound(res, id);
    const status = q(req, 'status');
    const result = q(req, 'result');
    const max = Number(q(req, 'maxResults') ?? 100);
    const list = ctx
      .notifications(id)
      .filter((n) => !status || eqi(String(n.status), status))
      .filter((n) => !result || eqi(String(n.result), result));
    sendCollection(req, res, list.slice(0, Number.isInteger(max) && max > 0 ? max : 100));
  });

  r.put('/_apis/hooks/subscriptions/:id', write, requireJsonBody, (req, res) => {
    const id = String(req.params.id).toLowerCase();
    const subs = subscriptionsOf(locals(res).org.name);
    const existing = subs.get(id);
    if (!existing) return notFound(res, id);
    const body = validate(req, res);
    if (!body) return;
    const sub = subscription(res, id, body, existing);
    subs.set(id, sub);
    sendJson(res, sub);
  });

  r.delete('/_apis/hooks/subscriptions/:id', write, (req, res) => {
    const id = String(req.params.id).toLowerCase();
    if (!subscriptionsOf(locals(res).org.name).delete(id)) return notFound(res, id);
    ctx.state.hookSecrets.delete(id);
    res.status(204).end();
  });

  r.get('/_apis/hooks/publishers/:publisher/eventtypes', read, (req, res) => {
    const { org } = locals(res);
    if (req.params.publisher !== 'tfs') return sendAdoError(res, 404, { message: `Publisher ${req.params.publisher} was not found.`, typeKey: 'PublisherNotFoundException' });
    sendCollection(
      req,
      res,
      TFS_EVENT_TYPES.map((e) => ({
        publisherId: 'tfs',
        id: e.id,
        url: `${ctx.orgUrlOf(org)}/_apis/hooks/publishers/tfs/eventTypes/${e.id}`,
        name: e.name,
        description: e.description,
        supportedResourceVersions: ['1.0'],
      })),
    );
  });

  return r;
}
