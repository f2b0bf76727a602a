// The aws rules (CloudFormation, SAM and Serverless framework), in an explicit list.
import type { IacRule } from '../../types';
import { apiGatewayRules } from './apigateway';
import { containerRules } from './containers';
import { dataRules } from './data';
import { edgeRules } from './edge';
import { iamRules } from './iam';
import { lambdaRules } from './lambda';
import { networkRules } from './network';
import { s3Rules } from './s3';
import { trailRules } from './trail';

export const awsRules: readonly IacRule[] = [...s3Rules, ...iamRules, ...networkRules, ...dataRules, ...lambdaRules, ...apiGatewayRules, ...trailRules, ...edgeRules, ...containerRules];
