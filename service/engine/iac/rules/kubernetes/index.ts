// The kubernetes rules, in an explicit list.
import type { IacRule } from '../../types';
import { clusterRules } from './cluster';
import { containerRules } from './containers';
import { controlPlaneRules } from './control-plane';
import { podSecurityPolicyRules } from './pod-security-policy';
import { podRules } from './pods';
import { rbacRulesList } from './rbac';
import { securityContextRules } from './security-context';

export const kubernetesRules: readonly IacRule[] = [
  ...securityContextRules,
  ...containerRules,
  ...podRules,
  ...rbacRulesList,
  ...clusterRules,
  ...podSecurityPolicyRules,
  ...controlPlaneRules,
];
