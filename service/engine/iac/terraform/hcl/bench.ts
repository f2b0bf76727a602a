// Not a test: parses a generated 150-line azurerm file many times and prints the time per file.
// Run: npx tsx service/engine/iac/terraform/hcl/bench.ts
import { parseHcl } from './parser';

/** About 150 lines of typical azurerm Terraform: variables, locals, resources with nested and dynamic blocks. */
export function sampleAzurermFile(): string {
  const parts: string[] = [
    `terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 3.100"
    }
  }
}

variable "location" {
  type    = string
  default = "westeurope"
}

variable "subnets" {
  type = map(object({ prefix = string, service_endpoints = list(string) }))
  default = {
    app  = { prefix = "10.0.1.0/24", service_endpoints = ["Microsoft.Storage"] }
    data = { prefix = "10.0.2.0/24", service_endpoints = [] }
  }
}

locals {
  prefix = "vigil-\${var.location}"
  tags = merge(var.extra_tags, {
    environment = "prod" # inline comment
    owner       = "platform"
  })
  subnet_names = [for k, v in var.subnets : upper(k) if length(v.service_endpoints) > 0]
}
`,
  ];
  parts.push(`resource "azurerm_resource_group" "rg" {
  name     = "\${local.prefix}-rg"
  location = var.location
  tags     = local.tags
}

resource "azurerm_subnet" "app" {
  for_each             = var.subnets
  name                 = each.key
  resource_group_name  = azurerm_resource_group.rg.name
  virtual_network_name = azurerm_virtual_network.vnet.name
  address_prefixes     = [each.value.prefix]
  service_endpoints    = each.value.service_endpoints
}

module "network" {
  source  = "./modules/network"
  cidr    = cidrsubnet("10.0.0.0/16", 8, 1)
  subnets = { for k, v in var.subnets : k => v.prefix }
}

`);
  for (let i = 0; i < 3; i++) {
    parts.push(`resource "azurerm_storage_account" "sa${i}" {
  name                     = "\${local.prefix}sa${i}"
  resource_group_name      = azurerm_resource_group.rg.name
  location                 = var.location
  account_tier             = "Standard"
  account_replication_type = var.env == "prod" ? "GRS" : "LRS"
  min_tls_version          = "TLS1_2"
  allow_nested_items_to_be_public = false
  #checkov:skip=CKV_AZURE_35:network rules come from the firewall module

  network_rules {
    default_action             = "Deny"
    ip_rules                   = ["100.0.0.1", "100.0.0.2"]
    virtual_network_subnet_ids = azurerm_subnet.app[*].id
  }

  dynamic "blob_properties" {
    for_each = var.enable_versioning ? [1] : []
    content {
      versioning_enabled = true
      delete_retention_policy {
        days = 7
      }
    }
  }
  tags = local.tags
}

`);
  }
  parts.push(`resource "azurerm_key_vault" "kv" {
  name                = "\${local.prefix}-kv"
  tenant_id           = data.azurerm_client_config.current.tenant_id
  sku_name            = "standard"
  purge_protection_enabled = true
  access_policy {
    object_id = data.azurerm_client_config.current.object_id
    secret_permissions = ["Get", "List"]
  }
  policy = <<-EOT
    {
      "name": "\${var.location}"
    }
  EOT
}
`);
  return parts.join('');
}

function main(): void {
  const text = sampleAzurermFile();
  const runs = 2000;
  for (let i = 0; i < 200; i++) parseHcl(text, 'main.tf');
  const t0 = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  let errors = 0;
  for (let i = 0; i < runs; i++) errors += parseHcl(text, 'main.tf').errors.length;
  const cpu = process.cpuUsage(cpu0);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpuMs = (cpu.user + cpu.system) / 1000;
  // CPU time is the figure to trust on a shared machine; wall time includes waiting for a core.
  console.log(
    `${text.split('\n').length} lines, ${text.length} chars, ${errors / runs} errors: ` +
      `${(cpuMs / runs).toFixed(4)} ms CPU, ${(ms / runs).toFixed(4)} ms wall per file`,
  );
}

if (require.main === module) main();
