// The explicit list of IaC rules, by model and platform. Adding a rule set means adding it here.
import { awsRules } from './rules/aws';
import { azureRules } from './rules/azure';
import { dockerfileRules } from './rules/dockerfile';
import { kubernetesRules } from './rules/kubernetes';
import { openapiRules } from './rules/openapi';
import { terraformAwsRules } from './rules/terraform-aws';
import { terraformAzureRules } from './rules/terraform-azure';
import { terraformGcpRules } from './rules/terraform-gcp';
import type { IacRule } from './types';

export const iacRules: readonly IacRule[] = [
  ...terraformAzureRules,
  ...terraformAwsRules,
  ...terraformGcpRules,
  ...azureRules,
  ...awsRules,
  ...kubernetesRules,
  ...dockerfileRules,
  ...openapiRules,
];
