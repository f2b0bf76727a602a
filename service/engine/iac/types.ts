// The IaC family's contract: platforms load files into resources of five shared models, and rules
// read those models. A rule is written once per model and runs on every platform that feeds it
// (ARM and Bicep feed 'azure'; CloudFormation, SAM and Serverless feed 'aws'; plain manifests, Helm
// and Kustomize feed 'kubernetes'; .tf and plan JSON feed 'terraform').
import type { IacPlatform } from '../../contract/vocabulary';
import type { RuleMeta } from '../../contract/model';
import type { ProjectFile, ProjectView, Warn } from '../types';
import type { Unknown } from './values';

export type { IacPlatform } from '../../contract/vocabulary';
export type { Unknown } from './values';

/** The models rules are written against. */
export const IAC_MODELS = ['terraform', 'azure', 'aws', 'kubernetes', 'dockerfile', 'openapi'] as const;
export type IacModel = (typeof IAC_MODELS)[number];

export type IacScalar = string | number | boolean | null;
/** What a rule sees: plain JSON-like values, and Unknown where the value cannot be known statically. */
export type IacValue = IacScalar | Unknown | IacValue[] | IacObject;
export interface IacObject {
  [key: string]: IacValue;
}

/** A skip recorded on the resource itself (a Kubernetes `checkov.io/skip1` annotation, say). */
export interface ResourceSkip {
  /** A Vigil rule id or a Checkov id. */
  id: string;
  reason: string;
}

/**
 * One resource, normalised. Attribute paths are dotted, with [n] for list items: `network_rules[0].default_action`.
 * Terraform nested blocks are always lists of objects (as in plan JSON), so `network_rules.default_action`
 * reads every block's value (lookup() fans out over lists).
 */
export interface IacResource {
  model: IacModel;
  /** The input syntax it came from. */
  platform: IacPlatform;
  /** `azurerm_storage_account`, `Microsoft.Storage/storageAccounts`, `AWS::S3::Bucket`, `Deployment`, `dockerfile`, `openapi`. */
  type: string;
  /** Its name in the source: `logs`, the logical id, `metadata.name`. */
  name: string;
  /** What a person reads: `module.net.azurerm_subnet.app`, `Microsoft.Storage/storageAccounts 'logs'`, `Deployment/web (namespace prod)`. */
  address: string;
  /** The file that holds the resource's definition (the template file for Helm, the module's file for Terraform modules). */
  path: string;
  /** Where the resource's block starts and ends in `path`. */
  line: number;
  endLine: number;
  attributes: IacObject;
  /**
   * The line of an attribute path in `path` (or in another file, for attributes a Kustomize patch set),
   * or undefined when the loader does not know it: the evaluator then tries the path's ancestors and
   * falls back to the resource's line.
   */
  lineOf(attributePath: string): { line: number; path?: string } | undefined;
  /** Skips carried by the resource itself; comments inside the block are read by the evaluator. */
  skips?: readonly ResourceSkip[];
  /** Loader-specific facts rules may read: the Terraform provider, module path, Kubernetes namespace... */
  meta?: Record<string, unknown>;
}

/** Resources loaded together (a Terraform root module with its modules, one template, one chart): a rule's context. */
export interface ResourceGroup {
  /** The group's resources, in source order. */
  resources: IacResource[];
}

/** What a rule can see besides the resource it judges. */
export interface RuleContext {
  /** Every resource of the resource's group (other resources a cross-resource rule looks for). */
  readonly resources: readonly IacResource[];
  /** The group's resources of one type. */
  ofType(type: string): readonly IacResource[];
}

export type VerdictOutcome = 'pass' | 'fail' | 'unknown' | 'not-applicable';

/** One rule's judgement of one resource (or of one part of it, e.g. one container). */
export interface Verdict {
  outcome: VerdictOutcome;
  /** The attribute path evaluated (for a missing attribute: the path that should be set). */
  path?: string;
  /** The value found there, when there is one. */
  value?: IacValue;
  /** Overrides the finding's message (the default names the address, path and value). */
  message?: string;
  /** Unknown: why (e.g. "var.tls is not set anywhere"). */
  reason?: string;
}

/** The input syntaxes a rule's examples are written in (one per platform that feeds its model). */
export const IAC_SYNTAXES = [
  'hcl',
  'tfplan',
  'arm',
  'bicep',
  'cfn',
  'sam',
  'serverless',
  'k8s',
  'helm',
  'kustomize',
  'dockerfile',
  'openapi',
] as const;
export type IacSyntax = (typeof IAC_SYNTAXES)[number];

/** An example: one file's text (named by the syntax's default file name), or a small tree. */
export type IacExampleInput = string | { files: Record<string, string> };

export interface IacExampleSet {
  fail: IacExampleInput[];
  pass: IacExampleInput[];
  /** The value the rule reads cannot be known (a variable without a default, a resource attribute). */
  unknown?: IacExampleInput[];
}

export type IacExamples = Partial<Record<IacSyntax, IacExampleSet>>;

/** The one shape of an IaC rule. */
export interface IacRule {
  /** `IAC-TF-AZ-…`, `IAC-TF-AWS-…`, `IAC-TF-GCP-…`, `IAC-AZ-…`, `IAC-AWS-…`, `IAC-K8S-…`, `IAC-DOCKER-…`, `IAC-OPENAPI-…` */
  id: string;
  title: string;
  severity: RuleMeta['severity'];
  /** Default 'high': a static read of a declared value. */
  confidence?: RuleMeta['confidence'];
  description: string;
  remediation: string;
  /** The corrected snippet, in the rule's main syntax. */
  remediationSnippet?: string;
  helpUri?: string;
  /** The equivalent Checkov check id(s) (CKV_AZURE_35): `#checkov:skip=` comments naming one suppress this rule. */
  checkov?: string | readonly string[];
  /** CIS benchmark references, e.g. 'CIS Azure 3.1'. */
  cis?: readonly string[];
  cwe?: readonly string[];
  tags?: readonly string[];
  model: IacModel;
  /** The resource types it judges; ['*'] for every resource of the model. */
  resourceTypes: readonly string[];
  /** Pure: pass, fail, unknown or not-applicable, with the path evaluated. Several verdicts for several parts. */
  check(resource: IacResource, ctx: RuleContext): Verdict | readonly Verdict[];
  examples: IacExamples;
}

/** A file the scanner hands to platform loaders, with its text read once. */
export interface IacFile {
  path: string;
  text: string;
}

/** What a platform loader gets. */
export interface LoadContext {
  /** The whole tree (Terraform modules, Helm charts and Kustomize bases read other files through it). */
  readonly project: Pick<ProjectView, 'has' | 'readText' | 'resolve' | 'files'>;
  /** The candidate IaC files no earlier loader claimed, with the platform detection gave each. */
  readonly files: readonly DetectedFile[];
  /** Text of a tree file, read once per scan (undefined: not in the tree, too large, binary). */
  text(path: string): string | undefined;
  warn: Warn;
}

export interface DetectedFile extends ProjectFile {
  /** What detection found (by path, then by content for .json/.yaml); undefined: none. */
  platform: IacPlatform | undefined;
}

export interface LoadResult {
  groups: ResourceGroup[];
  /** Files this loader consumed, so later loaders do not read them again (a chart's templates, an overlay's bases). */
  claimed?: readonly string[];
}

/** Turns files of one or more platforms into resource groups. Loaders run in the order of platforms.ts. */
export interface PlatformLoader {
  name: string;
  /** The platforms it loads (for the scanner's --platform filter). */
  platforms: readonly IacPlatform[];
  load(ctx: LoadContext): LoadResult | Promise<LoadResult>;
}

export interface IacOptions {
  /** Only these rule ids (the rule examples' replay, the CLI). */
  rules?: readonly string[];
  /** Only these platforms. */
  platforms?: readonly IacPlatform[];
}
