// The explicit list of IaC rules, by model and platform. Adding a rule set means adding it here.
import type { IacRule } from './types';

export const iacRules: readonly IacRule[] = [];
