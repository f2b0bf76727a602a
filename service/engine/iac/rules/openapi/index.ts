// The openapi rules, in an explicit list.
import type { IacRule } from '../../types';

export const openapiRules: readonly IacRule[] = [];
