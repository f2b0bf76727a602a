// Infrastructure as code: platforms (Terraform, plan JSON, ARM, Bicep, CloudFormation, SAM, Serverless,
// Kubernetes, Helm, Kustomize, Dockerfile, OpenAPI) loaded into five models, and the rules over them.
export { iacRuleFamily } from './family';
export { IAC_SCANNER_NAME, iacScanner, makeIacScanner } from './scanner';
export { iacRuleMeta } from './evaluate';
export { iacRules } from './rules';
export type { IacOptions, IacRule, IacResource, IacModel, IacPlatform } from './types';
