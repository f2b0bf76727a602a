// The .tf loader: variables, tfvars and locals, modules, count/for_each, dynamic blocks, Unknown with
// refs, lines, bad files and module cycles.
import { isUnknown, Unknown } from '../values';
import { terraformLoader } from './loader';
import { loadTree } from './test-tree';

const load = (files: Record<string, string>) => loadTree(terraformLoader, files);

test('variables take tfvars over defaults, *.auto.tfvars over terraform.tfvars; locals in dependency order', async () => {
  const r = await load({
    'infra/variables.tf': `
variable "location" { default = "westeurope" }
variable "tier" { default = "Standard" }
variable "tls" {}
variable "replicas" { default = 1 }
`,
    'infra/main.tf': `
locals {
  name   = "\${local.prefix}-\${var.location}"
  prefix = "app"
  tags   = { env = var.tier, owner = "ops" }
}
resource "azurerm_storage_account" "sa" {
  name            = local.name
  account_tier    = var.tier
  min_tls_version = var.tls
  replicas        = var.replicas
  tags            = local.tags
}
`,
    'infra/terraform.tfvars': 'tier = "Premium"\nreplicas = 2\n',
    'infra/prod.auto.tfvars': 'replicas = 3\n',
    'infra/ignored.auto.tfvars.json': '{"location": "northeurope"}',
  });
  expect(r.warnings).toEqual([]);
  const sa = r.byAddress('azurerm_storage_account.sa');
  expect(sa).toMatchObject({ model: 'terraform', platform: 'terraform', type: 'azurerm_storage_account', name: 'sa', path: 'infra/main.tf', line: 7, endLine: 13 });
  expect(sa.attributes).toMatchObject({ name: 'app-northeurope', account_tier: 'Premium', replicas: 3, tags: { env: 'Premium', owner: 'ops' } });
  expect(sa.attributes.min_tls_version).toEqual(new Unknown('var.tls', ['var.tls']));
  expect(sa.meta).toEqual({ provider: 'azurerm', module: '', mode: 'managed' });
  expect([...(r.claimed ?? [])].sort()).toEqual([
    'infra/ignored.auto.tfvars.json',
    'infra/main.tf',
    'infra/prod.auto.tfvars',
    'infra/terraform.tfvars',
    'infra/variables.tf',
  ]);
});

test('other *.tfvars are possible -var-files: a variable is known only when they all agree', async () => {
  const r = await load({
    'main.tf': `
variable "sku" {}
variable "region" { default = "eu" }
variable "size" { default = "s" }
resource "x_thing" "t" {
  sku = var.sku
  region = var.region
  size = var.size
}`,
    'dev.tfvars': 'sku = "basic"\nregion = "us"\n',
    'prod.tfvars': 'sku = "premium"\nregion = "us"\n',
  });
  const t = r.byAddress('x_thing.t');
  expect(t.attributes.region).toBe('us');
  expect(t.attributes.size).toBe('s');
  expect(isUnknown(t.attributes.sku)).toBe(true);
  expect((t.attributes.sku as Unknown).expr).toContain('differs between dev.tfvars, prod.tfvars');
  expect((t.attributes.sku as Unknown).refs).toEqual(['var.sku']);
});

test('a local cycle is Unknown, the rest of the module still evaluates', async () => {
  const r = await load({
    'main.tf': `
locals {
  a = local.b
  b = local.a
  c = "ok"
}
resource "x_thing" "t" {
  a = local.a
  c = local.c
}`,
  });
  const t = r.byAddress('x_thing.t');
  expect(isUnknown(t.attributes.a)).toBe(true);
  expect(t.attributes.c).toBe('ok');
});

test('local modules: inputs become the module variables, addresses and refs are prefixed, nested modules, outputs flow back', async () => {
  const r = await load({
    'env/prod/main.tf': `
module "net" {
  source = "../../modules/net"
  cidr   = "10.0.0.0/16"
  name   = "prod"
}
resource "google_compute_firewall" "fw" {
  network = module.net.network_id
  name    = module.net.name_out
}`,
    'modules/net/main.tf': `
variable "cidr" {}
variable "name" { default = "x" }
variable "unused" {}
resource "google_compute_network" "vpc" {
  name = "\${var.name}-vpc"
  cidr = var.cidr
  other = var.unused
}
module "sub" {
  source = "./sub"
  network = google_compute_network.vpc.id
}
output "network_id" { value = google_compute_network.vpc.id }
output "name_out" { value = var.name }`,
    'modules/net/sub/main.tf': `
variable "network" {}
resource "google_compute_subnetwork" "s" {
  network = var.network
  private_ip_google_access = true
}`,
  });
  expect(r.warnings).toEqual([]);
  expect(r.groups).toHaveLength(1);
  expect(r.resources.map((x) => x.address)).toEqual([
    'google_compute_firewall.fw',
    'module.net.google_compute_network.vpc',
    'module.net.module.sub.google_compute_subnetwork.s',
  ]);
  const vpc = r.byAddress('module.net.google_compute_network.vpc');
  expect(vpc).toMatchObject({ path: 'modules/net/main.tf', line: 5, meta: { provider: 'google', module: 'module.net', mode: 'managed' } });
  expect(vpc.attributes).toMatchObject({ name: 'prod-vpc', cidr: '10.0.0.0/16' });
  expect((vpc.attributes.other as Unknown).refs).toEqual(['module.net.var.unused']);
  const subnet = r.byAddress('module.net.module.sub.google_compute_subnetwork.s');
  expect(subnet.meta).toMatchObject({ module: 'module.net.module.sub' });
  expect((subnet.attributes.network as Unknown).refs).toEqual(['module.net.google_compute_network.vpc']);
  const fw = r.byAddress('google_compute_firewall.fw');
  expect((fw.attributes.network as Unknown).refs).toEqual(['module.net.google_compute_network.vpc']);
  expect(fw.attributes.name).toBe('prod');
  expect([...(r.claimed ?? [])].sort()).toEqual(['env/prod/main.tf', 'modules/net/main.tf', 'modules/net/sub/main.tf']);
});

test('a module folder nobody calls is a root of its own; a remote module warns once per source', async () => {
  const r = await load({
    'a/main.tf': 'module "x" {\n  source = "terraform-google-modules/network/google"\n}\nmodule "y" {\n  source = "terraform-google-modules/network/google"\n}\nresource "x_a" "a" {\n  v = module.x.id\n}\n',
    'b/main.tf': 'resource "x_b" "b" {}\n',
  });
  expect(r.groups).toHaveLength(2);
  expect(r.warnings.filter((w) => w.code === 'module-not-fetched')).toHaveLength(1);
  expect(r.warnings[0]).toMatchObject({ path: 'a/main.tf', message: expect.stringContaining('terraform-google-modules/network/google') });
  expect((r.byAddress('x_a.a').attributes.v as Unknown).refs).toEqual(['module.x']);
});

test('a module cycle is cut with a warning; both folders still load', async () => {
  const r = await load({
    'a/main.tf': 'module "b" {\n  source = "../b"\n}\nresource "x_a" "a" {}\n',
    'b/main.tf': 'module "a" {\n  source = "../a"\n}\nresource "x_b" "b" {}\n',
  });
  expect(r.resources.map((x) => x.address).sort()).toEqual(['module.b.x_b.b', 'x_a.a']);
  expect(r.warnings).toEqual([expect.objectContaining({ code: 'module-cycle', path: 'b/main.tf' })]);
});

test('count and for_each: known small collections expand per instance, unknown ones give one resource with Unknown iteration values', async () => {
  const r = await load({
    'main.tf': `
variable "names" { default = ["b", "a"] }
variable "n" {}
resource "x_counted" "c" {
  count = 2
  name  = "c-\${count.index}"
}
resource "x_none" "z" {
  count = 0
}
resource "x_each" "e" {
  for_each = toset(var.names)
  name     = each.key
}
resource "x_map" "m" {
  for_each = { one = { public = true }, two = { public = false } }
  public   = each.value.public
}
resource "x_unknown" "u" {
  count = var.n
  name  = "u-\${count.index}"
  fixed = "yes"
}
resource "x_big" "b" {
  count = 1000
  name  = count.index
}`,
  });
  expect(r.resources.map((x) => x.address)).toEqual([
    'x_counted.c[0]',
    'x_counted.c[1]',
    'x_each.e["a"]',
    'x_each.e["b"]',
    'x_map.m["one"]',
    'x_map.m["two"]',
    'x_unknown.u',
    'x_big.b',
  ]);
  expect(r.byAddress('x_counted.c[1]').attributes.name).toBe('c-1');
  expect(r.byAddress('x_each.e["b"]').attributes.name).toBe('b');
  expect(r.byAddress('x_map.m["two"]').attributes.public).toBe(false);
  const u = r.byAddress('x_unknown.u');
  expect(u.attributes.fixed).toBe('yes');
  expect(isUnknown(u.attributes.name)).toBe(true);
  expect(u.attributes).not.toHaveProperty('count');
  expect(isUnknown(r.byAddress('x_big.b').attributes.name)).toBe(true);
});

test('nested blocks are arrays of objects; dynamic blocks expand when for_each is known, else the block is Unknown', async () => {
  const r = await load({
    'main.tf': `
variable "rules" {
  default = [{ port = 22, cidr = "0.0.0.0/0" }, { port = 443, cidr = "10.0.0.0/8" }]
}
variable "extra" {}
resource "x_fw" "f" {
  network_rules {
    default_action = "Deny"
  }
  dynamic "allow" {
    for_each = var.rules
    iterator = rule
    content {
      port   = rule.value.port
      source = rule.value.cidr
      index  = rule.key
    }
  }
  dynamic "deny" {
    for_each = var.extra
    content {
      port = deny.value
    }
  }
  lifecycle {
    ignore_changes = [tags]
  }
}`,
  });
  const f = r.byAddress('x_fw.f');
  expect(f.attributes.network_rules).toEqual([{ default_action: 'Deny' }]);
  expect(f.attributes.allow).toEqual([
    { port: 22, source: '0.0.0.0/0', index: 0 },
    { port: 443, source: '10.0.0.0/8', index: 1 },
  ]);
  expect(f.attributes.deny).toEqual(new Unknown('var.extra', ['var.extra']));
  expect(f.attributes).not.toHaveProperty('lifecycle');
  expect(f.lineOf('network_rules[0].default_action')).toEqual({ line: 8 });
  expect(f.lineOf('allow[1].source')).toEqual({ line: 15 });
  expect(f.lineOf('network_rules[0]')).toEqual({ line: 7 });
});

test('unknown values carry the expression and the addresses they reference; functions of known values are known', async () => {
  const r = await load({
    'main.tf': `
variable "env" { default = "prod" }
resource "google_kms_crypto_key" "k" {
  name = "key"
}
resource "google_storage_bucket" "b" {
  name = lower("Logs-\${var.env}")
  encryption {
    default_kms_key_name = google_kms_crypto_key.k.id
  }
  location = data.google_client_config.c.region
  labels = merge({ a = "1" }, { b = "2" })
}`,
  });
  const b = r.byAddress('google_storage_bucket.b');
  expect(b.attributes.name).toBe('logs-prod');
  expect(b.attributes.labels).toEqual({ a: '1', b: '2' });
  const key = (b.attributes.encryption as { default_kms_key_name: Unknown }[])[0].default_kms_key_name;
  expect(key).toBeInstanceOf(Unknown);
  expect(key.expr).toBe('google_kms_crypto_key.k.id');
  expect(key.refs).toEqual(['google_kms_crypto_key.k']);
  expect((b.attributes.location as Unknown).refs).toEqual(['data.google_client_config.c.region']);
});

test('lines: attributes, nested blocks, object keys and list items; endLine is the block end', async () => {
  const r = await load({
    'main.tf': `resource "x_a" "a" {
  name = "n"
  tags = {
    env = "prod"
  }
  ips = [
    "1.1.1.1",
    "2.2.2.2",
  ]
  outer {
    inner {
      deep = true
    }
  }
}
`,
  });
  const a = r.byAddress('x_a.a');
  expect([a.line, a.endLine]).toEqual([1, 15]);
  expect(a.lineOf('name')).toEqual({ line: 2 });
  expect(a.lineOf('tags.env')).toEqual({ line: 4 });
  expect(a.lineOf('ips[1]')).toEqual({ line: 8 });
  expect(a.lineOf('outer[0].inner[0].deep')).toEqual({ line: 12 });
  expect(a.lineOf('missing')).toBeUndefined();
});

test('a file with syntax errors is a warning with its line; the other files of the module still load', async () => {
  const r = await load({
    'main.tf': 'resource "x_a" "a" {\n  name = "ok"\n}\n',
    'broken.tf': 'resource "x_b" "b" {\n  name = \n}\n',
    'vars.tfvars': 'x = = 1\n',
  });
  expect(r.byAddress('x_a.a').attributes.name).toBe('ok');
  expect(r.warnings.find((w) => w.path === 'broken.tf')).toMatchObject({ code: 'parse-error', message: expect.stringMatching(/^line 2: /) });
  expect(r.warnings.find((w) => w.path === 'vars.tfvars')).toMatchObject({ code: 'parse-error', message: expect.stringMatching(/^line 1: /) });
});

test('the provider argument names the provider; data sources are not resources', async () => {
  const r = await load({
    'main.tf': 'data "google_project" "p" {}\nresource "google_container_cluster" "c" {\n  provider = google-beta\n}\nresource "google_sql_database_instance" "d" {\n  provider = google-beta.eu\n}\n',
  });
  expect(r.resources.map((x) => [x.address, x.meta?.provider])).toEqual([
    ['google_container_cluster.c', 'google-beta'],
    ['google_sql_database_instance.d', 'google-beta'],
  ]);
});

test('modules with count and for_each expand per instance, with the instance key in the address', async () => {
  const r = await load({
    'main.tf': 'module "m" {\n  source = "./m"\n  for_each = { a = "x", b = "y" }\n  v = each.value\n}\n',
    'm/main.tf': 'variable "v" {}\nresource "x_r" "r" {\n  v = var.v\n}\n',
  });
  expect(r.resources.map((x) => [x.address, x.attributes.v])).toEqual([
    ['module.m["a"].x_r.r', 'x'],
    ['module.m["b"].x_r.r', 'y'],
  ]);
});

test('.tf.json files load like .tf: templates in strings, nested blocks as arrays, map arguments as maps, lines of the JSON keys', async () => {
  const r = await load({
    'main.tf.json': JSON.stringify(
      {
        variable: { env: { default: 'prod' }, literal: { default: '${not.a.template}' } },
        locals: { prefix: 'acme-${var.env}' },
        resource: {
          google_storage_bucket: {
            logs: {
              name: '${local.prefix}-logs',
              labels: { team: 'ops' },
              versioning: { enabled: true },
              lifecycle_rule: [{ action: { type: 'Delete' } }, { action: { type: 'SetStorageClass' } }],
              location: '${upper("eu")}',
              kms: '${var.literal}',
              count: 1,
            },
          },
        },
      },
      null,
      2,
    ),
    'override.tf': 'resource "google_storage_bucket" "logs" {\n  name = "ignored"\n}\n',
  });
  expect(r.warnings).toEqual([]);
  const b = r.byAddress('google_storage_bucket.logs[0]');
  expect(b.attributes).toEqual({
    name: 'acme-prod-logs',
    labels: { team: 'ops' },
    versioning: [{ enabled: true }],
    lifecycle_rule: [{ action: [{ type: 'Delete' }] }, { action: [{ type: 'SetStorageClass' }] }],
    location: 'EU',
    kms: '${not.a.template}',
  });
  expect(b.path).toBe('main.tf.json');
  expect(b.line).toBe(15);
  expect(b.lineOf('versioning[0].enabled')).toEqual({ line: 21 });
  expect(b.lineOf('location')).toEqual({ line: 35 });
  expect(r.claimed).toContain('main.tf.json');
});

test('a module calling its own folder, and module chains deeper than the bound, stop with a warning', async () => {
  const chain: Record<string, string> = { 'main.tf': 'module "m0" {\n  source = "./m0"\n}\nmodule "me" {\n  source = "./"\n}\n' };
  for (let i = 0; i < 14; i++) chain[`${Array.from({ length: i + 1 }, (_, k) => `m${k}`).join('/')}/main.tf`] = `module "m${i + 1}" {\n  source = "./m${i + 1}"\n}\nresource "x_r" "r${i}" {}\n`;
  const r = await load(chain);
  expect(r.warnings.map((w) => w.code).sort()).toEqual(['module-cycle', 'module-depth']);
  expect(r.resources).toHaveLength(10);
  expect(r.resources[9].address).toBe(`${Array.from({ length: 10 }, (_, k) => `module.m${k}`).join('.')}.x_r.r9`);
});

test('module outputs feed locals and other modules; a cycle through a module is Unknown, not a crash', async () => {
  const r = await load({
    'main.tf': `
locals {
  bucket = module.store.name
  loop   = module.loop.out
}
module "store" {
  source = "./store"
  env    = "prod"
}
module "loop" {
  source = "./loop"
  input  = local.loop
}
resource "x_iam" "i" {
  bucket = local.bucket
  loop   = local.loop
}`,
    'store/main.tf': 'variable "env" {}\noutput "name" { value = "acme-${var.env}" }\nresource "x_bucket" "b" {\n  name = "acme-${var.env}"\n}\n',
    'loop/main.tf': 'variable "input" {}\noutput "out" { value = var.input }\n',
  });
  const i = r.byAddress('x_iam.i');
  expect(i.attributes.bucket).toBe('acme-prod');
  expect(isUnknown(i.attributes.loop)).toBe(true);
  expect(r.byAddress('module.store.x_bucket.b').attributes.name).toBe('acme-prod');
});

test('remote modules that terraform init installed under .terraform/modules are evaluated through modules.json', async () => {
  const r = await load({
    'infra/main.tf': 'module "vpc" {\n  source  = "terraform-google-modules/network/google"\n  version = "9.0.0"\n  name    = "prod"\n}\n',
    'infra/.terraform/modules/modules.json': JSON.stringify({
      Modules: [
        { Key: '', Source: '', Dir: '.' },
        { Key: 'vpc', Source: 'registry.terraform.io/terraform-google-modules/network/google', Version: '9.0.0', Dir: '.terraform/modules/vpc' },
        { Key: 'vpc.fw', Source: './modules/fw', Dir: '.terraform/modules/vpc/modules/fw' },
      ],
    }),
    'infra/.terraform/modules/vpc/main.tf': 'variable "name" {}\nresource "google_compute_network" "n" {\n  name = var.name\n}\nmodule "fw" {\n  source = "./modules/fw"\n}\n',
    'infra/.terraform/modules/vpc/modules/fw/main.tf': 'resource "google_compute_firewall" "f" {\n  name = "fw"\n}\n',
  });
  expect(r.warnings).toEqual([]);
  expect(r.resources.map((x) => [x.address, x.path])).toEqual([
    ['module.vpc.google_compute_network.n', 'infra/.terraform/modules/vpc/main.tf'],
    ['module.vpc.module.fw.google_compute_firewall.f', 'infra/.terraform/modules/vpc/modules/fw/main.tf'],
  ]);
  expect(r.byAddress('module.vpc.google_compute_network.n').attributes.name).toBe('prod');
});
