// The shape of a secret verifier: per provider, the one host it talks to, the rules whose secrets it
// checks, the harmless "who am I" request it sends and how it reads the answer. Verifiers are data
// and pure functions; the I/O (one transport), the limits and the bookkeeping are verifier.ts's.

/** A secret to check, as the scanner handed it out (engine/secrets/scanner.ts FoundSecret). */
export interface SecretToVerify {
  ruleId: string;
  value: string;
  /** The raw paired identifier (an AWS access key id, a Twilio account SID), when the finding has one. */
  paired?: string;
}

/** What a scan knows that a verifier may need. Never from a repository's content. */
export interface VerifyContext {
  /**
   * The Azure DevOps Services organization being scanned (dev.azure.com/{name}), when the scan is of
   * one: an Azure DevOps PAT found in its code is checked against it. Absent in the CLI and for
   * Azure DevOps Server collections.
   */
  adoOrganization?: string;
}

/** The request a verifier asks for, on its own host only. */
export interface ProviderRequest {
  method: 'GET' | 'POST';
  /** Path and query on the verifier's host, starting with one '/'. Never holds the secret. */
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** The provider's answer: status, headers (lower-case names) and the start of the body. */
export interface ProviderAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type Verdict =
  /** The secret works. `detail`: who it belongs to, when harmless to show (a login, an account, a team). */
  | { state: 'verified'; detail?: string }
  /** The provider refused it as documented (revoked, expired, never valid). */
  | { state: 'invalid'; detail: string }
  /** No answer worth trusting, and why. */
  | { state: 'unknown'; detail: string };

export interface Verifier {
  /** Shown beside the answer: "GitHub". */
  provider: string;
  /**
   * The one host it talks to, over HTTPS on port 443. A constant: never read from a repository, a
   * setting or an answer, so a secret can only ever go to its provider.
   */
  host: string;
  /** The rules whose findings it checks (their ids must exist: verify.test.ts checks). */
  ruleIds: readonly string[];
  /** Where the provider documents the endpoint and its answers. */
  docs: string;
  /** The request, or why this secret cannot be checked (a refresh token, no key id beside it). */
  request(secret: SecretToVerify, ctx: VerifyContext, now: Date): ProviderRequest | { cannot: string };
  /**
   * The provider's answer in words. Called for every status but 429, 5xx and redirects, which are
   * unknown for every provider (the runner says so).
   */
  read(answer: ProviderAnswer, secret: SecretToVerify): Verdict;
}

/**
 * Sends one request to `host` (always a verifier's own host) and reads the answer. The default is
 * HTTPS (transport.ts); tests inject one that reaches the fake providers.
 */
export type VerifyTransport = (host: string, request: ProviderRequest, signal: AbortSignal) => Promise<ProviderAnswer>;
