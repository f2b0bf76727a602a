// Audit streams (auditservice host; at the collection URL here). Organization admins only.
import { Router } from 'express';
import { locals, type FakeContext } from '../context';
import { sendJson } from '../http';
import { requirePreview, requireScope } from '../middleware';
import { sendAdoError } from '../responses';

export function auditRoutes(ctx: FakeContext): Router {
  const r = Router({ mergeParams: true });

  r.get('/_apis/audit/streams', requireScope('vso.auditlog'), requirePreview, (_req, res) => {
    const { org, identity } = locals(res);
    if (!identity.isAdmin) {
      // UNVERIFIED wording of the permission error.
      return sendAdoError(res, 403, {
        message: `Access denied. ${identity.displayName} needs the following permission(s) on the resource Auditing to perform this action: Manage audit streams`,
        typeKey: 'UnauthorizedAccessException',
      });
    }
    const streams = ctx.areas[org.name]?.auditStreams ?? [];
    // With no stream ADO answers {count: 0} without value (AzSK's note, ado-rest.md §9).
    sendJson(res, streams.length ? { count: streams.length, value: streams } : { count: 0 });
  });

  return r;
}
