// AWS SAM: the AWS::Serverless::* resources, with Globals merged in, kept as their own types and
// expanded as the SAM transform does into the CloudFormation resources rules read (a Function's
// AWS::Lambda::Function and implicit AWS::IAM::Role, an Api's RestApi and Stage…). Expanded resources
// name the SAM resource in their address and point their lines at its properties.
import type { IacObject, IacResource, IacValue } from '../types';
import { isObject, isUnknown, joinPath, Unknown } from '../values';
import type { Evaluated, IntrinsicEvaluator } from './intrinsics';
import { toIacResource, type RawResource, type TemplateSection } from './template';

export const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';

/** Whether a template uses the SAM transform (or SAM resource types). */
export function isSamTemplate(template: IacObject): boolean {
  const t = template.Transform;
  const transforms = Array.isArray(t) ? t : [t];
  if (transforms.some((x) => typeof x === 'string' && x.startsWith('AWS::Serverless'))) return true;
  const resources = isObject(template.Resources) ? Object.values(template.Resources) : [];
  return resources.some((r) => isObject(r) && typeof r.Type === 'string' && r.Type.startsWith('AWS::Serverless::'));
}

const GLOBALS_OF: Record<string, string> = {
  'AWS::Serverless::Function': 'Function',
  'AWS::Serverless::Api': 'Api',
  'AWS::Serverless::HttpApi': 'HttpApi',
  'AWS::Serverless::SimpleTable': 'SimpleTable',
  'AWS::Serverless::StateMachine': 'StateMachine',
  'AWS::Serverless::LayerVersion': 'LayerVersion',
};

/** SAM's Globals rules: maps merge key by key, lists are additive, the resource's own scalar wins. */
export function mergeGlobals(global: IacValue | undefined, local: IacValue | undefined, depth = 0): IacValue | undefined {
  if (global === undefined) return local;
  if (local === undefined) return global;
  if (depth > 32) return local;
  if (isObject(global) && isObject(local)) {
    const out: IacObject = { ...global };
    for (const [k, v] of Object.entries(local)) out[k] = mergeGlobals(global[k], v, depth + 1) as IacValue;
    return out;
  }
  if (Array.isArray(global) && Array.isArray(local)) return [...global, ...local];
  return local;
}

/** Lines of merged properties: the resource's own, else the Globals entry's. */
const mergedLines = (own: Map<string, number>, global: Map<string, number> | undefined) => (p: string): number | undefined =>
  own.get(p) ?? global?.get(p);

/** [expanded path prefix, SAM property path prefix]: '' maps every path under the SAM path. */
type Renames = readonly (readonly [string, string])[];

function translate(path: string, renames: Renames): string {
  for (const [to, from] of renames) {
    if (to === '') return path ? (path.startsWith('[') ? from + path : `${from}.${path}`) : from;
    if (path === to) return from;
    if (path.startsWith(`${to}.`) || path.startsWith(`${to}[`)) return from + path.slice(to.length);
  }
  return path;
}

const pick = (from: IacObject, keys: readonly string[]): IacObject => {
  const out: IacObject = {};
  for (const k of keys) if (from[k] !== undefined) out[k] = from[k];
  return out;
};

const asObject = (v: IacValue | undefined): IacObject => (isObject(v) ? v : {});

interface Expansion {
  sam: IacResource;
  /** Adds an expanded resource; its lines are the SAM resource's at the renamed paths, else at `fallback`. */
  add(type: string, name: string, attributes: IacObject, renames?: Renames, fallback?: string): void;
}

/** The SAM resources of a template: each kept as it is (Globals merged) plus what the transform makes of it. */
export function expandSam(t: TemplateSection, raws: readonly RawResource[], evaluator: IntrinsicEvaluator): IacResource[] {
  const globalsSection = asObject(t.section.Globals);
  const globals = new Map<string, Evaluated>();
  const globalsFor = (kind: string): Evaluated | undefined => {
    if (globalsSection[kind] === undefined) return undefined;
    let g = globals.get(kind);
    if (!g) globals.set(kind, (g = evaluator.evaluate(globalsSection[kind], joinPath(joinPath(t.at, 'Globals'), kind))));
    return g;
  };
  const out: IacResource[] = [];
  let implicitRest: RawResource | undefined;
  let implicitHttp: RawResource | undefined;
  const functions: { id: string; props: IacObject; x: Expansion }[] = [];
  const restApis = new Map<string, IacObject>();
  const expansionOf = (r: RawResource, props: IacObject, lineOf: (p: string) => number | undefined): Expansion => {
    const base = toIacResource(t, r);
    const sam: IacResource = { ...base, attributes: props, lineOf: (p) => (lineOf(p) === undefined ? undefined : { line: lineOf(p)! }) };
    out.push(sam);
    return {
      sam,
      add(type, name, attributes, renames = [], fallback) {
        out.push({
          ...sam,
          type,
          name,
          address: `${type} ${name} (from ${r.type})`,
          attributes,
          lineOf: (p) => sam.lineOf(translate(p, renames)) ?? (fallback === undefined ? undefined : sam.lineOf(fallback)),
        });
      },
    };
  };
  for (const r of raws) {
    const kind = GLOBALS_OF[r.type];
    if (!kind) continue;
    const g = globalsFor(kind);
    const props = asObject(mergeGlobals(g?.value, r.properties.value));
    const x = expansionOf(r, props, mergedLines(r.properties.lines, g?.lines));
    switch (r.type) {
      case 'AWS::Serverless::Function': {
        expandFunction(r.id, props, x);
        functions.push({ id: r.id, props, x });
        const events = Object.values(asObject(props.Events)).filter(isObject);
        if (events.some((e) => e.Type === 'Api' && asObject(e.Properties).RestApiId === undefined)) implicitRest ??= r;
        if (events.some((e) => e.Type === 'HttpApi' && asObject(e.Properties).ApiId === undefined)) implicitHttp ??= r;
        break;
      }
      case 'AWS::Serverless::Api':
        expandRestApi(r.id, props, x);
        restApis.set(r.id, props);
        break;
      case 'AWS::Serverless::HttpApi':
        expandHttpApi(r.id, props, x);
        break;
      case 'AWS::Serverless::SimpleTable':
        expandSimpleTable(r.id, props, x);
        break;
      case 'AWS::Serverless::StateMachine':
        expandStateMachine(r.id, props, x);
        break;
      case 'AWS::Serverless::LayerVersion':
        x.add('AWS::Lambda::LayerVersion', r.id, { ...pick(props, ['CompatibleArchitectures', 'CompatibleRuntimes', 'Description', 'LicenseInfo']), ...(props.LayerName !== undefined ? { LayerName: props.LayerName } : {}) });
        break;
    }
  }
  // The implicit APIs SAM creates for Api / HttpApi events that name no API, configured by Globals alone.
  const explicit = new Set(raws.map((r) => r.id));
  if (implicitRest && !explicit.has('ServerlessRestApi')) {
    const g = globalsFor('Api');
    const x = implicitExpansion(t, implicitRest, 'ServerlessRestApi', 'AWS::Serverless::Api', g, out);
    expandRestApi('ServerlessRestApi', { StageName: 'Prod', ...asObject(g?.value) }, x);
  }
  if (implicitHttp && !explicit.has('ServerlessHttpApi')) {
    const g = globalsFor('HttpApi');
    const x = implicitExpansion(t, implicitHttp, 'ServerlessHttpApi', 'AWS::Serverless::HttpApi', g, out);
    expandHttpApi('ServerlessHttpApi', asObject(g?.value), x);
  }
  const implicitApi = asObject(globalsFor('Api')?.value);
  for (const f of functions) expandApiMethods(f.id, f.props, f.x, restApis, implicitApi);
  return out;
}

/**
 * The methods a function's Api events create, with the authorization SAM gives them: the event's
 * Auth.Authorizer, else its API's Auth.DefaultAuthorizer (AWS_IAM, a Cognito or a Lambda authorizer, NONE).
 */
function expandApiMethods(id: string, p: IacObject, x: Expansion, restApis: ReadonlyMap<string, IacObject>, implicitApi: IacObject): void {
  for (const [name, e] of Object.entries(asObject(p.Events))) {
    if (!isObject(e) || e.Type !== 'Api') continue;
    const ep = asObject(e.Properties);
    const apiRef = ep.RestApiId;
    const api = apiRef === undefined ? implicitApi : isUnknown(apiRef) ? restApis.get(apiRef.refs[0] ?? '') : undefined;
    const eventAuth = asObject(ep.Auth);
    const apiAuth = asObject(api?.Auth);
    const authorizer = eventAuth.Authorizer ?? (api ? apiAuth.DefaultAuthorizer : new Unknown(`the default authorizer of ${isUnknown(apiRef) ? apiRef.expr : 'the API'}`));
    let type: IacValue;
    if (authorizer === undefined || authorizer === 'NONE') type = 'NONE';
    else if (isUnknown(authorizer) || authorizer === 'AWS_IAM') type = authorizer;
    else type = isObject(asObject(apiAuth.Authorizers)[String(authorizer)]) && asObject(asObject(apiAuth.Authorizers)[String(authorizer)]).UserPoolArn !== undefined ? 'COGNITO_USER_POOLS' : 'CUSTOM';
    const method = typeof ep.Method === 'string' ? ep.Method.toUpperCase() : 'ANY';
    const at = `Events.${name}.Properties`;
    x.add(
      'AWS::ApiGateway::Method',
      `${id} ${method} ${typeof ep.Path === 'string' ? ep.Path : ''}`,
      { HttpMethod: method, AuthorizationType: type, ApiKeyRequired: eventAuth.ApiKeyRequired ?? apiAuth.ApiKeyRequired ?? false },
      [
        ['AuthorizationType', `${at}.Auth.Authorizer`],
        ['ApiKeyRequired', `${at}.Auth.ApiKeyRequired`],
        ['HttpMethod', `${at}.Method`],
      ],
      `Events.${name}`,
    );
  }
}

/** An implicit API: located at the function whose event created it; its lines are the Globals'. */
function implicitExpansion(t: TemplateSection, fn: RawResource, id: string, type: string, g: Evaluated | undefined, out: IacResource[]): Expansion {
  const lines = g?.lines ?? new Map<string, number>();
  const sam: IacResource = {
    ...toIacResource(t, fn),
    type,
    name: id,
    address: `${type} ${id} (implicit, from the events of ${fn.id})`,
    attributes: asObject(g?.value),
    lineOf: (p) => (lines.get(p) === undefined ? undefined : { line: lines.get(p)! }),
  };
  return {
    sam,
    add(expandedType, name, attributes, renames = []) {
      out.push({ ...sam, type: expandedType, name, address: `${expandedType} ${name} (implicit, from the events of ${fn.id})`, attributes, lineOf: (p) => sam.lineOf(translate(p, renames)) });
    },
  };
}

const LAMBDA_KEYS = [
  'Architectures',
  'CodeSigningConfigArn',
  'Description',
  'Environment',
  'EphemeralStorage',
  'FileSystemConfigs',
  'FunctionName',
  'Handler',
  'ImageConfig',
  'KmsKeyArn',
  'Layers',
  'LoggingConfig',
  'MemorySize',
  'PackageType',
  'RecursiveLoop',
  'ReservedConcurrentExecutions',
  'Runtime',
  'RuntimeManagementConfig',
  'SnapStart',
  'Tags',
  'Timeout',
  'VpcConfig',
];

const LAMBDA_BASIC_EXECUTION = 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole';

function expandFunction(id: string, p: IacObject, x: Expansion): void {
  const fn = pick(p, LAMBDA_KEYS);
  if (p.Tracing !== undefined) fn.TracingConfig = { Mode: p.Tracing };
  if (p.DeadLetterQueue !== undefined) fn.DeadLetterConfig = isObject(p.DeadLetterQueue) ? { TargetArn: p.DeadLetterQueue.TargetArn ?? null } : p.DeadLetterQueue;
  const roleId = `${id}Role`;
  fn.Role = p.Role ?? new Unknown(`!GetAtt ${roleId}.Arn`, [roleId]);
  x.add('AWS::Lambda::Function', id, fn, [
    ['TracingConfig.Mode', 'Tracing'],
    ['TracingConfig', 'Tracing'],
    ['DeadLetterConfig.TargetArn', 'DeadLetterQueue.TargetArn'],
    ['DeadLetterConfig', 'DeadLetterQueue'],
  ]);
  if (p.Role === undefined) {
    const managed = [LAMBDA_BASIC_EXECUTION];
    if (p.VpcConfig !== undefined) managed.push('arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole');
    if (p.Tracing === 'Active') managed.push('arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess');
    implicitRole(roleId, 'lambda.amazonaws.com', p, managed, x);
  }
  if (isObject(p.FunctionUrlConfig)) {
    x.add('AWS::Lambda::Url', `${id}Url`, { ...p.FunctionUrlConfig, TargetFunctionArn: new Unknown(`!Ref ${id}`, [id]) }, [['', 'FunctionUrlConfig']]);
  }
}

/**
 * The role SAM creates when a Function or StateMachine names none: the service's trust, managed
 * policies from Policies strings, inline policies from Policies documents. Policy templates
 * (`S3ReadPolicy: {BucketName: …}`) grant scoped actions and are not expanded.
 */
function implicitRole(roleId: string, service: string, p: IacObject, managed: IacValue[], x: Expansion): void {
  const policies = p.Policies;
  const inline: IacObject[] = [];
  const renames: [string, string][] = [];
  const addDocument = (doc: IacObject, from: string) => {
    renames.push([`Policies[${inline.length}].PolicyDocument`, from]);
    inline.push({ PolicyName: `${roleId}Policy${inline.length}`, PolicyDocument: doc });
  };
  if (typeof policies === 'string' || isUnknown(policies)) managed.push(managedArn(policies));
  else if (isObject(policies) && policies.Statement !== undefined) addDocument(policies, 'Policies');
  else if (Array.isArray(policies)) {
    policies.forEach((item, i) => {
      if (typeof item === 'string' || isUnknown(item)) managed.push(managedArn(item));
      else if (isObject(item) && item.Statement !== undefined) addDocument(item, `Policies[${i}]`);
    });
  }
  renames.push(['ManagedPolicyArns', 'Policies'], ['Policies', 'Policies'], ['PermissionsBoundary', 'PermissionsBoundary']);
  const role: IacObject = {
    AssumeRolePolicyDocument: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: [service] }, Action: ['sts:AssumeRole'] }],
    },
    ManagedPolicyArns: managed,
  };
  if (inline.length) role.Policies = inline;
  if (p.PermissionsBoundary !== undefined) role.PermissionsBoundary = p.PermissionsBoundary;
  x.add('AWS::IAM::Role', roleId, role, renames);
}

const managedArn = (v: IacValue): IacValue => (typeof v === 'string' && !v.startsWith('arn:') ? `arn:aws:iam::aws:policy/${v}` : v);

const stageId = (id: string, stage: IacValue | undefined, fallback: string): string =>
  typeof stage === 'string' && /^[A-Za-z0-9]+$/.test(stage) ? `${id}${stage}Stage` : `${id}${fallback}`;

function expandRestApi(id: string, p: IacObject, x: Expansion): void {
  const api = pick(p, ['ApiKeySourceType', 'BinaryMediaTypes', 'Description', 'DisableExecuteApiEndpoint', 'MinimumCompressionSize', 'Mode', 'Name', 'Tags']);
  if (p.EndpointConfiguration !== undefined) api.EndpointConfiguration = typeof p.EndpointConfiguration === 'string' ? { Types: [p.EndpointConfiguration] } : p.EndpointConfiguration;
  if (p.DefinitionBody !== undefined) api.Body = p.DefinitionBody;
  x.add('AWS::ApiGateway::RestApi', id, api, [['Body', 'DefinitionBody']]);
  const stage = pick(p, ['AccessLogSetting', 'CacheClusterEnabled', 'CacheClusterSize', 'CanarySetting', 'MethodSettings', 'StageName', 'TracingEnabled', 'Tags']);
  if (p.Variables !== undefined) stage.Variables = p.Variables;
  stage.RestApiId = new Unknown(`!Ref ${id}`, [id]);
  x.add('AWS::ApiGateway::Stage', stageId(id, p.StageName, 'Stage'), stage);
}

function expandHttpApi(id: string, p: IacObject, x: Expansion): void {
  x.add('AWS::ApiGatewayV2::Api', id, { ProtocolType: 'HTTP', ...pick(p, ['CorsConfiguration', 'Description', 'DisableExecuteApiEndpoint', 'Name', 'Tags']) });
  const stage = pick(p, ['AccessLogSettings', 'DefaultRouteSettings', 'RouteSettings', 'StageVariables']);
  x.add('AWS::ApiGatewayV2::Stage', p.StageName === undefined ? `${id}ApiGatewayDefaultStage` : stageId(id, p.StageName, 'Stage'), {
    StageName: p.StageName ?? '$default',
    ApiId: new Unknown(`!Ref ${id}`, [id]),
    AutoDeploy: true,
    ...stage,
  });
}

function expandSimpleTable(id: string, p: IacObject, x: Expansion): void {
  const key = asObject(p.PrimaryKey);
  const name = key.Name ?? 'id';
  const type = typeof key.Type === 'string' ? ({ String: 'S', Number: 'N', Binary: 'B' } as Record<string, string>)[key.Type] ?? 'S' : 'S';
  const table: IacObject = {
    KeySchema: [{ AttributeName: name, KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: name, AttributeType: type }],
    BillingMode: p.ProvisionedThroughput === undefined ? 'PAY_PER_REQUEST' : 'PROVISIONED',
    ...pick(p, ['ProvisionedThroughput', 'SSESpecification', 'TableName', 'PointInTimeRecoverySpecification']),
  };
  if (p.Tags !== undefined) table.Tags = p.Tags;
  x.add('AWS::DynamoDB::Table', id, table, [
    ['KeySchema', 'PrimaryKey'],
    ['AttributeDefinitions', 'PrimaryKey'],
  ]);
}

function expandStateMachine(id: string, p: IacObject, x: Expansion): void {
  const sm: IacObject = {};
  if (p.Name !== undefined) sm.StateMachineName = p.Name;
  if (p.Type !== undefined) sm.StateMachineType = p.Type;
  if (p.Logging !== undefined) sm.LoggingConfiguration = p.Logging;
  if (p.Tracing !== undefined) sm.TracingConfiguration = p.Tracing;
  if (p.Tags !== undefined) sm.Tags = p.Tags;
  const roleId = `${id}Role`;
  sm.RoleArn = p.Role ?? new Unknown(`!GetAtt ${roleId}.Arn`, [roleId]);
  x.add('AWS::StepFunctions::StateMachine', id, sm, [
    ['StateMachineName', 'Name'],
    ['StateMachineType', 'Type'],
    ['LoggingConfiguration', 'Logging'],
    ['TracingConfiguration', 'Tracing'],
    ['RoleArn', 'Role'],
  ]);
  if (p.Role === undefined) implicitRole(roleId, 'states.amazonaws.com', p, [], x);
}
