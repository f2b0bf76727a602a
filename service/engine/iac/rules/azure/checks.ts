// Checks several azure rules share.
import { expect, forbid, type Check } from '../../helpers';
import type { IacResource, IacValue, RuleContext } from '../../types';
import { isUnknown } from '../../values';

/**
 * The resources of `type` declared as children of `parent` (name `parent/child`, nested or
 * top-level). A child whose name is not known belongs to the parent when both names come from the
 * same parameter or variable, or when the parent is the only resource of its type in the template.
 * anyDepth: grandchildren too (a database's auditingSettings under a server: `server/db/default`).
 */
export function childrenOf(parent: IacResource, ctx: RuleContext, type: string, anyDepth = false): readonly IacResource[] {
  const prefix = `${parent.name}/`;
  const parentName = parent.attributes.name;
  const onlyParent = ctx.ofType(parent.type).length === 1;
  return ctx.ofType(type).filter((c) => {
    if (c.name.startsWith(prefix) && (anyDepth || !c.name.slice(prefix.length).includes('/'))) return true;
    const childName = c.attributes.name;
    if (!isUnknown(childName)) return false;
    if (isUnknown(parentName) && childName.refs.some((r) => parentName.refs.includes(r))) return true;
    return onlyParent;
  });
}

/** `properties.publicNetworkAccess` must be Disabled (the services' default is Enabled). */
export const publicNetworkDisabled = (whenMissing: 'pass' | 'fail' = 'fail'): Check =>
  expect('properties.publicNetworkAccess', 'Disabled', { ignoreCase: true, whenMissing });

const OLD_TLS = /^(?:tls)?[ _]?1[._]?[01]$|^ssl/i;

/** A TLS version setting must not allow 1.0/1.1 (written 1.0, TLS1_0, Tls10, 1.1...). */
export const noOldTls = (path: string, whenMissing: 'pass' | 'fail'): Check =>
  forbid(path, (v: IacValue) => typeof v === 'string' && (OLD_TLS.test(v.trim()) || /^tls1[01]$/i.test(v.trim()) || /^none$/i.test(v.trim())), { whenMissing });

/** Whether a value is a known true (booleans or "true"). */
export const isTrue = (v: IacValue | undefined): boolean => v === true || (typeof v === 'string' && v.toLowerCase() === 'true');

export const known = (v: IacValue | undefined): v is Exclude<IacValue, undefined> => v !== undefined && !isUnknown(v);
