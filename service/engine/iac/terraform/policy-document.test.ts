// data "aws_iam_policy_document" read statically: its json is the document, with unknown parts where a
// value is another resource's, so the IAM rules judge policies written the usual way.
import { scanFiles } from '../../scan';
import { iacScanner } from '../scanner';

const scan = (text: string) => scanFiles([{ path: 'main.tf', content: text }], { scanners: [iacScanner], options: { iac: { platforms: ['terraform'] } } });

const TF = `resource "aws_s3_bucket" "b" {
  bucket = "logs"
}

data "aws_iam_policy_document" "admin" {
  statement {
    actions   = ["*"]
    resources = ["*"]
  }
}

data "aws_iam_policy_document" "scoped" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["\${aws_s3_bucket.b.arn}/*"]
  }
}

data "aws_iam_policy_document" "merged" {
  source_policy_documents = [data.aws_iam_policy_document.admin.json]
}

data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}

resource "aws_iam_policy" "admin" {
  policy = data.aws_iam_policy_document.admin.json
}

resource "aws_iam_policy" "scoped" {
  policy = data.aws_iam_policy_document.scoped.json
}

resource "aws_iam_policy" "merged" {
  policy = data.aws_iam_policy_document.merged.json
}

resource "aws_iam_role" "r" {
  assume_role_policy = data.aws_iam_policy_document.trust.json
}
`;

test('statements of a policy document data source are judged; a merged document stays unknown', async () => {
  const r = await scan(TF);
  const outcome = (rule: string, address: string) =>
    r.findings.some((f) => f.ruleId === rule && f.location.kind === 'resource' && f.location.address === address)
      ? 'fail'
      : r.results.find((x) => x.ruleId === rule && x.location.kind === 'resource' && x.location.address === address)?.outcome;
  expect(outcome('IAC-TF-AWS-IAM-ADMIN-POLICY', 'aws_iam_policy.admin')).toBe('fail');
  expect(outcome('IAC-TF-AWS-IAM-ADMIN-POLICY', 'aws_iam_policy.scoped')).toBe('pass');
  expect(outcome('IAC-TF-AWS-IAM-ADMIN-POLICY', 'aws_iam_policy.merged')).toBe('not-available');
  expect(outcome('IAC-TF-AWS-IAM-TRUST-ANY-PRINCIPAL', 'aws_iam_role.r')).toBe('fail');
});
