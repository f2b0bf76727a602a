// The kubernetes rules, in an explicit list.
import type { IacRule } from '../../types';
import { containerRules } from './containers';
import { podRules } from './pods';
import { rbacRulesList } from './rbac';
import { securityContextRules } from './security-context';

export const kubernetesRules: readonly IacRule[] = [...securityContextRules, ...containerRules, ...podRules, ...rbacRulesList];
