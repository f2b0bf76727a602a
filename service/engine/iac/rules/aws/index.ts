// The aws rules, in an explicit list.
import type { IacRule } from '../../types';

export const awsRules: readonly IacRule[] = [];
