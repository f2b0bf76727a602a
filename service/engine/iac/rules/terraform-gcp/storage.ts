// Cloud Storage buckets: uniform bucket-level access, public principals in bucket IAM and ACLs,
// public access prevention, versioning and access logging.
import { expect, requireAny, type Check } from '../../helpers';
import type { IacRule, Verdict } from '../../types';
import { isUnknown, lookup } from '../../values';
import { isPublicPrincipal, PUBLIC_PRINCIPALS, tf, tfplan, tfVar } from './common';

const BUCKET = 'google_storage_bucket';

export const storageUniformAccess: IacRule = {
  id: 'IAC-TF-GCP-STORAGE-UNIFORM-ACCESS',
  title: 'Cloud Storage bucket does not use uniform bucket-level access',
  severity: 'medium',
  description:
    'Without uniform bucket-level access, object ACLs can grant access to single objects beside the bucket IAM policy, so access is hard to audit and an object can be made public by its ACL alone.',
  remediation: 'Set uniform_bucket_level_access = true (the provider default is false).',
  remediationSnippet: 'resource "google_storage_bucket" "logs" {\n  uniform_bucket_level_access = true\n}',
  helpUri: 'https://cloud.google.com/storage/docs/uniform-bucket-level-access',
  checkov: 'CKV_GCP_29',
  cis: ['CIS GCP 5.2'],
  cwe: ['CWE-284'],
  model: 'terraform',
  resourceTypes: [BUCKET],
  check: expect('uniform_bucket_level_access', true),
  examples: {
    hcl: {
      fail: [tf(BUCKET, 'logs', 'name     = "acme-logs"\nlocation = "EU"'), tf(BUCKET, 'logs', 'name = "acme-logs"\nlocation = "EU"\nuniform_bucket_level_access = false')],
      pass: [tf(BUCKET, 'logs', 'name     = "acme-logs"\nlocation = "EU"\nuniform_bucket_level_access = true')],
      unknown: [tfVar('uniform', BUCKET, 'logs', 'name = "acme-logs"\nlocation = "EU"\nuniform_bucket_level_access = var.uniform')],
    },
    tfplan: {
      fail: [tfplan({ type: BUCKET, values: { name: 'acme-logs', location: 'EU', uniform_bucket_level_access: false } })],
      pass: [tfplan({ type: BUCKET, values: { name: 'acme-logs', location: 'EU', uniform_bucket_level_access: true } })],
    },
  },
};

const IAM_MEMBER = 'google_storage_bucket_iam_member';
const IAM_BINDING = 'google_storage_bucket_iam_binding';
const ACCESS_CONTROL = 'google_storage_bucket_access_control';
const DEFAULT_OBJECT_ACL = 'google_storage_default_object_access_control';
const OBJECT_ACL = 'google_storage_object_access_control';
const BUCKET_ACL = 'google_storage_bucket_acl';

/** allUsers / allAuthenticatedUsers in a member, a members list, an ACL entity or `ROLE:entity` strings. */
function publicPrincipalAt(paths: readonly string[], entityOf: (v: string) => string = (v) => v): Check {
  return (r) => {
    const fails: Verdict[] = [];
    let unknown: Verdict | undefined;
    let seen: Verdict | undefined;
    for (const path of paths) {
      for (const f of lookup(r.attributes, path)) {
        const values = Array.isArray(f.value) ? f.value.map((v, i) => ({ v, p: `${f.path}[${i}]` })) : [{ v: f.value, p: f.path }];
        for (const { v, p } of values) {
          seen ??= { outcome: 'pass', path: f.path, value: f.value };
          if (isUnknown(v)) unknown ??= { outcome: 'unknown', path: p, value: v };
          else if (typeof v === 'string' && isPublicPrincipal(entityOf(v))) fails.push({ outcome: 'fail', path: p, value: v });
        }
      }
    }
    if (fails.length) return fails;
    return unknown ?? seen ?? { outcome: 'not-applicable' };
  };
}

const byType =
  (checks: Record<string, Check>): Check =>
  (r, ctx) =>
    (checks[r.type] ?? (() => ({ outcome: 'not-applicable' })))(r, ctx);

export const storagePublicAccess: IacRule = {
  id: 'IAC-TF-GCP-STORAGE-PUBLIC-ACCESS',
  title: 'Cloud Storage bucket is readable by allUsers or allAuthenticatedUsers',
  severity: 'high',
  description:
    'Granting a bucket role or ACL to allUsers makes its objects readable (or writable) by anyone on the internet; allAuthenticatedUsers means any Google account, not just your organisation.',
  remediation: 'Grant bucket roles to specific users, groups or service accounts instead of allUsers / allAuthenticatedUsers, and enforce public access prevention.',
  remediationSnippet: 'resource "google_storage_bucket_iam_member" "reader" {\n  bucket = google_storage_bucket.logs.name\n  role   = "roles/storage.objectViewer"\n  member = "group:readers@example.com"\n}',
  helpUri: 'https://cloud.google.com/storage/docs/access-control/making-data-public',
  checkov: 'CKV_GCP_28',
  cis: ['CIS GCP 5.1'],
  cwe: ['CWE-284'],
  model: 'terraform',
  resourceTypes: [IAM_MEMBER, IAM_BINDING, ACCESS_CONTROL, DEFAULT_OBJECT_ACL, OBJECT_ACL, BUCKET_ACL],
  check: byType({
    [IAM_MEMBER]: publicPrincipalAt(['member']),
    [IAM_BINDING]: publicPrincipalAt(['members']),
    [ACCESS_CONTROL]: publicPrincipalAt(['entity']),
    [DEFAULT_OBJECT_ACL]: publicPrincipalAt(['entity']),
    [OBJECT_ACL]: publicPrincipalAt(['entity']),
    [BUCKET_ACL]: publicPrincipalAt(['role_entity'], (v) => v.slice(v.indexOf(':') + 1)),
  }),
  examples: {
    hcl: {
      fail: [
        tf(IAM_MEMBER, 'public', 'bucket = "acme-site"\nrole   = "roles/storage.objectViewer"\nmember = "allUsers"'),
        tf(IAM_BINDING, 'readers', 'bucket  = "acme-site"\nrole    = "roles/storage.objectViewer"\nmembers = ["group:ops@example.com", "allAuthenticatedUsers"]'),
        tf(BUCKET_ACL, 'acl', 'bucket      = "acme-site"\nrole_entity = ["OWNER:project-owners-123", "READER:allUsers"]'),
        tf(ACCESS_CONTROL, 'public', 'bucket = "acme-site"\nrole   = "READER"\nentity = "allUsers"'),
      ],
      pass: [
        tf(IAM_MEMBER, 'reader', 'bucket = "acme-site"\nrole   = "roles/storage.objectViewer"\nmember = "group:readers@example.com"'),
        tf(IAM_BINDING, 'readers', 'bucket  = "acme-site"\nrole    = "roles/storage.objectViewer"\nmembers = ["group:ops@example.com"]'),
      ],
      unknown: [tfVar('member', IAM_MEMBER, 'reader', 'bucket = "acme-site"\nrole   = "roles/storage.objectViewer"\nmember = var.member')],
    },
    tfplan: {
      fail: [tfplan({ type: IAM_MEMBER, values: { bucket: 'acme-site', role: 'roles/storage.objectViewer', member: PUBLIC_PRINCIPALS[0], condition: [] } })],
      pass: [tfplan({ type: IAM_MEMBER, values: { bucket: 'acme-site', role: 'roles/storage.objectViewer', member: 'serviceAccount:app@acme.iam.gserviceaccount.com', condition: [] } })],
    },
  },
};

export const storagePublicAccessPrevention: IacRule = {
  id: 'IAC-TF-GCP-STORAGE-PUBLIC-ACCESS-PREVENTION',
  title: 'Cloud Storage bucket does not enforce public access prevention',
  severity: 'medium',
  description:
    'With public_access_prevention left "inherited", nothing on the bucket itself stops a later IAM grant or ACL from exposing it to allUsers; "enforced" refuses such grants whatever the organisation policy says.',
  remediation: 'Set public_access_prevention = "enforced" on buckets that are never meant to be public.',
  remediationSnippet: 'resource "google_storage_bucket" "logs" {\n  public_access_prevention = "enforced"\n}',
  helpUri: 'https://cloud.google.com/storage/docs/public-access-prevention',
  cwe: ['CWE-284'],
  model: 'terraform',
  resourceTypes: [BUCKET],
  check: expect('public_access_prevention', 'enforced'),
  examples: {
    hcl: {
      fail: [tf(BUCKET, 'logs', 'name     = "acme-logs"\nlocation = "EU"'), tf(BUCKET, 'logs', 'name = "acme-logs"\nlocation = "EU"\npublic_access_prevention = "inherited"')],
      pass: [tf(BUCKET, 'logs', 'name     = "acme-logs"\nlocation = "EU"\npublic_access_prevention = "enforced"')],
      unknown: [tfVar('pap', BUCKET, 'logs', 'name = "acme-logs"\nlocation = "EU"\npublic_access_prevention = var.pap')],
    },
    tfplan: {
      fail: [tfplan({ type: BUCKET, values: { name: 'acme-logs', location: 'EU', public_access_prevention: 'inherited' } })],
      pass: [tfplan({ type: BUCKET, values: { name: 'acme-logs', location: 'EU', public_access_prevention: 'enforced' } })],
    },
  },
};

export const storageVersioning: IacRule = {
  id: 'IAC-TF-GCP-STORAGE-VERSIONING',
  title: 'Cloud Storage bucket versioning is not enabled',
  severity: 'low',
  description: 'Without object versioning, an overwritten or deleted object (by mistake, a bug or ransomware) cannot be recovered.',
  remediation: 'Add a versioning block with enabled = true.',
  remediationSnippet: 'resource "google_storage_bucket" "logs" {\n  versioning {\n    enabled = true\n  }\n}',
  helpUri: 'https://cloud.google.com/storage/docs/object-versioning',
  checkov: 'CKV_GCP_78',
  cwe: ['CWE-693'],
  model: 'terraform',
  resourceTypes: [BUCKET],
  check: expect('versioning.enabled', true),
  examples: {
    hcl: {
      fail: [tf(BUCKET, 'data', 'name     = "acme-data"\nlocation = "EU"'), tf(BUCKET, 'data', 'name     = "acme-data"\nlocation = "EU"\nversioning {\n  enabled = false\n}')],
      pass: [tf(BUCKET, 'data', 'name     = "acme-data"\nlocation = "EU"\nversioning {\n  enabled = true\n}')],
      unknown: [tfVar('versioned', BUCKET, 'data', 'name     = "acme-data"\nlocation = "EU"\nversioning {\n  enabled = var.versioned\n}')],
    },
    tfplan: {
      fail: [tfplan({ type: BUCKET, values: { name: 'acme-data', location: 'EU', versioning: [] } })],
      pass: [tfplan({ type: BUCKET, values: { name: 'acme-data', location: 'EU', versioning: [{ enabled: true }] } })],
    },
  },
};

export const storageAccessLogging: IacRule = {
  id: 'IAC-TF-GCP-STORAGE-ACCESS-LOGGING',
  title: 'Cloud Storage bucket does not log access',
  severity: 'low',
  description: 'Usage logs record who read and changed objects; without them, access to the bucket cannot be reviewed after an incident.',
  remediation: 'Add a logging block with log_bucket naming a bucket that receives the access logs (or rely on Data Access audit logs).',
  remediationSnippet: 'resource "google_storage_bucket" "data" {\n  logging {\n    log_bucket = google_storage_bucket.access_logs.name\n  }\n}',
  helpUri: 'https://cloud.google.com/storage/docs/access-logs',
  checkov: 'CKV_GCP_62',
  cwe: ['CWE-778'],
  model: 'terraform',
  resourceTypes: [BUCKET],
  check: requireAny('logging.log_bucket'),
  examples: {
    hcl: {
      fail: [tf(BUCKET, 'data', 'name     = "acme-data"\nlocation = "EU"')],
      pass: [tf(BUCKET, 'data', 'name     = "acme-data"\nlocation = "EU"\nlogging {\n  log_bucket = "acme-access-logs"\n}')],
      unknown: [tfVar('log_bucket', BUCKET, 'data', 'name     = "acme-data"\nlocation = "EU"\nlogging {\n  log_bucket = var.log_bucket\n}')],
    },
    tfplan: {
      fail: [tfplan({ type: BUCKET, values: { name: 'acme-data', location: 'EU', logging: [] } })],
      pass: [tfplan({ type: BUCKET, values: { name: 'acme-data', location: 'EU', logging: [{ log_bucket: 'acme-access-logs', log_object_prefix: '' }] } })],
    },
  },
};

export const storageRules: readonly IacRule[] = [storageUniformAccess, storagePublicAccess, storagePublicAccessPrevention, storageVersioning, storageAccessLogging];
