// The terraform-aws rules, in an explicit list.
import type { IacRule } from '../../types';

export const terraformAwsRules: readonly IacRule[] = [];
