// Which IaC platform a file is: by path where the path says it, else by a cheap test of the content
// (a .json or .yaml file that is none of them costs a few indexOf calls on its first bytes).
import type { IacPlatform } from './types';

const base = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

const YAML_OR_JSON = /\.(?:ya?ml|json|template)$/i;
const DOCKERFILE = /^(?:dockerfile|containerfile)(?:[._-][\w.-]*)?$|\.(?:dockerfile|containerfile)$/i;
const KUSTOMIZATION = /^(?:kustomization\.ya?ml|Kustomization)$/;
const SERVERLESS = /^serverless\.(?:ya?ml|json)$/i;
/** Files the IaC scanner never needs (lockfiles, manifests of package managers, editor settings). */
const NOT_IAC = /^(?:package(?:-lock)?\.json|composer\.(?:json|lock)|tsconfig.*\.json|jsconfig\.json|\.eslintrc.*|\.prettierrc.*|pnpm-lock\.yaml|yarn\.lock|bun\.lock|packages\.lock\.json|project\.assets\.json|.*\.deps\.json|\.?renovate\.json|\.vigil\.yml|azure-pipelines.*\.ya?ml|\.gitlab-ci\.yml|appsettings.*\.json|launchSettings\.json)$/i;

/** The path alone decides (or says "look at the content"). */
export function platformByPath(path: string): IacPlatform | 'content' | undefined {
  const name = base(path);
  if (/\.tf$|\.tfvars$|\.tf\.json$|\.tfvars\.json$/i.test(name)) return 'terraform';
  if (/\.bicep(?:param)?$/i.test(name)) return 'bicep';
  if (DOCKERFILE.test(name)) return 'dockerfile';
  if (KUSTOMIZATION.test(name)) return 'kustomize';
  if (name === 'Chart.yaml') return 'helm';
  if (NOT_IAC.test(name) || path.includes('/.github/') || path.startsWith('.github/')) return undefined;
  if (YAML_OR_JSON.test(name)) return 'content';
  return undefined;
}

/** Whether the IaC scanner wants the file at all (the engine's cheap path test). */
export function wantsIacPath(path: string): boolean {
  return platformByPath(path) !== undefined;
}

/** How much of a file the content test reads. */
const HEAD = 64 * 1024;

/**
 * The platform of a .json/.yaml file by its content, or undefined. Helm templates are recognised
 * by the chart folder (the scanner does that), not here.
 */
export function platformByContent(path: string, text: string): IacPlatform | undefined {
  const head = text.length > HEAD ? text.slice(0, HEAD) : text;
  const name = base(path);
  const json = /^\s*[{[]/.test(head);
  if (json) {
    if (/"\$schema"\s*:\s*"[^"]*deploymentTemplate\.json/i.test(head)) return 'arm';
    if (/"format_version"/.test(head) && /"(?:planned_values|resource_changes|terraform_version)"/.test(text)) return 'terraform-plan';
    if (/"Transform"\s*:\s*(?:\[\s*)?"AWS::Serverless/.test(head)) return 'sam';
    if (/"AWSTemplateFormatVersion"/.test(head) || (/"Resources"\s*:/.test(head) && /"Type"\s*:\s*"AWS::/.test(head))) return 'cloudformation';
    if (/"(?:openapi)"\s*:\s*"3\.|"swagger"\s*:\s*"2\.0"/.test(head)) return 'openapi';
    if (SERVERLESS.test(name) && /"provider"\s*:/.test(head)) return 'serverless';
    if (/"apiVersion"\s*:/.test(head) && /"kind"\s*:/.test(head)) return 'kubernetes';
    return undefined;
  }
  if (SERVERLESS.test(name) && /^provider\s*:/m.test(head)) return 'serverless';
  if (/^Transform\s*:\s*(?:\[\s*)?['"]?AWS::Serverless|^Transform\s*:\s*\n\s*-\s*['"]?AWS::Serverless/m.test(head)) return 'sam';
  if (/^AWSTemplateFormatVersion\s*:/m.test(head) || (/^Resources\s*:/m.test(head) && /^\s+Type\s*:\s*['"]?AWS::/m.test(head))) return 'cloudformation';
  if (/^(?:openapi\s*:\s*['"]?3\.|swagger\s*:\s*['"]?2\.0)/m.test(head)) return 'openapi';
  if (/^apiVersion\s*:/m.test(head) && /^kind\s*:/m.test(head)) return 'kubernetes';
  return undefined;
}
