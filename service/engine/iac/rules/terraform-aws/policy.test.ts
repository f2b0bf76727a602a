// Policy documents read back from expressions the loader could not evaluate whole, and cross-resource
// matching of S3 settings through the real scanner (modules, counted resources, plans).
import { scanFiles } from '../../../scan';
import { makeIacScanner } from '../../scanner';
import { terraformLoader } from '../../terraform/loader';
import { Unknown } from '../../values';
import { iamAdminPolicy } from './iam';
import { mayBeWildcard, policyDocument, statementsOf } from './policy';
import { s3PublicAccessBlock, s3Versioning } from './s3';

describe('mayBeWildcard', () => {
  it('a variable may be "*"; a resource attribute or a template with text around the variable may not', () => {
    expect(mayBeWildcard(new Unknown('var.arn', ['var.arn']))).toBe(true);
    expect(mayBeWildcard(new Unknown('"${var.arn}"', ['var.arn']))).toBe(true);
    expect(mayBeWildcard(new Unknown('aws_s3_bucket.b.arn', ['aws_s3_bucket.b']))).toBe(false);
    expect(mayBeWildcard(new Unknown('"arn:aws:s3:::${var.bucket}/*"', ['var.bucket']))).toBe(false);
  });
});

describe('policyDocument', () => {
  it('parses JSON strings, and keeps invalid JSON unknown', () => {
    expect(policyDocument('{"Statement":[{"Effect":"Allow","Action":"*"}]}')).toEqual({ Statement: [{ Effect: 'Allow', Action: '*' }] });
    expect(policyDocument('{not json')).toBeInstanceOf(Unknown);
    expect(policyDocument('')).toBeUndefined();
  });

  it('reads jsonencode({...}) with references as a document whose referenced parts are unknown', () => {
    const doc = policyDocument(new Unknown('jsonencode({\n  Statement = [{ Effect = "Allow", Action = "*", Resource = aws_s3_bucket.b.arn }]\n})', ['aws_s3_bucket.b.arn']));
    const statements = statementsOf(doc);
    expect(Array.isArray(statements)).toBe(true);
    const [first] = statements as { value: Record<string, unknown> }[];
    expect(first.value.Action).toBe('*');
    expect(first.value.Resource).toBeInstanceOf(Unknown);
    expect((first.value.Resource as Unknown).refs).toEqual(['aws_s3_bucket.b.arn']);
  });

  it('reads heredoc JSON with interpolations inside strings; text around a hole stays a known non-wildcard', () => {
    const doc = policyDocument(new Unknown('<<EOT\n{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "${aws_s3_bucket.b.arn}/*", "Sid": "${var.sid}"}]}\nEOT'));
    const [first] = statementsOf(doc) as { value: Record<string, unknown> }[];
    expect(first.value.Resource).toBe('${…}/*');
    expect(first.value.Sid).toBeInstanceOf(Unknown);
  });

  it('keeps a heredoc with an interpolation outside a JSON string, a data source and a variable unknown', () => {
    expect(policyDocument(new Unknown('<<EOT\n{"Statement": ${jsonencode(var.statements)}}\nEOT'))).toBeInstanceOf(Unknown);
    expect(policyDocument(new Unknown('data.aws_iam_policy_document.d.json', ['data.aws_iam_policy_document.d.json']))).toBeInstanceOf(Unknown);
    expect(policyDocument(new Unknown('var.policy', ['var.policy']))).toBeInstanceOf(Unknown);
  });
});

const scanner = makeIacScanner([terraformLoader], [iamAdminPolicy, s3Versioning, s3PublicAccessBlock]);
const scan = (files: Record<string, string>) =>
  scanFiles(
    Object.entries(files).map(([path, content]) => ({ path, content })),
    { scanners: [scanner] },
  );

test('an admin statement is found beside a statement naming a resource ARN, at the policy line', async () => {
  const r = await scan({
    'main.tf': `resource "aws_s3_bucket" "b" {
  bucket = "acme-data"
}

resource "aws_iam_policy" "p" {
  name = "mixed"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["s3:GetObject"], Resource = "\${aws_s3_bucket.b.arn}/*" },
      { Effect = "Allow", Action = "*", Resource = "*" },
    ]
  })
}
`,
  });
  const f = r.findings.filter((x) => x.ruleId === 'IAC-TF-AWS-IAM-ADMIN-POLICY');
  expect(f).toHaveLength(1);
  expect(f[0].location).toMatchObject({ path: 'main.tf', line: 7, address: 'aws_iam_policy.p' });
});

test('settings in a module and on counted buckets are matched by reference', async () => {
  const r = await scan({
    'main.tf': 'module "store" {\n  source = "./modules/store"\n}\n',
    'modules/store/main.tf': `resource "aws_s3_bucket" "b" {
  count  = 2
  bucket = "acme-\${count.index}"
}

resource "aws_s3_bucket_versioning" "v" {
  count  = 2
  bucket = aws_s3_bucket.b[count.index].id
  versioning_configuration {
    status = count.index == 0 ? "Enabled" : "Suspended"
  }
}
`,
  });
  const results = (r.results ?? []).filter((x) => x.ruleId === 'IAC-TF-AWS-S3-VERSIONING');
  const outcomes = Object.fromEntries(results.map((x) => [x.location?.kind === 'resource' ? x.location.address : '', x.outcome]));
  // Each instance's versioning resource refers to the whole counted bucket, so each bucket sees both
  // versioning instances: the enabled one decides for both (the references cannot tell instances apart).
  expect(outcomes).toEqual({ 'module.store.aws_s3_bucket.b[0]': 'pass', 'module.store.aws_s3_bucket.b[1]': 'pass' });
});

test('a public access block in a plan is matched by the bucket name', async () => {
  const plan = {
    format_version: '1.2',
    planned_values: {
      root_module: {
        resources: [
          { address: 'aws_s3_bucket.a', mode: 'managed', type: 'aws_s3_bucket', name: 'a', provider_name: 'registry.terraform.io/hashicorp/aws', values: { bucket: 'acme-a' } },
          { address: 'aws_s3_bucket.b', mode: 'managed', type: 'aws_s3_bucket', name: 'b', provider_name: 'registry.terraform.io/hashicorp/aws', values: { bucket: 'acme-b' } },
          {
            address: 'aws_s3_bucket_public_access_block.a',
            mode: 'managed',
            type: 'aws_s3_bucket_public_access_block',
            name: 'a',
            provider_name: 'registry.terraform.io/hashicorp/aws',
            values: { bucket: 'acme-a', block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true },
          },
        ],
      },
    },
  };
  const r = await scan({ 'tfplan.json': JSON.stringify(plan, null, 2) });
  const failed = r.findings.filter((x) => x.ruleId === 'IAC-TF-AWS-S3-PUBLIC-ACCESS-BLOCK').map((x) => (x.location.kind === 'resource' ? x.location.address : ''));
  expect(failed).toEqual(['aws_s3_bucket.b']);
});
