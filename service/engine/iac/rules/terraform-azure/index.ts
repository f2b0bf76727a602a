// The terraform-azure rules, in an explicit list.
import type { IacRule } from '../../types';

export const terraformAzureRules: readonly IacRule[] = [];
