// The Serverless framework platform: serverless.yml (variables resolved), each function as the
// AWS::Lambda::Function the framework deploys with the provider's settings merged in, the
// provider's execution role, the API Gateway stages and methods its events create, and
// `resources.Resources` read as CloudFormation. One file is one resource group of the 'aws' model.
import { errorLine, inputFreeLine } from '../../error-text';
import { evaluatorFor, readResources, toIacResource, type TemplateSection } from '../cloudformation/template';
import { cfnTag } from '../cloudformation/tags';
import { parseJson } from '../parse/json';
import { parseYaml } from '../parse/yaml';
import type { IacObject, IacResource, IacValue, LoadContext, LoadResult, PlatformLoader } from '../types';
import { isObject, isUnknown, joinPath, Unknown } from '../values';
import { VariableResolver } from './variables';

const asObject = (v: IacValue | undefined): IacObject => (isObject(v) ? v : {});

interface Document {
  value: IacObject;
  lines: Map<string, number>;
  endLine: number;
}

function parse(path: string, text: string, ctx: Pick<LoadContext, 'warn'>): Document | undefined {
  const problem = (line: number, message: string) => ctx.warn({ code: 'parse-error', path, message: `line ${line}: ${inputFreeLine(message)}` });
  if (/^\s*[{[]/.test(text)) {
    const parsed = parseJson(text);
    for (const p of parsed.problems) problem(p.line, p.message);
    return isObject(parsed.value) ? { value: parsed.value, lines: parsed.lines, endLine: text.split('\n').length } : undefined;
  }
  const parsed = parseYaml(text, { tag: cfnTag });
  for (const p of parsed.problems) problem(p.line, p.message);
  const doc = parsed.documents[0];
  if (!doc || !isObject(doc.value)) return undefined;
  return { value: doc.value, lines: doc.lines, endLine: doc.endLine };
}

/** Lines of a synthesized resource: [attribute path prefix, source path prefix] pairs, most specific first. */
type Sources = [string, string][];

function lineOfSources(doc: Document, sources: Sources, fallback?: string): IacResource['lineOf'] {
  return (p) => {
    for (const [attr, src] of sources) {
      let at: string | undefined;
      if (p === attr) at = src;
      else if (attr === '' || p.startsWith(`${attr}.`) || p.startsWith(`${attr}[`)) at = attr === '' ? joinPath(src, p) : src + p.slice(attr.length);
      if (at === undefined) continue;
      const line = doc.lines.get(at);
      if (line !== undefined) return { line };
    }
    const line = fallback === undefined ? undefined : doc.lines.get(fallback);
    return line === undefined ? undefined : { line };
  };
}

/** `true` / 'Active' → 'Active'; false / 'PassThrough' → 'PassThrough'. */
function tracingMode(v: IacValue | undefined): IacValue | undefined {
  if (v === undefined || isUnknown(v)) return v;
  if (v === true || v === 'true' || v === 'Active') return 'Active';
  if (v === false || v === 'false' || v === 'PassThrough') return 'PassThrough';
  return v;
}

export function loadServerless(ctx: Pick<LoadContext, 'warn'>, path: string, text: string): IacResource[] {
  const parsed = parse(path, text, ctx);
  if (!parsed) return [];
  const resolver = new VariableResolver(parsed.value);
  const root = asObject(resolver.resolve(parsed.value));
  const doc: Document = { ...parsed, value: root };
  const provider = asObject(root.provider);
  const functions = asObject(root.functions);
  const service = typeof root.service === 'string' ? root.service : isObject(root.service) && typeof root.service.name === 'string' ? root.service.name : undefined;
  const stage = typeof provider.stage === 'string' ? provider.stage : 'dev';
  const base = { model: 'aws' as const, platform: 'serverless' as const, path };
  const out: IacResource[] = [];

  const fnNames = Object.keys(functions);
  const starts = fnNames.map((n) => doc.lines.get(joinPath('functions', n)) ?? 1);
  const endOf = (i: number): number => {
    const next = starts.slice(i + 1).find((s) => s > starts[i]);
    if (next !== undefined) return next - 1;
    let max = starts[i];
    const prefix = joinPath('functions', fnNames[i]);
    for (const [k, l] of doc.lines) if (l > max && (k.startsWith(`${prefix}.`) || k.startsWith(`${prefix}[`))) max = l;
    return max;
  };
  const iam = asObject(provider.iam);
  const customRole = provider.role ?? (isObject(iam.role) ? undefined : iam.role);
  let restEvents = false;
  let httpEvents = false;

  fnNames.forEach((name, i) => {
    const f = asObject(functions[name]);
    const at = joinPath('functions', name);
    const line = starts[i];
    const endLine = endOf(i);
    const sources: Sources = [];
    const attrs: IacObject = {};
    /** The function's own setting, else the provider's. */
    const set = (attr: string, fnKey: string, providerKey: string | undefined, value: (v: IacValue) => IacValue | undefined = (v) => v) => {
      const own = f[fnKey] !== undefined;
      const raw = own ? f[fnKey] : providerKey !== undefined ? provider[providerKey] : undefined;
      if (raw === undefined) return;
      const v = value(raw);
      if (v === undefined) return;
      attrs[attr] = v;
      sources.push([attr, own ? joinPath(at, fnKey) : joinPath('provider', providerKey!)]);
    };
    attrs.FunctionName = typeof f.name === 'string' || isUnknown(f.name) ? f.name : service ? `${service}-${stage}-${name}` : new Unknown(`\${self:service}-${stage}-${name}`);
    set('Handler', 'handler', undefined);
    set('Runtime', 'runtime', 'runtime');
    set('MemorySize', 'memorySize', 'memorySize');
    set('Timeout', 'timeout', 'timeout');
    set('KmsKeyArn', 'kmsKeyArn', 'kmsKeyArn');
    set('Layers', 'layers', 'layers');
    set('Architectures', 'architecture', 'architecture', (v) => [v]);
    set('ReservedConcurrentExecutions', 'reservedConcurrency', undefined);
    set('DeadLetterConfig', 'onError', undefined, (v) => ({ TargetArn: v }));
    set('Description', 'description', undefined);
    const tracing = f.tracing !== undefined ? f.tracing : asObject(provider.tracing).lambda;
    if (tracing !== undefined) {
      attrs.TracingConfig = { Mode: tracingMode(tracing) ?? null };
      sources.push(['TracingConfig', f.tracing !== undefined ? joinPath(at, 'tracing') : 'provider.tracing.lambda']);
    }
    const vpc = f.vpc !== undefined ? f.vpc : provider.vpc;
    if (vpc !== undefined) {
      const v = asObject(vpc);
      attrs.VpcConfig = isUnknown(vpc) ? vpc : { SecurityGroupIds: v.securityGroupIds ?? [], SubnetIds: v.subnetIds ?? [] };
      const src = f.vpc !== undefined ? joinPath(at, 'vpc') : 'provider.vpc';
      sources.push(['VpcConfig.SecurityGroupIds', `${src}.securityGroupIds`], ['VpcConfig.SubnetIds', `${src}.subnetIds`], ['VpcConfig', src]);
    }
    const env: IacObject = {};
    let envUnknown: Unknown | undefined;
    for (const [src, vars] of [
      ['provider.environment', provider.environment],
      [joinPath(at, 'environment'), f.environment],
    ] as const) {
      // A whole environment from elsewhere (`${file(env.yml)}`): which variables it holds is not known.
      if (isUnknown(vars)) envUnknown ??= vars;
      for (const [k, v] of Object.entries(asObject(vars))) {
        env[k] = v;
        sources.unshift([joinPath('Environment.Variables', k), joinPath(src, k)]);
      }
    }
    if (envUnknown) attrs.Environment = { Variables: envUnknown };
    else if (Object.keys(env).length) attrs.Environment = { Variables: env };
    sources.push(['Environment', f.environment !== undefined ? joinPath(at, 'environment') : 'provider.environment']);
    attrs.Role = f.role ?? customRole ?? new Unknown('!GetAtt IamRoleLambdaExecution.Arn', ['IamRoleLambdaExecution']);
    sources.push(['Role', f.role !== undefined ? joinPath(at, 'role') : 'provider.role'], ['', at]);
    const fn: IacResource = { ...base, type: 'AWS::Lambda::Function', name, address: `function ${name}`, line, endLine, attributes: attrs, lineOf: lineOfSources(doc, sources) };
    out.push(fn);

    if (f.url !== undefined && f.url !== false) {
      const url = asObject(f.url);
      const auth = typeof url.authorizer === 'string' && url.authorizer.toLowerCase() === 'aws_iam' ? 'AWS_IAM' : isUnknown(url.authorizer) ? url.authorizer : 'NONE';
      out.push({ ...fn, type: 'AWS::Lambda::Url', address: `function ${name} url`, attributes: { AuthType: auth, TargetFunctionArn: new Unknown(`!GetAtt ${name}.Arn`) }, lineOf: lineOfSources(doc, [['AuthType', joinPath(joinPath(at, 'url'), 'authorizer')]], joinPath(at, 'url')) });
    }
    const events = Array.isArray(f.events) ? f.events : [];
    events.forEach((e, k) => {
      const event = asObject(e);
      const eventAt = joinPath(joinPath(at, 'events'), k);
      if (event.httpApi !== undefined) httpEvents = true;
      if (event.http === undefined) return;
      restEvents = true;
      const http = typeof event.http === 'string' ? { method: event.http.split(/\s+/)[0], path: event.http.split(/\s+/)[1] ?? '' } : asObject(event.http);
      const method = typeof http.method === 'string' ? http.method.toUpperCase() : 'ANY';
      out.push({
        ...fn,
        type: 'AWS::ApiGateway::Method',
        name: `${name} ${method} ${String(http.path ?? '')}`,
        address: `function ${name} http ${method} /${String(http.path ?? '').replace(/^\//, '')}`,
        attributes: { HttpMethod: method, AuthorizationType: authorizationType(http.authorizer), ApiKeyRequired: http.private === true },
        lineOf: lineOfSources(doc, [['AuthorizationType', joinPath(joinPath(eventAt, 'http'), 'authorizer')]], eventAt),
      });
    });
  });

  const providerLines = { line: doc.lines.get('provider') ?? 1, endLine: lastLineUnder(doc, 'provider') };
  if (fnNames.length && !customRole) out.push(executionRole(doc, base, provider, providerLines));
  if (restEvents) out.push(restStage(doc, base, provider, stage, providerLines));
  if (httpEvents) out.push(httpStage(doc, base, provider, providerLines));

  const sections = Array.isArray(root.resources) ? root.resources.map((r, i) => [r, `resources[${i}]`] as const) : [[root.resources, 'resources'] as const];
  for (const [section, at] of sections) {
    if (!isObject(section)) continue;
    const t: TemplateSection = { path, platform: 'serverless', section, at, lines: doc.lines, endLine: doc.endLine, warn: ctx.warn };
    for (const r of readResources(t, evaluatorFor(t))) out.push(toIacResource(t, r));
  }
  return out;
}

function lastLineUnder(doc: Document, prefix: string): number {
  let max = doc.lines.get(prefix) ?? 1;
  for (const [k, l] of doc.lines) if (l > max && (k.startsWith(`${prefix}.`) || k.startsWith(`${prefix}[`))) max = l;
  return max;
}

function authorizationType(authorizer: IacValue | undefined): IacValue {
  if (authorizer === undefined || authorizer === null) return 'NONE';
  if (isUnknown(authorizer)) return authorizer;
  const a = asObject(authorizer);
  const kind = typeof authorizer === 'string' ? authorizer : typeof a.type === 'string' ? a.type : '';
  if (kind.toLowerCase() === 'aws_iam') return 'AWS_IAM';
  if (kind.toUpperCase() === 'COGNITO_USER_POOLS' || (typeof a.arn === 'string' && a.arn.includes(':userpool/'))) return 'COGNITO_USER_POOLS';
  return 'CUSTOM';
}

type Base = Pick<IacResource, 'model' | 'platform' | 'path'>;

/** The role the framework creates for all functions: provider.iam.role.statements (v3) or iamRoleStatements (v2). */
function executionRole(doc: Document, base: Base, provider: IacObject, at: { line: number; endLine: number }): IacResource {
  const role = asObject(asObject(provider.iam).role);
  const v3 = role.statements !== undefined;
  const statements = v3 ? role.statements : provider.iamRoleStatements;
  const managed = role.managedPolicies ?? provider.iamManagedPolicies;
  const boundary = role.permissionsBoundary ?? role.permissionBoundary ?? provider.rolePermissionsBoundary;
  const attributes: IacObject = {
    AssumeRolePolicyDocument: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com'] }, Action: ['sts:AssumeRole'] }],
    },
  };
  if (statements !== undefined) attributes.Policies = [{ PolicyName: 'lambda', PolicyDocument: { Version: '2012-10-17', Statement: statements } }];
  if (managed !== undefined) attributes.ManagedPolicyArns = managed;
  if (boundary !== undefined) attributes.PermissionsBoundary = boundary;
  const src = v3 ? 'provider.iam.role' : 'provider';
  return {
    ...base,
    ...at,
    type: 'AWS::IAM::Role',
    name: 'IamRoleLambdaExecution',
    address: 'provider.iam.role',
    attributes,
    lineOf: lineOfSources(doc, [
      ['Policies[0].PolicyDocument.Statement', v3 ? `${src}.statements` : 'provider.iamRoleStatements'],
      ['ManagedPolicyArns', v3 ? `${src}.managedPolicies` : 'provider.iamManagedPolicies'],
      ['PermissionsBoundary', v3 ? `${src}.permissionsBoundary` : 'provider.rolePermissionsBoundary'],
      ['', src],
    ]),
  };
}

/** The REST API stage of http events: provider.logs.restApi and provider.tracing.apiGateway. */
function restStage(doc: Document, base: Base, provider: IacObject, stage: string, at: { line: number; endLine: number }): IacResource {
  const logs = asObject(provider.logs).restApi;
  const attributes: IacObject = { StageName: stage };
  const tracing = asObject(provider.tracing).apiGateway;
  if (tracing !== undefined) attributes.TracingEnabled = tracing;
  if (isUnknown(logs)) {
    attributes.AccessLogSetting = logs;
    attributes.MethodSettings = logs;
  } else if (logs === true || isObject(logs)) {
    const l = asObject(logs);
    if (l.accessLogging !== false) attributes.AccessLogSetting = { DestinationArn: new Unknown('the stage log group the framework creates'), Format: l.format ?? 'requestId: $context.requestId' };
    if (l.executionLogging !== false) {
      attributes.MethodSettings = [{ HttpMethod: '*', ResourcePath: '/*', LoggingLevel: l.level ?? 'INFO', DataTraceEnabled: l.fullExecutionData ?? true }];
    }
  }
  return {
    ...base,
    ...at,
    type: 'AWS::ApiGateway::Stage',
    name: `ApiGatewayStage ${stage}`,
    address: `provider REST API stage ${stage}`,
    attributes,
    lineOf: lineOfSources(doc, [
      ['TracingEnabled', 'provider.tracing.apiGateway'],
      ['AccessLogSetting', 'provider.logs.restApi'],
      ['MethodSettings', 'provider.logs.restApi'],
      ['', 'provider'],
    ]),
  };
}

/** The HTTP API's $default stage of httpApi events: provider.logs.httpApi. */
function httpStage(doc: Document, base: Base, provider: IacObject, at: { line: number; endLine: number }): IacResource {
  const logs = asObject(provider.logs).httpApi;
  const attributes: IacObject = { StageName: '$default', AutoDeploy: true };
  if (isUnknown(logs)) attributes.AccessLogSettings = logs;
  else if (logs === true || isObject(logs)) {
    attributes.AccessLogSettings = { DestinationArn: new Unknown('the HTTP API log group the framework creates'), Format: asObject(logs).format ?? '{"requestId":"$context.requestId"}' };
  }
  return {
    ...base,
    ...at,
    type: 'AWS::ApiGatewayV2::Stage',
    name: 'HttpApiStage',
    address: 'provider HTTP API stage $default',
    attributes,
    lineOf: lineOfSources(doc, [['AccessLogSettings', 'provider.logs.httpApi'], ['', 'provider']]),
  };
}

export const serverlessLoader: PlatformLoader = {
  name: 'serverless',
  platforms: ['serverless'],
  load(ctx: LoadContext): LoadResult {
    const groups: LoadResult['groups'] = [];
    const claimed: string[] = [];
    for (const f of ctx.files) {
      if (f.platform !== 'serverless') continue;
      const text = ctx.text(f.path);
      if (text === undefined) continue;
      claimed.push(f.path);
      try {
        const resources = loadServerless(ctx, f.path, text);
        if (resources.length) groups.push({ resources });
      } catch (err) {
        ctx.warn({ code: 'parse-error', path: f.path, message: `line 1: serverless.yml could not be read: ${errorLine(err)}` });
      }
    }
    return { groups, claimed };
  },
};
