// The terraform-gcp rules, in an explicit list.
import type { IacRule } from '../../types';

export const terraformGcpRules: readonly IacRule[] = [];
