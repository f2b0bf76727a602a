// The Terraform loader through the real IaC scanner: findings in module files at the attribute's line,
// with module addresses, checkov:skip comments in the block, unknown values as results, and plans.
import { scanFiles } from '../../scan';
import { storageUniformAccess, storageVersioning } from '../rules/terraform-gcp/storage';
import { firewallSshOpen } from '../rules/terraform-gcp/network';
import { makeIacScanner } from '../scanner';
import { terraformLoader } from './loader';

const scanner = makeIacScanner([terraformLoader], [storageUniformAccess, storageVersioning, firewallSshOpen]);
const scan = (files: Record<string, string>) =>
  scanFiles(
    Object.entries(files).map(([path, content]) => ({ path, content })),
    { scanners: [scanner] },
  );

test('a finding inside a local module points at the module file and line, with the module address', async () => {
  const r = await scan({
    'envs/prod/main.tf': 'module "site" {\n  source  = "../../modules/site"\n  uniform = false\n}\n',
    'modules/site/main.tf': `variable "uniform" {}

resource "google_storage_bucket" "site" {
  name                        = "acme-site"
  location                    = "EU"
  uniform_bucket_level_access = var.uniform
  versioning {
    enabled = true
  }
}
`,
  });
  expect(r.warnings).toEqual([]);
  const f = r.findings.filter((x) => x.ruleId === 'IAC-TF-GCP-STORAGE-UNIFORM-ACCESS');
  expect(f).toHaveLength(1);
  expect(f[0].location).toEqual({
    kind: 'resource',
    path: 'modules/site/main.tf',
    line: 6,
    address: 'module.site.google_storage_bucket.site',
    attribute: 'uniform_bucket_level_access',
    value: false,
  });
  expect(f[0].details?.extra).toMatchObject({ platform: 'terraform', model: 'terraform', resourceType: 'google_storage_bucket', checkov: 'CKV_GCP_29' });
  expect(r.results?.find((x) => x.ruleId === 'IAC-TF-GCP-STORAGE-VERSIONING')).toMatchObject({ outcome: 'pass', location: { line: 8 } });
});

test('#checkov:skip inside the block suppresses the rule that declares that Checkov id; an unknown value is not available', async () => {
  const r = await scan({
    'main.tf': `variable "sources" {}

resource "google_compute_firewall" "ssh" {
  #checkov:skip=CKV_GCP_2:bastion network, reviewed
  name          = "ssh"
  network       = "default"
  source_ranges = ["0.0.0.0/0"]
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
}

resource "google_compute_firewall" "maybe" {
  name          = "maybe"
  network       = "default"
  source_ranges = var.sources
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
}
`,
  });
  const ssh = r.findings.find((x) => x.ruleId === 'IAC-TF-GCP-FIREWALL-SSH-OPEN');
  expect(ssh?.suppressed).toEqual({ kind: 'inline', reason: 'checkov:skip CKV_GCP_2: bastion network, reviewed' });
  expect(ssh?.location).toMatchObject({ line: 10, address: 'google_compute_firewall.ssh', attribute: 'allow[0].ports' });
  const maybe = r.results?.find((x) => x.ruleId === 'IAC-TF-GCP-FIREWALL-SSH-OPEN' && x.location.kind === 'resource' && x.location.address === 'google_compute_firewall.maybe');
  expect(maybe).toMatchObject({ outcome: 'not-available', reason: { code: 'unsupported' } });
  expect(maybe?.reason?.text).toContain('var.sources');
});

test('the same rule on a plan: the finding is at the attribute line of the plan JSON', async () => {
  const plan = {
    format_version: '1.2',
    terraform_version: '1.9.8',
    planned_values: {
      root_module: {
        resources: [
          {
            address: 'google_storage_bucket.site',
            mode: 'managed',
            type: 'google_storage_bucket',
            name: 'site',
            provider_name: 'registry.terraform.io/hashicorp/google',
            values: { name: 'acme-site', uniform_bucket_level_access: false, versioning: [] },
          },
        ],
      },
    },
  };
  const text = JSON.stringify(plan, null, 2);
  const r = await scan({ 'plan/tfplan.json': text });
  const f = r.findings.find((x) => x.ruleId === 'IAC-TF-GCP-STORAGE-UNIFORM-ACCESS');
  const line = text.split('\n').findIndex((l) => l.includes('uniform_bucket_level_access')) + 1;
  expect(f?.location).toMatchObject({ path: 'plan/tfplan.json', line, address: 'google_storage_bucket.site' });
  expect(f?.details?.extra).toMatchObject({ platform: 'terraform-plan' });
  expect(r.findings.find((x) => x.ruleId === 'IAC-TF-GCP-STORAGE-VERSIONING')?.location).toMatchObject({ attribute: 'versioning.enabled' });
});
