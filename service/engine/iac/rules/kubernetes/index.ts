// The kubernetes rules, in an explicit list.
import type { IacRule } from '../../types';

export const kubernetesRules: readonly IacRule[] = [];
