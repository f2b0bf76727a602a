// The dockerfile rules, in an explicit list.
import type { IacRule } from '../../types';
import { dockerfileRuleList } from './rules';

export const dockerfileRules: readonly IacRule[] = dockerfileRuleList;
