// Security: permission checks in the Collection namespace.
import { Router } from 'express';
import { locals } from '../context';
import { badArgument, eqi, q, sendCollection } from '../http';
import { requireScope } from '../middleware';

const COLLECTION_NAMESPACE = '3e65f728-f8bc-4ecd-8764-7e378b19bfa7';
const GENERIC_READ = 1;

export function securityRoutes(): Router {
  const r = Router({ mergeParams: true });
  r.get('/_apis/permissions/:ns/:bits', requireScope('vso.security_manage'), (req, res) => {
    const { identity } = locals(res);
    const bits = Number(req.params.bits);
    if (!Number.isInteger(bits) || bits <= 0) return badArgument(res, `Invalid permissions value: ${req.params.bits}`);
    const delimiter = q(req, 'delimiter') ?? ',';
    const tokens = (q(req, 'tokens') ?? '').split(delimiter).filter(Boolean);
    if (!tokens.length) tokens.push('');
    // A Project Collection Administrator holds every Collection bit; members can only read.
    const granted = eqi(String(req.params.ns), COLLECTION_NAMESPACE) && (identity.isAdmin || (bits & ~GENERIC_READ) === 0);
    sendCollection(req, res, tokens.map(() => granted));
  });
  return r;
}
