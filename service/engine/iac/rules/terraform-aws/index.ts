// The terraform-aws rules, in an explicit list.
import type { IacRule } from '../../types';
import { ec2Rules } from './ec2';
import { iamRules } from './iam';
import { lambdaRules } from './lambda';
import { networkRules } from './network';
import { rdsRules } from './rds';
import { s3Rules } from './s3';

export const terraformAwsRules: readonly IacRule[] = [...s3Rules, ...iamRules, ...networkRules, ...ec2Rules, ...rdsRules, ...lambdaRules];
