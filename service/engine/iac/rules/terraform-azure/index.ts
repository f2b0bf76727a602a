// The terraform-azure rules, in an explicit list.
import type { IacRule } from '../../types';
import { terraformAzureRulesA } from './a-index';
import { terraformAzureRulesB } from './b-index';

export const terraformAzureRules: readonly IacRule[] = [...terraformAzureRulesA, ...terraformAzureRulesB];
