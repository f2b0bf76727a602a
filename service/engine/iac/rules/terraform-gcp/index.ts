// The terraform-gcp rules, in an explicit list.
import type { IacRule } from '../../types';
import { computeRules } from './compute';
import { dataRules } from './data';
import { gkeRules } from './gke';
import { iamRules } from './iam';
import { networkRules } from './network';
import { sqlRules } from './sql';
import { storageRules } from './storage';

export const terraformGcpRules: readonly IacRule[] = [...storageRules, ...sqlRules, ...computeRules, ...networkRules, ...gkeRules, ...dataRules, ...iamRules];
