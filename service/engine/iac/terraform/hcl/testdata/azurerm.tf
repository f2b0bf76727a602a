# Storage for the platform team.
terraform {
  required_version = ">= 1.5"
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 3.100"
    }
  }
}

variable "location" {
  type        = string
  default     = "westeurope"
  description = "Azure region"
}

variable "allowed_ips" {
  type    = list(string)
  default = ["10.0.0.1", "10.0.0.2"]
}

locals {
  prefix = "vigil-${var.location}"
  tags = {
    environment = "prod"
    "cost-center" : 42
  }
  upper_ips = [for ip in var.allowed_ips : upper(ip) if ip != ""]
}

module "network" {
  source        = "./modules/network"
  address_space = ["10.0.0.0/16"]
  providers = {
    azurerm = azurerm.hub
  }
}

resource "azurerm_resource_group" "rg" {
  name     = "${local.prefix}-rg"
  location = var.location
}

resource "azurerm_storage_account" "sa" {
  #checkov:skip=CKV_AZURE_35:network rules come from the firewall module
  name                     = "vigilsa"
  resource_group_name      = azurerm_resource_group.rg.name
  location                 = azurerm_resource_group.rg.location
  account_tier             = "Standard"
  account_replication_type = "GRS"
  min_tls_version          = "TLS1_0" // vigil:ignore IAC-AZ-001 legacy client
  /* block comment
     over two lines */
  network_rules {
    default_action = "Deny"
    ip_rules       = var.allowed_ips
  }

  dynamic "blob_properties" {
    for_each = var.versioning ? [1] : []
    content {
      versioning_enabled = true
    }
  }

  tags = merge(local.tags, { name = "sa" })
}

resource "azurerm_role_definition" "custom" {
  name  = "custom"
  scope = module.network.subscription_id
  permissions { actions = ["*"] }
  assignable_scopes = [
    "/subscriptions/0000",
    module.network.scope,
  ]
  description = <<-EOT
    Custom role for ${local.prefix}.
      Indented line.
    EOT
}
