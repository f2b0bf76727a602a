// Part A of the terraform-azure rules: storage, Key Vault, SQL, PostgreSQL/MySQL/MariaDB, Cosmos DB,
// Redis, monitoring, identity, analytics and messaging.
import type { IacRule } from '../../types';
import { analyticsRules } from './a-analytics';
import { cosmosRules, redisRules } from './a-cosmos';
import { databaseRules } from './a-databases';
import { identityRules } from './a-identity';
import { keyVaultRules } from './a-keyvault';
import { messagingRules } from './a-messaging';
import { monitorRules } from './a-monitor';
import { sqlRules } from './a-sql';
import { storageRules } from './a-storage';

export const terraformAzureRulesA: readonly IacRule[] = [
  ...storageRules,
  ...keyVaultRules,
  ...sqlRules,
  ...databaseRules,
  ...cosmosRules,
  ...redisRules,
  ...monitorRules,
  ...identityRules,
  ...analyticsRules,
  ...messagingRules,
];
