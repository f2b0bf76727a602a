// `data "aws_iam_policy_document"`: the data source every AWS configuration writes IAM policies with,
// read statically. Its `json` is the policy document as an object (Statement, Action, Resource,
// Principal, Condition as IAM names them), with an Unknown wherever a value is not known (a bucket ARN),
// so policy rules judge the statements they can. Documents merged from other JSON
// (source_policy_documents, override_policy_documents) and dynamic statements stay wholly unknown.
import type { Block } from './hcl/ast';
import { evaluateExpression } from './hcl/eval';
import { Unknown } from './hcl/unknown';
import { newObject, type HclObject, type HclValue } from './hcl/values';

export const POLICY_DOCUMENT_TYPE = 'aws_iam_policy_document';

const asList = (v: HclValue): HclValue => (Array.isArray(v) && v.length === 1 ? v[0] : v);

function attr(block: Block, name: string, source: string, scope: HclObject): HclValue | undefined {
  const a = block.body.attributes.find((x) => x.name === name);
  return a ? evaluateExpression(a.expr, { source, scope }) : undefined;
}

function principals(blocks: readonly Block[], source: string, scope: HclObject): HclValue {
  const out = newObject();
  for (const p of blocks) {
    const type = attr(p, 'type', source, scope);
    const ids = attr(p, 'identifiers', source, scope) ?? [];
    if (typeof type !== 'string') return new Unknown('principals', []);
    if (type === '*') return '*';
    out[type] = asList(ids);
  }
  return out;
}

function statement(block: Block, source: string, scope: HclObject): HclObject {
  const s = newObject();
  const sid = attr(block, 'sid', source, scope);
  if (sid !== undefined && sid !== null) s.Sid = sid;
  s.Effect = attr(block, 'effect', source, scope) ?? 'Allow';
  for (const [name, key] of [
    ['actions', 'Action'],
    ['not_actions', 'NotAction'],
    ['resources', 'Resource'],
    ['not_resources', 'NotResource'],
  ] as const) {
    const v = attr(block, name, source, scope);
    if (v !== undefined && v !== null) s[key] = asList(v);
  }
  const p = block.body.blocks.filter((b) => b.type === 'principals');
  if (p.length) s.Principal = principals(p, source, scope);
  const np = block.body.blocks.filter((b) => b.type === 'not_principals');
  if (np.length) s.NotPrincipal = principals(np, source, scope);
  const conditions = block.body.blocks.filter((b) => b.type === 'condition');
  if (conditions.length) {
    const c = newObject();
    for (const cond of conditions) {
      const test = attr(cond, 'test', source, scope);
      const variable = attr(cond, 'variable', source, scope);
      if (typeof test !== 'string' || typeof variable !== 'string') {
        s.Condition = new Unknown('condition', []);
        return s;
      }
      const byTest = (c[test] as HclObject | undefined) ?? newObject();
      byTest[variable] = asList(attr(cond, 'values', source, scope) ?? []);
      c[test] = byTest;
    }
    s.Condition = c;
  }
  return s;
}

/** The data source's attributes (`json`, `minified_json`) read from its block, or Unknown when they cannot be. */
export function policyDocumentData(block: Block, source: string, scope: HclObject, address: string): HclValue {
  const unknown = new Unknown(address, [address]);
  const body = block.body;
  if (body.attributes.some((a) => a.name === 'source_policy_documents' || a.name === 'override_policy_documents' || a.name === 'source_json' || a.name === 'override_json')) {
    return unknown;
  }
  if (body.blocks.some((b) => b.type === 'dynamic') || body.attributes.some((a) => a.name === 'count' || a.name === 'for_each')) return unknown;
  const doc = newObject();
  doc.Version = attr(block, 'version', source, scope) ?? '2012-10-17';
  const id = attr(block, 'policy_id', source, scope);
  if (id !== undefined && id !== null) doc.Id = id;
  doc.Statement = body.blocks.filter((b) => b.type === 'statement').map((b) => statement(b, source, scope));
  const out = newObject();
  out.json = doc;
  out.minified_json = doc;
  out.id = unknown;
  return out;
}
