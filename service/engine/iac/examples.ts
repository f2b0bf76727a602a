// Rule examples as files: a string example is one file named by its syntax's default file name.
import type { IacExampleInput, IacModel, IacSyntax } from './types';

export const EXAMPLE_FILE: Record<IacSyntax, string> = {
  hcl: 'main.tf',
  tfplan: 'tfplan.json',
  arm: 'azuredeploy.json',
  bicep: 'main.bicep',
  cfn: 'template.yaml',
  sam: 'template.yaml',
  serverless: 'serverless.yml',
  k8s: 'manifest.yaml',
  helm: 'chart/templates/resource.yaml',
  kustomize: 'kustomization.yaml',
  dockerfile: 'Dockerfile',
  openapi: 'openapi.yaml',
};

/** The syntaxes that feed each model: a rule's examples may use only these. */
export const MODEL_SYNTAXES: Record<IacModel, readonly IacSyntax[]> = {
  terraform: ['hcl', 'tfplan'],
  azure: ['arm', 'bicep'],
  aws: ['cfn', 'sam', 'serverless'],
  kubernetes: ['k8s', 'helm', 'kustomize'],
  dockerfile: ['dockerfile'],
  openapi: ['openapi'],
};

/** The files of an example. A Helm example given as one template gets a minimal chart around it. */
export function exampleFiles(syntax: IacSyntax, input: IacExampleInput): Record<string, string> {
  if (typeof input !== 'string') return input.files;
  if (syntax === 'helm') {
    return { 'chart/Chart.yaml': 'apiVersion: v2\nname: example\nversion: 0.1.0\n', 'chart/values.yaml': '{}\n', [EXAMPLE_FILE.helm]: input };
  }
  return { [EXAMPLE_FILE[syntax]]: input };
}
