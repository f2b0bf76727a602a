// The azure rules, in an explicit list.
import type { IacRule } from '../../types';

export const azureRules: readonly IacRule[] = [];
