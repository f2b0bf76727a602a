// The terraform-aws rules, in an explicit list.
import type { IacRule } from '../../types';
import { iamRules } from './iam';
import { s3Rules } from './s3';

export const terraformAwsRules: readonly IacRule[] = [...s3Rules, ...iamRules];
