// The explicit list of secret rule modules. A unit test checks every file in this folder is
// listed here and that rule ids are unique.
import type { SecretRule } from '../rule';
import * as ai from './ai';
import * as atlassian from './atlassian';
import * as aws from './aws';
import * as azureDevops from './azure-devops';
import * as azureEntra from './azure-entra';
import * as azureServices from './azure-services';
import * as azureStorage from './azure-storage';
import * as cloud from './cloud';
import * as databases from './databases';
import * as devtools from './devtools';
import * as dotenv from './dotenv';
import * as gcp from './gcp';
import * as generic from './generic';
import * as github from './github';
import * as gitlab from './gitlab';
import * as hashicorp from './hashicorp';
import * as jwt from './jwt';
import * as kubernetes from './kubernetes';
import * as messaging from './messaging';
import * as payments from './payments';
import * as privateKeys from './private-keys';
import * as registries from './registries';
import * as saas from './saas';
import * as slack from './slack';
import * as urls from './urls';

/** Module name (file name without .ts) -> its rules. Order matters only for ties. */
export const RULE_MODULES: Record<string, readonly SecretRule[]> = {
  'azure-devops': azureDevops.rules,
  'azure-storage': azureStorage.rules,
  'azure-entra': azureEntra.rules,
  'azure-services': azureServices.rules,
  aws: aws.rules,
  gcp: gcp.rules,
  github: github.rules,
  gitlab: gitlab.rules,
  atlassian: atlassian.rules,
  slack: slack.rules,
  payments: payments.rules,
  messaging: messaging.rules,
  saas: saas.rules,
  registries: registries.rules,
  hashicorp: hashicorp.rules,
  ai: ai.rules,
  cloud: cloud.rules,
  devtools: devtools.rules,
  'private-keys': privateKeys.rules,
  jwt: jwt.rules,
  databases: databases.rules,
  urls: urls.rules,
  kubernetes: kubernetes.rules,
  dotenv: dotenv.rules,
  generic: generic.rules,
};

/** Files in rules/ that hold helpers, not rules. */
export const NON_RULE_FILES = ['index', 'helpers', 'ado-checksum'];

export const SECRET_RULES: readonly SecretRule[] = Object.values(RULE_MODULES).flat();
