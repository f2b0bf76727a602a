// The openapi rules, in an explicit list.
import type { IacRule } from '../../types';
import { openapiRuleList } from './rules';

export const openapiRules: readonly IacRule[] = openapiRuleList;
