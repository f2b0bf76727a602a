// Plan JSON as `terraform show -json plan.out` writes it: resources from planned_values (child modules
// included), after_unknown as Unknown with the configuration's references, lines, and state JSON.
import { isUnknown, type Unknown } from '../values';
import { terraformLoader } from './loader';
import { loadTree } from './test-tree';

/** A plan of a root bucket and a module with a key ring, a key and an IAM member reading the bucket's name. */
const PLAN = {
  format_version: '1.2',
  terraform_version: '1.9.5',
  variables: { project: { value: 'acme-prod' } },
  planned_values: {
    root_module: {
      resources: [
        {
          address: 'google_storage_bucket.logs',
          mode: 'managed',
          type: 'google_storage_bucket',
          name: 'logs',
          provider_name: 'registry.terraform.io/hashicorp/google',
          schema_version: 1,
          values: {
            force_destroy: false,
            location: 'EU',
            name: 'acme-logs',
            uniform_bucket_level_access: false,
            versioning: [{ enabled: true }],
            logging: [],
          },
          sensitive_values: { versioning: [{}], logging: [] },
        },
        {
          address: 'data.google_project.current',
          mode: 'data',
          type: 'google_project',
          name: 'current',
          provider_name: 'registry.terraform.io/hashicorp/google',
          values: { project_id: 'acme-prod' },
        },
      ],
      child_modules: [
        {
          address: 'module.kms',
          resources: [
            {
              address: 'module.kms.google_kms_crypto_key.key[0]',
              mode: 'managed',
              type: 'google_kms_crypto_key',
              name: 'key',
              index: 0,
              provider_name: 'registry.terraform.io/hashicorp/google-beta',
              values: { name: 'k0', rotation_period: '7776000s', labels: null },
            },
            {
              address: 'module.kms.google_storage_bucket_iam_member.reader',
              mode: 'managed',
              type: 'google_storage_bucket_iam_member',
              name: 'reader',
              provider_name: 'registry.terraform.io/hashicorp/google',
              values: { member: 'allUsers', condition: [] },
            },
          ],
          child_modules: [
            {
              address: 'module.kms.module.inner',
              resources: [
                {
                  address: 'module.kms.module.inner.google_kms_key_ring.ring',
                  mode: 'managed',
                  type: 'google_kms_key_ring',
                  name: 'ring',
                  provider_name: 'registry.terraform.io/hashicorp/google',
                  values: { location: 'europe-west1', name: 'ring' },
                },
              ],
            },
          ],
        },
      ],
    },
  },
  resource_changes: [
    {
      address: 'google_storage_bucket.logs',
      mode: 'managed',
      type: 'google_storage_bucket',
      name: 'logs',
      provider_name: 'registry.terraform.io/hashicorp/google',
      change: {
        actions: ['create'],
        before: null,
        after: { name: 'acme-logs' },
        after_unknown: { id: true, self_link: true, url: true, versioning: [{}], logging: [], encryption: true },
        before_sensitive: false,
        after_sensitive: {},
      },
    },
    {
      address: 'module.kms.google_kms_crypto_key.key[0]',
      module_address: 'module.kms',
      mode: 'managed',
      type: 'google_kms_crypto_key',
      name: 'key',
      index: 0,
      change: { actions: ['create'], before: null, after: {}, after_unknown: { id: true, key_ring: true } },
    },
    {
      address: 'module.kms.google_storage_bucket_iam_member.reader',
      module_address: 'module.kms',
      mode: 'managed',
      type: 'google_storage_bucket_iam_member',
      name: 'reader',
      change: { actions: ['create'], before: null, after: {}, after_unknown: { bucket: true, role: true, etag: true, condition: [] } },
    },
  ],
  configuration: {
    provider_config: { google: { name: 'google', full_name: 'registry.terraform.io/hashicorp/google' } },
    root_module: {
      resources: [
        {
          address: 'google_storage_bucket.logs',
          mode: 'managed',
          type: 'google_storage_bucket',
          name: 'logs',
          expressions: { name: { constant_value: 'acme-logs' }, versioning: [{ enabled: { constant_value: true } }] },
        },
      ],
      module_calls: {
        kms: {
          source: './modules/kms',
          expressions: { bucket: { references: ['google_storage_bucket.logs.name', 'google_storage_bucket.logs'] } },
          module: {
            resources: [
              {
                address: 'google_kms_crypto_key.key',
                mode: 'managed',
                type: 'google_kms_crypto_key',
                name: 'key',
                expressions: { key_ring: { references: ['module.inner.ring_id', 'module.inner'] } },
                count_expression: { constant_value: 1 },
              },
              {
                address: 'google_storage_bucket_iam_member.reader',
                mode: 'managed',
                type: 'google_storage_bucket_iam_member',
                name: 'reader',
                expressions: { bucket: { references: ['var.bucket'] }, role: { references: ['var.role'] } },
              },
            ],
            module_calls: { inner: { source: './inner', module: { resources: [] } } },
          },
        },
      },
    },
  },
};

const load = (files: Record<string, string>) => loadTree(terraformLoader, files);

test('a plan: managed resources of the root and of child modules, with plan addresses and provider names', async () => {
  const r = await load({ 'plans/tfplan.json': JSON.stringify(PLAN, null, 2) });
  expect(r.warnings).toEqual([]);
  expect(r.claimed).toEqual(['plans/tfplan.json']);
  expect(r.resources.map((x) => [x.address, x.type, x.name, x.meta?.module, x.meta?.provider])).toEqual([
    ['google_storage_bucket.logs', 'google_storage_bucket', 'logs', '', 'google'],
    ['module.kms.google_kms_crypto_key.key[0]', 'google_kms_crypto_key', 'key', 'module.kms', 'google-beta'],
    ['module.kms.google_storage_bucket_iam_member.reader', 'google_storage_bucket_iam_member', 'reader', 'module.kms', 'google'],
    ['module.kms.module.inner.google_kms_key_ring.ring', 'google_kms_key_ring', 'ring', 'module.kms.module.inner', 'google'],
  ]);
  for (const x of r.resources) expect(x).toMatchObject({ model: 'terraform', platform: 'terraform-plan', path: 'plans/tfplan.json' });
});

test('after_unknown values are Unknown with the configuration references, named from the root and followed through module inputs', async () => {
  const r = await load({ 'tfplan.json': JSON.stringify(PLAN, null, 2) });
  const bucket = r.byAddress('google_storage_bucket.logs');
  expect(bucket.attributes).toMatchObject({ name: 'acme-logs', uniform_bucket_level_access: false, versioning: [{ enabled: true }], logging: [] });
  expect(isUnknown(bucket.attributes.id)).toBe(true);
  expect(isUnknown(bucket.attributes.encryption)).toBe(true);
  const key = r.byAddress('module.kms.google_kms_crypto_key.key[0]');
  expect((key.attributes.key_ring as Unknown).refs).toEqual(['module.kms.module.inner.ring_id', 'module.kms.module.inner']);
  expect(key.attributes.rotation_period).toBe('7776000s');
  const member = r.byAddress('module.kms.google_storage_bucket_iam_member.reader');
  // A module variable is followed to what the root passed; one nobody passed stays the module's.
  expect((member.attributes.bucket as Unknown).refs).toEqual(['google_storage_bucket.logs.name', 'google_storage_bucket.logs']);
  expect((member.attributes.role as Unknown).refs).toEqual(['module.kms.var.role']);
  expect(member.attributes.member).toBe('allUsers');
});

test('lines of resources and attributes in the plan file; unknown attributes point at after_unknown', async () => {
  const text = JSON.stringify(PLAN, null, 2);
  const lines = text.split('\n');
  const lineOf = (needle: string, from = 0) => lines.findIndex((l, i) => i >= from && l.includes(needle)) + 1;
  const r = await load({ 'tfplan.json': text });
  const bucket = r.byAddress('google_storage_bucket.logs');
  const start = lineOf('"address": "google_storage_bucket.logs"') - 1;
  expect(bucket.line).toBe(start);
  expect(bucket.endLine).toBeGreaterThan(lineOf('"sensitive_values"', start));
  expect(bucket.endLine).toBeLessThan(lineOf('"address": "data.google_project.current"'));
  expect(bucket.lineOf('uniform_bucket_level_access')).toEqual({ line: lineOf('"uniform_bucket_level_access"', start) });
  expect(bucket.lineOf('versioning[0].enabled')).toEqual({ line: lineOf('"enabled": true', start) });
  const changes = lineOf('"resource_changes"');
  expect(bucket.lineOf('encryption')).toEqual({ line: lineOf('"encryption": true', changes) });
});

test('state JSON (values.root_module) loads the same way; a malformed plan is a warning, not a crash', async () => {
  const state = { format_version: '1.0', terraform_version: '1.9.5', values: { root_module: PLAN.planned_values.root_module } };
  const r = await load({ 'state.json': JSON.stringify(state), 'bad/tfplan.json': '{"format_version": "1.2", "planned_values": {' });
  expect(r.resources.map((x) => x.address)).toContain('module.kms.module.inner.google_kms_key_ring.ring');
  expect(r.warnings).toEqual([expect.objectContaining({ code: 'parse-error', path: 'bad/tfplan.json', message: expect.stringMatching(/^line 1: /) })]);
});
