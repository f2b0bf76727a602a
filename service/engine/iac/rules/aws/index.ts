// The aws rules (CloudFormation, SAM and Serverless framework), in an explicit list.
import type { IacRule } from '../../types';
import { apiGatewayRules } from './apigateway';
import { dataRules } from './data';
import { iamRules } from './iam';
import { lambdaRules } from './lambda';
import { networkRules } from './network';
import { s3Rules } from './s3';

export const awsRules: readonly IacRule[] = [...s3Rules, ...iamRules, ...networkRules, ...dataRules, ...lambdaRules, ...apiGatewayRules];
