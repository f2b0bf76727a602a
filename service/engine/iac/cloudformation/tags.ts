// CloudFormation's YAML short forms (`!Ref X`, `!GetAtt A.B`, `!Sub …`) as the long forms the JSON
// syntax writes (`{Ref: X}`, `{'Fn::GetAtt': [A, B]}`, `{'Fn::Sub': …}`), for parseYaml's tag hook.
import type { IacValue } from '../types';

const FUNCTIONS = new Set([
  'Base64',
  'Cidr',
  'FindInMap',
  'GetAtt',
  'GetAZs',
  'ImportValue',
  'Join',
  'Select',
  'Split',
  'Sub',
  'Transform',
  'And',
  'Equals',
  'If',
  'Not',
  'Or',
  'Length',
  'ToJsonString',
]);

/** The long form of a short-form tag, or undefined for a tag CloudFormation does not define. */
export function cfnTag(tag: string, value: IacValue): IacValue | undefined {
  const name = tag.slice(1);
  if (name === 'Ref') return { Ref: value };
  if (name === 'Condition') return { Condition: value };
  if (!FUNCTIONS.has(name)) return undefined;
  if (name === 'GetAtt' && typeof value === 'string') {
    // `!GetAtt Logs.Arn`: the logical id is before the first dot, the attribute may hold dots itself.
    const dot = value.indexOf('.');
    return { 'Fn::GetAtt': dot === -1 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
  }
  return { [`Fn::${name}`]: value };
}
