// The shapes of the evaluation set: a provider (with its documented token format), a credential
// drawn from it, the syntaxes a credential is written in, and the cases (files) the set consists of.
import type { Rng } from './random';

export type Kind = 'token' | 'url' | 'block';

/** How the credential's variable is called: env style, and as a section/key pair in nested configs. */
export interface Names {
  /** UPPER_SNAKE, e.g. GITHUB_TOKEN. */
  env: string;
  /** PascalCase section of nested configs, e.g. GitHub. */
  section: string;
  /** PascalCase key inside the section, e.g. Token. */
  key: string;
}

/** A value written next to the secret that is not itself the secret (ids, hosts, account names). */
export interface Companion {
  env: string;
  key: string;
  value: string;
  /** The two halves are one credential: a finding on this line counts too (AWS key id, Twilio SID). */
  paired?: boolean;
}

export interface Credential {
  kind: Kind;
  /** The secret as written in a file: a token, a URL or connection string, a PEM block, a JSON key file. */
  value: string;
  /** Which documented shape of the provider's credentials this is. */
  variant: string;
  /** Overrides of the provider's names for this variant. */
  names?: Partial<Names>;
  companions?: Companion[];
  /** For block credentials: what the block is. */
  format?: 'pem' | 'json';
}

/** Wraps text so the generator can find the line(s) it ends up on. */
export interface Marks {
  /** The secret (already escaped for the syntax it is written in). */
  S(text: string): string;
  /** A companion value: marked when it is paired with the secret. */
  P(c: Companion): string;
}

export interface DocNegative {
  what: string;
  value: string;
  /** The syntax it is written in (default env). */
  syntax?: SyntaxId;
  companions?: Companion[];
  kind?: Kind;
  names?: Partial<Names>;
}

export interface Provider {
  id: string;
  name: string;
  /** Where the credential format is documented. */
  docs: string;
  /** The documented format, in words. */
  format: string;
  names: Names;
  /** The documented shapes; syntaxes take them in turn. */
  variants: ReadonlyArray<(r: Rng) => Credential>;
  /** A shell command using the credential (curl to the provider's API, a CLI login, a client). */
  command?: (c: Credential, m: Marks) => string;
  /** The literal prefix of the provider's tokens, for masked and truncated hard negatives. */
  prefix?: string;
  /** A token of the right shape whose checksum is wrong. */
  wrongChecksum?: (r: Rng) => string;
  /** Values the provider documents as public (docs examples, emulator keys, publishable keys). */
  docNegatives?: (r: Rng) => DocNegative[];
  /** Restricts the syntaxes (default: every syntax that can hold the credential's kind). */
  syntaxes?: readonly SyntaxId[];
  /** Package-registry credentials: Maven <server><password>, .npmrc. */
  registry?: 'npm' | 'maven' | 'both';
  /** .npmrc line(s) carrying the credential. */
  npmrc?: (c: Credential, m: Marks) => string;
  /** File name for a bare key file (key-file syntax). */
  keyFile?: string;
}

export const ASSIGNMENT_SYNTAXES = [
  'env', 'json', 'appsettings', 'ipynb', 'json-escaped', 'yaml-k8s', 'yaml-compose', 'yaml-ado', 'yaml-gha', 'yaml-app',
  'xml-webconfig', 'xml-settings', 'xml-spring', 'xml-maven', 'python', 'javascript', 'typescript', 'csharp', 'java',
  'kotlin', 'go', 'go-const', 'php', 'php-var', 'ruby', 'rust', 'groovy', 'makefile', 'shell', 'powershell', 'terraform',
  'tfvars', 'ini', 'properties', 'toml', 'dockerfile', 'markdown-env',
] as const;

export const COMMAND_SYNTAXES = [
  'command', 'markdown', 'gha-run', 'ado-script', 'makefile-recipe', 'dockerfile-run', 'package-json-script', 'powershell-command', 'jenkinsfile-sh',
] as const;

export const SPECIAL_SYNTAXES = ['npmrc', 'key-file'] as const;

export type SyntaxId = (typeof ASSIGNMENT_SYNTAXES)[number] | (typeof COMMAND_SYNTAXES)[number] | (typeof SPECIAL_SYNTAXES)[number];

export const ALL_SYNTAXES: readonly SyntaxId[] = [...ASSIGNMENT_SYNTAXES, ...COMMAND_SYNTAXES, ...SPECIAL_SYNTAXES];

/** A line range (1-based, inclusive) a finding must fall in. */
export interface Span { start: number; end: number }

export interface Case {
  /** Path relative to the set's root, one case per file. */
  path: string;
  content: string;
  /** Provider id, or "general" for the hard negatives that belong to no provider. */
  provider: string;
  syntax: SyntaxId | 'general';
  /** positive: the file holds one planted secret; negative: it holds none. */
  kind: 'positive' | 'negative';
  /** positives: the documented shape; negatives: what kind of hard negative. */
  variant: string;
  /** positives: the secret's value. */
  secret?: string;
  /** positives: where a finding counts as finding the secret. */
  spans: Span[];
}
