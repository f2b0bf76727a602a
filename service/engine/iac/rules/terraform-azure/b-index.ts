// Part B of the terraform-azure rules: App Service and Functions, AKS, networking, Container
// Registry, compute and disks, and the smaller PaaS services.
import type { IacRule } from '../../types';
import { acrRules } from './b-acr';
import { aksRules } from './b-aks';
import { appServiceRules } from './b-appservice';
import { computeRules } from './b-compute';
import { miscRules } from './b-misc';
import { networkRules } from './b-network';

export const terraformAzureRulesB: readonly IacRule[] = [...appServiceRules, ...aksRules, ...networkRules, ...acrRules, ...computeRules, ...miscRules];
