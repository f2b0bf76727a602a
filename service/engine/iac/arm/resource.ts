// The 'azure' model's resources, as ARM and Bicep both produce them: type lower-cased for rules,
// the address in display case, attributes the resource object.
import type { IacObject, IacPlatform, IacResource, IacValue } from '../types';
import { isUnknown } from '../values';
import { unknownFrom } from './unknown';

/** The pseudo-type of a template's parameters and outputs (rules about secrets in the template itself). */
export const TEMPLATE_TYPE = 'template';

export const displayName = (name: IacValue): string => (isUnknown(name) ? name.expr : typeof name === 'string' ? name : JSON.stringify(name));

export const addressOf = (type: string, name: string, within?: string): string => `${type} '${name}'${within ? ` (${within})` : ''}`;

export interface AzureResourceInput {
  platform: Extract<IacPlatform, 'arm' | 'bicep'>;
  /** The full ARM type in display case: Microsoft.Sql/servers/databases. */
  type: string;
  name: IacValue;
  path: string;
  line: number;
  endLine: number;
  attributes: IacObject;
  lineOf: IacResource['lineOf'];
  /** The nested deployment or module the resource comes from (part of its address). */
  within?: string;
  meta?: Record<string, unknown>;
}

export function azureResource(r: AzureResourceInput): IacResource {
  const name = displayName(r.name);
  return {
    model: 'azure',
    platform: r.platform,
    type: r.type === TEMPLATE_TYPE ? TEMPLATE_TYPE : r.type.toLowerCase(),
    name,
    address: r.type === TEMPLATE_TYPE ? `template '${name}'${r.within ? ` (${r.within})` : ''}` : addressOf(r.type, name, r.within),
    path: r.path,
    line: r.line,
    endLine: Math.max(r.line, r.endLine),
    attributes: r.attributes,
    lineOf: r.lineOf,
    ...(r.meta ? { meta: r.meta } : {}),
  };
}

/** The type of a child declared inside its parent: `databases` under Microsoft.Sql/servers. */
export function childType(parentType: string, type: string): string {
  if (/^[\w-]+\.[\w.-]+\//.test(type)) return type;
  return `${parentType}/${type}`;
}

/** A child's full name: `server/db`, unless the name already has a segment per type level. */
export function childName(parentName: IacValue, name: IacValue, type: string): IacValue {
  const levels = type.split('/').length - 1;
  if (typeof name === 'string' && name.split('/').length >= levels) return name;
  if (typeof parentName === 'string' && typeof name === 'string') return `${parentName}/${name}`;
  return unknownFrom(`${displayName(parentName)}/${displayName(name)}`, [parentName, name]);
}
