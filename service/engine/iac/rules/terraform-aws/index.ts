// The terraform-aws rules, in an explicit list.
import type { IacRule } from '../../types';
import { apiGatewayRules } from './apigateway';
import { cloudfrontRules } from './cloudfront';
import { containerRules } from './containers';
import { dataRules } from './data';
import { ec2Rules } from './ec2';
import { elbRules } from './elb';
import { iamRules } from './iam';
import { keysMessagingRules } from './keys-messaging';
import { lambdaRules } from './lambda';
import { logRules } from './logs';
import { miscRules } from './misc';
import { networkRules } from './network';
import { rdsRules } from './rds';
import { s3Rules } from './s3';
import { trailRules } from './trail';

export const terraformAwsRules: readonly IacRule[] = [
  ...s3Rules,
  ...iamRules,
  ...networkRules,
  ...ec2Rules,
  ...rdsRules,
  ...lambdaRules,
  ...apiGatewayRules,
  ...trailRules,
  ...keysMessagingRules,
  ...elbRules,
  ...cloudfrontRules,
  ...containerRules,
  ...dataRules,
  ...miscRules,
  ...logRules,
];
