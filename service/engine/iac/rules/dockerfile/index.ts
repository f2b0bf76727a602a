// The dockerfile rules, in an explicit list.
import type { IacRule } from '../../types';

export const dockerfileRules: readonly IacRule[] = [];
