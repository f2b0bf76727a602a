// Not a test: loads a generated module tree (3 environments, each calling 4 local modules with nested
// calls, count, for_each and dynamic blocks) and prints the time per .tf file.
// Run: npx tsx service/engine/iac/terraform/bench.ts
import { performance } from 'node:perf_hooks';
import { cpuUsage } from 'node:process';
import { terraformLoader } from './loader';
import { loadTree } from './test-tree';

function moduleFiles(name: string, resources: number): Record<string, string> {
  const vars = `variable "project" {}
variable "region" { default = "europe-west1" }
variable "env" {}
variable "labels" { default = {} }
variable "subnets" {
  default = {
    app  = { cidr = "10.0.1.0/24", flow_logs = true }
    data = { cidr = "10.0.2.0/24", flow_logs = false }
    web  = { cidr = "10.0.3.0/24", flow_logs = true }
  }
}
variable "rules" {
  default = [
    { name = "ssh", port = "22", sources = ["35.235.240.0/20"] },
    { name = "https", port = "443", sources = ["0.0.0.0/0"] },
  ]
}
`;
  const locals = `locals {
  prefix = "\${var.env}-${name}"
  labels = merge(var.labels, { env = var.env, module = "${name}" })
  names  = [for k, v in var.subnets : "\${local.prefix}-\${k}" if v.flow_logs]
  region = lower(var.region)
}
`;
  const blocks: string[] = [];
  for (let i = 0; i < resources; i++) {
    blocks.push(`resource "google_storage_bucket" "b${i}" {
  name                        = "\${local.prefix}-b${i}"
  location                    = upper(local.region)
  project                     = var.project
  uniform_bucket_level_access = true
  labels                      = local.labels
  versioning {
    enabled = ${i % 2 === 0}
  }
  lifecycle_rule {
    condition {
      age = 30
    }
    action {
      type = "Delete"
    }
  }
}

resource "google_compute_subnetwork" "s${i}" {
  for_each      = var.subnets
  name          = "\${local.prefix}-\${each.key}-${i}"
  ip_cidr_range = each.value.cidr
  region        = local.region
  network       = google_compute_network.vpc.id
  private_ip_google_access = true
  dynamic "log_config" {
    for_each = each.value.flow_logs ? [1] : []
    content {
      aggregation_interval = "INTERVAL_5_SEC"
      flow_sampling        = 0.5
    }
  }
}

resource "google_compute_firewall" "f${i}" {
  name    = "\${local.prefix}-fw-${i}"
  network = google_compute_network.vpc.name
  dynamic "allow" {
    for_each = var.rules
    content {
      protocol = "tcp"
      ports    = [allow.value.port]
    }
  }
  source_ranges = flatten([for r in var.rules : r.sources])
}
`);
  }
  blocks.push(`resource "google_compute_network" "vpc" {
  name                    = "\${local.prefix}-vpc"
  auto_create_network     = false
}
output "network_id" { value = google_compute_network.vpc.id }
output "names" { value = local.names }
`);
  return {
    [`modules/${name}/variables.tf`]: vars,
    [`modules/${name}/locals.tf`]: locals,
    [`modules/${name}/main.tf`]: blocks.join('\n'),
  };
}

function tree(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of ['network', 'gke', 'sql', 'storage']) Object.assign(files, moduleFiles(name, 6));
  files['modules/network/nested.tf'] = 'module "dns" {\n  source  = "../storage"\n  project = var.project\n  env     = "${var.env}-dns"\n}\n';
  for (const env of ['dev', 'staging', 'prod']) {
    const calls = ['network', 'gke', 'sql', 'storage']
      .map((m) => `module "${m}" {\n  source  = "../../modules/${m}"\n  project = var.project\n  env     = "${env}"\n  labels  = { team = "platform" }\n}\n`)
      .join('\n');
    files[`envs/${env}/main.tf`] = `variable "project" { default = "acme-${env}" }\n\n${calls}`;
    files[`envs/${env}/terraform.tfvars`] = `project = "acme-${env}-1"\n`;
  }
  return files;
}

async function main(): Promise<void> {
  const files = tree();
  const tfFiles = Object.keys(files).filter((p) => p.endsWith('.tf'));
  const lines = Object.values(files).reduce((n, t) => n + t.split('\n').length, 0);
  let result = await loadTree(terraformLoader, files);
  const runs = 20;
  const cpu0 = cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) result = await loadTree(terraformLoader, files);
  const wall = (performance.now() - t0) / runs;
  const cpu = cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000 / runs;
  console.log(
    `${tfFiles.length} .tf files (${lines} lines), ${result.groups.length} roots, ${result.resources.length} resources, ${result.warnings.length} warnings: ` +
      `${wall.toFixed(1)} ms per load (CPU ${cpuMs.toFixed(1)} ms), ${(wall / tfFiles.length).toFixed(2)} ms per file, ${((wall * 1000) / result.resources.length).toFixed(0)} µs per resource`,
  );
}

void main();
