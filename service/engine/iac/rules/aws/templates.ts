// Example templates for the aws rules: a minimal CloudFormation template (YAML or JSON) with one
// resource, a SAM template, a parameter without a default feeding a value, and shared matchers.
import type { IacExamples, IacObject, IacRule, IacValue } from '../../types';
import { isObject, isUnknown } from '../../values';

const indent = (text: string, by: number): string =>
  text
    .split('\n')
    .map((l) => (l.trim() ? ' '.repeat(by) + l : l))
    .join('\n');

export interface TemplateOptions {
  /** Logical id (default Example). */
  id?: string;
  /** YAML of the Parameters section's entries. */
  parameters?: string;
  /** YAML of more resources, at the level of `Example:`. */
  more?: string;
}

/** A CloudFormation YAML template with one resource whose Properties are `properties` (YAML). */
export function cfn(type: string, properties: string, options: TemplateOptions = {}): string {
  const params = options.parameters ? `Parameters:\n${indent(options.parameters, 2)}\n` : '';
  const props = properties.trim() ? `    Properties:\n${indent(properties.trim(), 6)}\n` : '    Properties: {}\n';
  const more = options.more ? `${indent(options.more.trim(), 2)}\n` : '';
  return `AWSTemplateFormatVersion: '2010-09-09'\n${params}Resources:\n  ${options.id ?? 'Example'}:\n    Type: ${type}\n${props}${more}`;
}

/** The same as JSON. */
export function cfnJson(type: string, properties: IacObject, id = 'Example'): string {
  return `${JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: { [id]: { Type: type, Properties: properties } } }, null, 2)}\n`;
}

/** A template whose property is fed by a parameter without a default: `properties` should use `!Ref Setting`. */
export function cfnParam(type: string, properties: string, paramType = 'String'): string {
  return cfn(type, properties, { parameters: `Setting:\n  Type: ${paramType}` });
}

/** A SAM template with one resource of `AWS::Serverless::<kind>`; `globals` is the YAML of the Globals section. */
export function sam(kind: string, properties: string, globals = '', id = 'Example'): string {
  const g = globals.trim() ? `Globals:\n${indent(globals.trim(), 2)}\n` : '';
  const props = properties.trim() ? `    Properties:\n${indent(properties.trim(), 6)}\n` : '';
  return `AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\n${g}Resources:\n  ${id}:\n    Type: AWS::Serverless::${kind}\n${props}`;
}

/** A serverless.yml with a service, an aws provider (`provider` YAML added under it) and `functions` YAML. */
export function serverless(provider: string, functions: string, resources = ''): string {
  const res = resources.trim() ? `resources:\n  Resources:\n${indent(resources.trim(), 4)}\n` : '';
  return `service: shop\nprovider:\n  name: aws\n${indent(provider.trim(), 2)}\nfunctions:\n${indent(functions.trim(), 2)}\n${res}`;
}

// ---------------------------------------------------------------------------------------------
// Policy documents

/** The Statement list of a policy document, or [] (a single statement object counts as one). */
export function statementsOf(doc: IacValue | undefined): IacValue[] {
  if (typeof doc === 'string') doc = parsePolicyText(doc);
  if (!isObject(doc)) return [];
  const s = doc.Statement;
  return Array.isArray(s) ? s : s === undefined ? [] : [s];
}

/** A policy document written as a JSON string (CloudFormation accepts Json properties as text). */
function parsePolicyText(text: string): IacValue | undefined {
  if (text.length > 200_000 || !text.trim().startsWith('{')) return undefined;
  try {
    return JSON.parse(text) as IacValue;
  } catch {
    return undefined;
  }
}

/** Condition keys that narrow who the statement applies to (the caller's account, organization, ARN, network or external id). */
const PRINCIPAL_CONDITION_KEYS = new Set(
  [
    'aws:PrincipalOrgID',
    'aws:PrincipalOrgPaths',
    'aws:PrincipalAccount',
    'aws:PrincipalArn',
    'aws:SourceAccount',
    'aws:SourceArn',
    'aws:SourceOwner',
    'aws:SourceOrgID',
    'aws:SourceOrgPaths',
    'aws:SourceVpc',
    'aws:SourceVpce',
    'aws:SourceIp',
    'aws:userid',
    'aws:username',
    'sts:ExternalId',
    'kms:CallerAccount',
  ].map((k) => k.toLowerCase()),
);

/**
 * Whether a statement's Condition narrows its principal (an unknown Condition is given the benefit of the doubt).
 * A Condition on something else (aws:SecureTransport, s3:prefix…) leaves `*` meaning anyone.
 */
export function conditionRestrictsPrincipal(condition: IacValue | undefined): boolean {
  if (condition === undefined || condition === null) return false;
  if (isUnknown(condition)) return true;
  if (!isObject(condition)) return false;
  return Object.values(condition).some((block) => isUnknown(block) || (isObject(block) && Object.keys(block).some((k) => PRINCIPAL_CONDITION_KEYS.has(k.toLowerCase()))));
}

/** A string or list of strings as a list (Unknown kept as an item). */
export function listOf(v: IacValue | undefined): IacValue[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** An unknown value that still cannot be `*`: another resource's attribute, or a !Sub with literal text around its references. */
function cannotBeStar(v: IacValue): boolean {
  if (!isUnknown(v)) return true;
  if (v.expr.startsWith('!GetAtt ')) return true;
  const sub = /^!Sub "(.*)"$/s.exec(v.expr);
  return !!sub && sub[1].replace(/\$\{[^}]*\}/g, '').replace(/\\./g, 'x').length > 0;
}

/** Whether a statement's value (Action, Resource…) includes `*` exactly; 'unknown' when an item is unknown. */
export function includesStar(v: IacValue | undefined): boolean | 'unknown' {
  const items = listOf(v);
  if (items.some((x) => x === '*')) return true;
  if (items.some((x) => !cannotBeStar(x))) return 'unknown';
  return false;
}

/** A principal that means anyone: `*`, `{AWS: '*'}`, `{AWS: ['*']}`. */
export function anyonePrincipal(principal: IacValue | undefined): boolean | 'unknown' {
  if (principal === '*') return true;
  if (isUnknown(principal)) return 'unknown';
  if (!isObject(principal)) return false;
  return includesStar(principal.AWS);
}

// ---------------------------------------------------------------------------------------------
// A rule over one CloudFormation resource type whose examples are Properties snippets.

export interface PropertyRule extends Omit<IacRule, 'model' | 'resourceTypes' | 'examples'> {
  resourceTypes: readonly string[];
  /** Properties (YAML) of failing / passing resources of resourceTypes[0]. */
  fail: readonly string[];
  pass: readonly string[];
  /** Properties (YAML) reading `!Ref Setting`, a parameter without a default. */
  unknown: string;
  /** The parameter's type (default String). */
  unknownType?: string;
  /** The same as JSON templates. */
  json?: { fail?: readonly IacObject[]; pass?: readonly IacObject[] };
  /** Examples in other syntaxes (SAM, Serverless). */
  more?: Omit<IacExamples, 'cfn'>;
}

export function propertyRule(spec: PropertyRule): IacRule {
  const { fail, pass, unknown, unknownType, json, more, ...rule } = spec;
  const type = spec.resourceTypes[0];
  return {
    ...rule,
    model: 'aws',
    examples: {
      cfn: {
        fail: [...fail.map((p) => cfn(type, p)), ...(json?.fail ?? []).map((p) => cfnJson(type, p))],
        pass: [...pass.map((p) => cfn(type, p)), ...(json?.pass ?? []).map((p) => cfnJson(type, p))],
        unknown: [cfnParam(type, unknown, unknownType)],
      },
      ...more,
    },
  };
}
