// IAM grants: public principals on keys, topics, secrets and other resources; public invokers of Cloud
// Run services and Cloud Functions; admin roles for service accounts and service account impersonation
// at project level.
import type { Check } from '../../helpers';
import type { IacRule, IacValue, Verdict } from '../../types';
import { isUnknown, lookup } from '../../values';
import { isPublicPrincipal, tf, tfplan, tfVar } from './common';

/** `<base>_iam_member` and `<base>_iam_binding`. */
const iamTypes = (...bases: string[]): string[] => bases.flatMap((b) => [`${b}_iam_member`, `${b}_iam_binding`]);

/** Each member a grant names: `member` of an _iam_member, every item of `members` of an _iam_binding. */
function members(r: { type: string; attributes: Record<string, IacValue> }): { value: IacValue; path: string }[] {
  const key = r.type.endsWith('_iam_binding') ? 'members' : 'member';
  return lookup(r.attributes, key).flatMap((f) => (Array.isArray(f.value) ? f.value.map((value, i) => ({ value, path: `${f.path}[${i}]` })) : [{ value: f.value, path: f.path }]));
}

/** Fails for each member matching `bad` (when `role` matches `roleMatches`); unknown members or roles make it unknown. */
function grantCheck(bad: (member: string) => boolean, roleMatches: (role: string) => boolean = () => true): Check {
  return (r) => {
    const role = r.attributes.role;
    if (isUnknown(role)) return { outcome: 'unknown', path: 'role', value: role };
    if (typeof role !== 'string' || !roleMatches(role)) return { outcome: 'pass', path: 'role', value: role ?? null };
    const found = members(r);
    const fails: Verdict[] = [];
    let unknown: Verdict | undefined;
    for (const m of found) {
      if (isUnknown(m.value)) unknown ??= { outcome: 'unknown', path: m.path, value: m.value };
      else if (typeof m.value === 'string' && bad(m.value)) fails.push({ outcome: 'fail', path: m.path, value: m.value });
    }
    if (fails.length) return fails;
    return unknown ?? { outcome: 'pass', path: found[0]?.path ?? 'member' };
  };
}

const PUBLIC_SENSITIVE = iamTypes(
  'google_kms_crypto_key',
  'google_kms_key_ring',
  'google_pubsub_topic',
  'google_pubsub_subscription',
  'google_secret_manager_secret',
  'google_artifact_registry_repository',
  'google_project',
  'google_service_account',
  'google_compute_image',
  'google_compute_snapshot',
  'google_compute_disk',
  'google_dataproc_cluster',
  'google_spanner_database',
  'google_bigtable_instance',
);

export const iamPublicPrincipal: IacRule = {
  id: 'IAC-TF-GCP-IAM-PUBLIC-PRINCIPAL',
  title: 'IAM grant gives a role to allUsers or allAuthenticatedUsers',
  severity: 'high',
  description:
    'A role granted to allUsers or allAuthenticatedUsers on a key, topic, secret, image or project lets anyone on the internet (or any Google account) use it: decrypt with the key, read the secret, publish or pull messages.',
  remediation: 'Grant the role to specific users, groups or service accounts instead.',
  remediationSnippet: 'resource "google_kms_crypto_key_iam_member" "decrypter" {\n  crypto_key_id = google_kms_crypto_key.data.id\n  role          = "roles/cloudkms.cryptoKeyDecrypter"\n  member        = "serviceAccount:${google_service_account.app.email}"\n}',
  helpUri: 'https://cloud.google.com/iam/docs/overview#all-users',
  cis: ['CIS GCP 1.9'],
  cwe: ['CWE-284'],
  model: 'terraform',
  resourceTypes: PUBLIC_SENSITIVE,
  check: grantCheck(isPublicPrincipal),
  examples: {
    hcl: {
      fail: [
        tf('google_kms_crypto_key_iam_member', 'public', 'crypto_key_id = "projects/acme/locations/europe/keyRings/main/cryptoKeys/data"\nrole          = "roles/cloudkms.cryptoKeyDecrypter"\nmember        = "allUsers"'),
        tf('google_secret_manager_secret_iam_binding', 'readers', 'secret_id = "db-password"\nrole      = "roles/secretmanager.secretAccessor"\nmembers   = ["group:ops@example.com", "allAuthenticatedUsers"]'),
      ],
      pass: [tf('google_pubsub_topic_iam_member', 'publisher', 'topic  = "events"\nrole   = "roles/pubsub.publisher"\nmember = "serviceAccount:app@acme-prod.iam.gserviceaccount.com"')],
      unknown: [tfVar('member', 'google_pubsub_topic_iam_member', 'publisher', 'topic  = "events"\nrole   = "roles/pubsub.publisher"\nmember = var.member')],
    },
    tfplan: {
      fail: [tfplan({ type: 'google_kms_crypto_key_iam_member', values: { crypto_key_id: 'k', role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter', member: 'allAuthenticatedUsers', condition: [] } })],
      pass: [tfplan({ type: 'google_kms_crypto_key_iam_member', values: { crypto_key_id: 'k', role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter', member: 'group:crypto@example.com', condition: [] } })],
    },
  },
};

export const serverlessPublicInvoker: IacRule = {
  id: 'IAC-TF-GCP-SERVERLESS-PUBLIC-INVOKER',
  title: 'Cloud Run service or Cloud Function can be invoked by anyone',
  severity: 'medium',
  description:
    'Granting the invoker role to allUsers (or allAuthenticatedUsers) lets anyone call the service without authentication. Intended for public websites and APIs; for internal services it exposes every endpoint to the internet.',
  remediation: 'Grant roles/run.invoker or roles/cloudfunctions.invoker to the calling service accounts only; for a deliberately public service, record the decision with a vigil:ignore comment.',
  remediationSnippet: 'resource "google_cloud_run_v2_service_iam_member" "invoker" {\n  name   = google_cloud_run_v2_service.api.name\n  role   = "roles/run.invoker"\n  member = "serviceAccount:${google_service_account.caller.email}"\n}',
  helpUri: 'https://cloud.google.com/run/docs/securing/managing-access',
  cwe: ['CWE-306'],
  model: 'terraform',
  resourceTypes: iamTypes('google_cloud_run_service', 'google_cloud_run_v2_service', 'google_cloudfunctions_function', 'google_cloudfunctions2_function', 'google_cloud_run_v2_job'),
  check: grantCheck(isPublicPrincipal),
  examples: {
    hcl: {
      fail: [
        tf('google_cloud_run_v2_service_iam_member', 'public', 'name   = "api"\nlocation = "europe-west1"\nrole   = "roles/run.invoker"\nmember = "allUsers"'),
        tf('google_cloudfunctions_function_iam_binding', 'public', 'cloud_function = "hook"\nrole           = "roles/cloudfunctions.invoker"\nmembers        = ["allUsers"]'),
      ],
      pass: [tf('google_cloud_run_service_iam_member', 'invoker', 'service  = "api"\nlocation = "europe-west1"\nrole     = "roles/run.invoker"\nmember   = "serviceAccount:caller@acme-prod.iam.gserviceaccount.com"')],
      unknown: [tfVar('invoker', 'google_cloud_run_service_iam_member', 'invoker', 'service  = "api"\nlocation = "europe-west1"\nrole     = "roles/run.invoker"\nmember   = var.invoker')],
    },
    tfplan: {
      fail: [tfplan({ type: 'google_cloud_run_service_iam_member', values: { service: 'api', location: 'europe-west1', role: 'roles/run.invoker', member: 'allUsers', condition: [] } })],
      pass: [tfplan({ type: 'google_cloud_run_service_iam_member', values: { service: 'api', location: 'europe-west1', role: 'roles/run.invoker', member: 'group:callers@example.com', condition: [] } })],
    },
  },
};

const PROJECT_IAM = iamTypes('google_project');
const SERVICE_ACCOUNT = /^serviceAccount:.*@.*\.iam\.gserviceaccount\.com$/;
const ADMIN_ROLE = /admin|editor|owner/i;

export const serviceAccountAdminRole: IacRule = {
  id: 'IAC-TF-GCP-IAM-SERVICE-ACCOUNT-ADMIN',
  title: 'Service account is granted an admin, owner or editor role on the project',
  severity: 'high',
  description:
    'A workload identity with Owner, Editor or an *Admin role can change most of the project; whoever runs code as that service account (or steals its key) controls the project.',
  remediation: 'Grant the service account predefined or custom roles with only the permissions its workload uses.',
  remediationSnippet: 'resource "google_project_iam_member" "app_logs" {\n  project = "acme-prod"\n  role    = "roles/logging.logWriter"\n  member  = "serviceAccount:${google_service_account.app.email}"\n}',
  helpUri: 'https://cloud.google.com/iam/docs/best-practices-service-accounts#restrict-admin-privileges',
  checkov: 'CKV_GCP_42',
  cis: ['CIS GCP 1.5'],
  cwe: ['CWE-250'],
  model: 'terraform',
  resourceTypes: PROJECT_IAM,
  check: grantCheck((m) => SERVICE_ACCOUNT.test(m), (role) => ADMIN_ROLE.test(role)),
  examples: {
    hcl: {
      fail: [
        tf('google_project_iam_member', 'app', 'project = "acme-prod"\nrole    = "roles/editor"\nmember  = "serviceAccount:app@acme-prod.iam.gserviceaccount.com"'),
        tf('google_project_iam_binding', 'admins', 'project = "acme-prod"\nrole    = "roles/storage.admin"\nmembers = ["user:ana@example.com", "serviceAccount:ci@acme-prod.iam.gserviceaccount.com"]'),
      ],
      pass: [
        tf('google_project_iam_member', 'app', 'project = "acme-prod"\nrole    = "roles/logging.logWriter"\nmember  = "serviceAccount:app@acme-prod.iam.gserviceaccount.com"'),
        tf('google_project_iam_member', 'ana', 'project = "acme-prod"\nrole    = "roles/editor"\nmember  = "user:ana@example.com"'),
      ],
      unknown: [tfVar('member', 'google_project_iam_member', 'app', 'project = "acme-prod"\nrole    = "roles/owner"\nmember  = var.member')],
    },
    tfplan: {
      fail: [tfplan({ type: 'google_project_iam_member', values: { project: 'acme-prod', role: 'roles/owner', member: 'serviceAccount:ci@acme-prod.iam.gserviceaccount.com', condition: [] } })],
      pass: [tfplan({ type: 'google_project_iam_member', values: { project: 'acme-prod', role: 'roles/viewer', member: 'serviceAccount:ci@acme-prod.iam.gserviceaccount.com', condition: [] } })],
    },
  },
};

const IMPERSONATION_ROLES = new Set(['roles/iam.serviceAccountUser', 'roles/iam.serviceAccountTokenCreator']);

export const projectServiceAccountImpersonation: IacRule = {
  id: 'IAC-TF-GCP-IAM-PROJECT-SA-IMPERSONATION',
  title: 'Service Account User or Token Creator is granted on the whole project',
  severity: 'medium',
  description:
    'At project level, Service Account User and Service Account Token Creator let the member act as every service account of the project, including ones with far more privileges than the member has.',
  remediation: 'Grant these roles on the specific service account (google_service_account_iam_member) instead of the project.',
  remediationSnippet: 'resource "google_service_account_iam_member" "deployer" {\n  service_account_id = google_service_account.app.name\n  role               = "roles/iam.serviceAccountUser"\n  member             = "group:deployers@example.com"\n}',
  helpUri: 'https://cloud.google.com/iam/docs/service-account-permissions',
  checkov: 'CKV_GCP_41',
  cis: ['CIS GCP 1.6'],
  cwe: ['CWE-269'],
  model: 'terraform',
  resourceTypes: PROJECT_IAM,
  check: (r) => {
    const role = r.attributes.role;
    if (isUnknown(role)) return { outcome: 'unknown', path: 'role', value: role };
    if (typeof role === 'string' && IMPERSONATION_ROLES.has(role)) return { outcome: 'fail', path: 'role', value: role };
    return { outcome: 'pass', path: 'role', value: role ?? null };
  },
  examples: {
    hcl: {
      fail: [tf('google_project_iam_member', 'deployer', 'project = "acme-prod"\nrole    = "roles/iam.serviceAccountUser"\nmember  = "group:deployers@example.com"')],
      pass: [tf('google_project_iam_member', 'deployer', 'project = "acme-prod"\nrole    = "roles/run.developer"\nmember  = "group:deployers@example.com"')],
      unknown: [tfVar('role', 'google_project_iam_member', 'deployer', 'project = "acme-prod"\nrole    = var.role\nmember  = "group:deployers@example.com"')],
    },
    tfplan: {
      fail: [tfplan({ type: 'google_project_iam_binding', values: { project: 'acme-prod', role: 'roles/iam.serviceAccountTokenCreator', members: ['group:ci@example.com'], condition: [] } })],
      pass: [tfplan({ type: 'google_project_iam_binding', values: { project: 'acme-prod', role: 'roles/viewer', members: ['group:ci@example.com'], condition: [] } })],
    },
  },
};

export const iamRules: readonly IacRule[] = [iamPublicPrincipal, serverlessPublicInvoker, serviceAccountAdminRole, projectServiceAccountImpersonation];
