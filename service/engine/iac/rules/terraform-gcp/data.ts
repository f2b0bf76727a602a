// Keys and data: Cloud KMS key rotation and BigQuery datasets open to allUsers / allAuthenticatedUsers.
import { type Check } from '../../helpers';
import type { IacRule, IacValue, Verdict } from '../../types';
import { isObject, isUnknown, lookup } from '../../values';
import { isPublicPrincipal, tf, tfplan, tfVar } from './common';

const KEY = 'google_kms_crypto_key';
const NINETY_DAYS = 90 * 24 * 60 * 60;
/** Keys of these purposes cannot be rotated automatically. */
const NO_ROTATION = ['ASYMMETRIC_SIGN', 'ASYMMETRIC_DECRYPT', 'RAW_ENCRYPT_DECRYPT', 'MAC'];

/** `7776000s` → 7776000; undefined for anything that is not a duration in seconds. */
function seconds(v: IacValue): number | undefined {
  if (typeof v !== 'string') return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)s\s*$/.exec(v);
  return m ? Number(m[1]) : undefined;
}

const rotation: Check = (r) => {
  const purpose = r.attributes.purpose;
  if (isUnknown(purpose)) return { outcome: 'unknown', path: 'purpose', value: purpose };
  if (typeof purpose === 'string' && NO_ROTATION.includes(purpose)) return { outcome: 'not-applicable' };
  const period = r.attributes.rotation_period;
  if (period === undefined || period === null || period === '') return { outcome: 'fail', path: 'rotation_period' };
  if (isUnknown(period)) return { outcome: 'unknown', path: 'rotation_period', value: period };
  const s = seconds(period);
  if (s === undefined || s > NINETY_DAYS) return { outcome: 'fail', path: 'rotation_period', value: period };
  return { outcome: 'pass', path: 'rotation_period', value: period };
};

export const kmsRotation: IacRule = {
  id: 'IAC-TF-GCP-KMS-ROTATION',
  title: 'Cloud KMS key is not rotated at least every 90 days',
  severity: 'medium',
  description: 'A key that is never (or rarely) rotated protects ever more data with the same key material, widening what one compromised key version exposes.',
  remediation: 'Set rotation_period to "7776000s" (90 days) or less on symmetric encryption keys.',
  remediationSnippet: 'resource "google_kms_crypto_key" "data" {\n  rotation_period = "7776000s"\n}',
  helpUri: 'https://cloud.google.com/kms/docs/key-rotation',
  checkov: 'CKV_GCP_43',
  cis: ['CIS GCP 1.10'],
  cwe: ['CWE-324'],
  model: 'terraform',
  resourceTypes: [KEY],
  check: rotation,
  examples: {
    hcl: {
      fail: [tf(KEY, 'data', 'name     = "data"\nkey_ring = "projects/acme/locations/europe/keyRings/main"'), tf(KEY, 'data', 'name            = "data"\nkey_ring        = "projects/acme/locations/europe/keyRings/main"\nrotation_period = "31536000s"')],
      pass: [tf(KEY, 'data', 'name            = "data"\nkey_ring        = "projects/acme/locations/europe/keyRings/main"\nrotation_period = "7776000s"')],
      unknown: [tfVar('rotation', KEY, 'data', 'name            = "data"\nkey_ring        = "projects/acme/locations/europe/keyRings/main"\nrotation_period = var.rotation')],
    },
    tfplan: {
      fail: [tfplan({ type: KEY, name: 'data', values: { name: 'data', purpose: 'ENCRYPT_DECRYPT', rotation_period: null } })],
      pass: [tfplan({ type: KEY, name: 'data', values: { name: 'data', purpose: 'ENCRYPT_DECRYPT', rotation_period: '2592000s' } })],
    },
  },
};

const DATASET = 'google_bigquery_dataset';
const DATASET_ACCESS = 'google_bigquery_dataset_access';
const DATASET_IAM_MEMBER = 'google_bigquery_dataset_iam_member';
const DATASET_IAM_BINDING = 'google_bigquery_dataset_iam_binding';

/** An access entry (dataset `access` block or google_bigquery_dataset_access) naming a public principal. */
function publicEntry(entry: IacValue, at: string): Verdict | undefined {
  if (isUnknown(entry)) return { outcome: 'unknown', path: at, value: entry };
  if (!isObject(entry)) return undefined;
  for (const key of ['special_group', 'iam_member']) {
    const v = entry[key];
    if (isUnknown(v)) return { outcome: 'unknown', path: `${at}.${key}`, value: v };
    if (v !== undefined && isPublicPrincipal(v)) return { outcome: 'fail', path: `${at}.${key}`, value: v };
  }
  return undefined;
}

const datasetPublic: Check = (r) => {
  let entries: { value: IacValue; path: string }[];
  if (r.type === DATASET) {
    entries = lookup(r.attributes, 'access').flatMap((f) => (Array.isArray(f.value) ? f.value.map((value, i) => ({ value, path: `${f.path}[${i}]` })) : [{ value: f.value, path: f.path }]));
  } else if (r.type === DATASET_ACCESS) {
    entries = [{ value: r.attributes, path: '' }];
  } else {
    const key = r.type === DATASET_IAM_MEMBER ? 'member' : 'members';
    entries = lookup(r.attributes, key).flatMap((f) =>
      Array.isArray(f.value) ? f.value.map((v, i) => ({ value: { iam_member: v }, path: `${f.path}[${i}]` })) : [{ value: { iam_member: f.value }, path: f.path }],
    );
  }
  const verdicts = entries.map((e) => publicEntry(e.value, e.path)).filter((v): v is Verdict => v !== undefined);
  const fails = verdicts
    .filter((v) => v.outcome === 'fail')
    .map((v) => (r.type === DATASET_IAM_MEMBER || r.type === DATASET_IAM_BINDING ? { ...v, path: v.path?.replace(/\.iam_member$/, '') } : v));
  if (fails.length) return fails;
  const unknown = verdicts.find((v) => v.outcome === 'unknown');
  if (unknown) return r.type === DATASET_IAM_MEMBER || r.type === DATASET_IAM_BINDING ? { ...unknown, path: unknown.path?.replace(/\.iam_member$/, '') } : unknown;
  return { outcome: 'pass', path: r.type === DATASET ? 'access' : undefined };
};

export const bigqueryPublicDataset: IacRule = {
  id: 'IAC-TF-GCP-BIGQUERY-PUBLIC-DATASET',
  title: 'BigQuery dataset is accessible to allUsers or allAuthenticatedUsers',
  severity: 'high',
  description: 'A dataset role granted to allUsers or allAuthenticatedUsers lets anyone (or any Google account) query its tables.',
  remediation: 'Remove access entries and IAM members for allUsers / allAuthenticatedUsers; grant roles to specific groups or service accounts.',
  remediationSnippet: 'resource "google_bigquery_dataset" "analytics" {\n  access {\n    role           = "READER"\n    group_by_email = "analysts@example.com"\n  }\n}',
  helpUri: 'https://cloud.google.com/bigquery/docs/control-access-to-resources-iam',
  checkov: 'CKV_GCP_15',
  cis: ['CIS GCP 7.1'],
  cwe: ['CWE-284'],
  model: 'terraform',
  resourceTypes: [DATASET, DATASET_ACCESS, DATASET_IAM_MEMBER, DATASET_IAM_BINDING],
  check: datasetPublic,
  examples: {
    hcl: {
      fail: [
        tf(DATASET, 'analytics', 'dataset_id = "analytics"\nlocation   = "EU"\naccess {\n  role          = "OWNER"\n  user_by_email = "owner@example.com"\n}\naccess {\n  role          = "READER"\n  special_group = "allAuthenticatedUsers"\n}'),
        tf(DATASET_IAM_MEMBER, 'public', 'dataset_id = "analytics"\nrole       = "roles/bigquery.dataViewer"\nmember     = "allUsers"'),
        tf(DATASET_ACCESS, 'public', 'dataset_id = "analytics"\nrole       = "READER"\niam_member = "allUsers"'),
      ],
      pass: [
        tf(DATASET, 'analytics', 'dataset_id = "analytics"\nlocation   = "EU"\naccess {\n  role           = "READER"\n  group_by_email = "analysts@example.com"\n}'),
        tf(DATASET_IAM_BINDING, 'viewers', 'dataset_id = "analytics"\nrole       = "roles/bigquery.dataViewer"\nmembers    = ["group:analysts@example.com"]'),
      ],
      unknown: [tfVar('member', DATASET_IAM_MEMBER, 'viewer', 'dataset_id = "analytics"\nrole       = "roles/bigquery.dataViewer"\nmember     = var.member')],
    },
    tfplan: {
      fail: [tfplan({ type: DATASET, name: 'analytics', values: { dataset_id: 'analytics', location: 'EU', access: [{ role: 'READER', special_group: 'allAuthenticatedUsers', user_by_email: '' }] } })],
      pass: [tfplan({ type: DATASET, name: 'analytics', values: { dataset_id: 'analytics', location: 'EU', access: [{ role: 'READER', group_by_email: 'analysts@example.com', special_group: '' }] } })],
    },
  },
};

export const dataRules: readonly IacRule[] = [kmsRotation, bigqueryPublicDataset];
