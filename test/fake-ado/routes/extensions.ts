// Installed extensions (extmgmt host; at the collection URL here).
import { Router } from 'express';
import { locals, type FakeContext } from '../context';
import { sendCollection } from '../http';
import { requirePreview, requireScope } from '../middleware';

export function extensionRoutes(ctx: FakeContext): Router {
  const r = Router({ mergeParams: true });

  r.get('/_apis/extensionmanagement/installedextensions', requireScope('vso.extension'), requirePreview, (req, res) => {
    const { org } = locals(res);
    sendCollection(req, res, ctx.areas[org.name]?.extensions ?? []);
  });

  return r;
}
