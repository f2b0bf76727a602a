// Environment -> typed, validated config. A bad value stops start-up with a message naming the variable.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ECOSYSTEMS, type Ecosystem } from './contract/vocabulary';

const GIB = 1024 ** 3;

const positiveInt = z.coerce.number().int().positive();
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** A 32-byte key given as base64 (44 chars) or hex (64 chars). */
const key32 = z.string().transform((v, ctx) => {
  const trimmed = v.trim();
  const buf = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (buf.length !== 32) {
    ctx.addIssue({ code: 'custom', message: 'must be 32 bytes, as base64 (44 chars) or hex (64 chars)' });
    return z.NEVER;
  }
  return buf;
});

/** The Marketplace certificate secret signs app tokens (HS256); short secrets are brute-forceable. */
const appSecret = z.string().min(32, 'must be at least 32 characters (the Marketplace extension certificate)');

/**
 * The `aud` app tokens must carry when VIGIL_APP_TOKEN_AUDIENCE is not set: `<publisher>.<id>` of the
 * release and dev packages (vss-extension.json, configs/release.json, configs/dev.json), which the
 * fake host frame and the test stack put there. Azure DevOps itself is reported to put a GUID of the
 * extension there (docs/ado-platform.md §2.4): a deployment sets that one.
 */
export const DEFAULT_APP_TOKEN_AUDIENCES = ['vigil-security.vigil', 'vigil-security.vigil-dev'];

/** A comma-separated list whose every entry matches `entry`; blanks dropped. */
const list = (entry: RegExp, message: string) =>
  z
    .string()
    .transform((v) => v.split(',').map((x) => x.trim()).filter(Boolean))
    .refine((xs) => xs.every((x) => entry.test(x)), message);

const cronish = z
  .string()
  .regex(/^(\S+\s+){4}\S+$/, 'must be a 5-field cron expression, e.g. "0 */8 * * *"');

/** The advisory sync's ecosystems by default: the eight Vigil extracts (OSV's folder names). */
export const DEFAULT_ADVISORY_ECOSYSTEMS: Ecosystem[] = ['npm', 'PyPI', 'NuGet', 'Maven', 'Go', 'crates.io', 'Packagist', 'RubyGems'];
const onOff = z.enum(['on', 'off', 'true', 'false', '1', '0']).transform((v) => v === 'on' || v === 'true' || v === '1');
const httpUrl = z.url({ protocol: /^https?$/ }).transform((v) => v.replace(/\/+$/, ''));

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  NODE_ENV: z.string().default('development'),
  VIGIL_ROLE: z.enum(['all', 'web', 'worker']).default('all'),
  VIGIL_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  VIGIL_ENCRYPTION_KEY: key32.optional(),
  VIGIL_APP_SECRET: appSecret.optional(),
  VIGIL_APP_SECRET_PREVIOUS: appSecret.optional(),
  VIGIL_APP_TOKEN_ISSUER: z.string().default('app.vstoken.visualstudio.com'),
  VIGIL_APP_TOKEN_AUDIENCE: list(/^[^\s,]{1,200}$/, 'must be comma-separated audiences (the aud of the app tokens)')
    .refine((xs) => xs.length > 0, 'must name at least one audience')
    .default(DEFAULT_APP_TOKEN_AUDIENCES),
  VIGIL_CALLER_CACHE_SECONDS: z.coerce.number().int().min(0).max(300).default(60),
  VIGIL_ADO_BASE_URL: z.url({ protocol: /^https?$/ }).default('https://dev.azure.com'),
  VIGIL_ADO_ALLOWED_HOSTS: list(/^([a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])(:\d{1,5})?$/i, 'must be comma-separated host or host:port entries').default([]),
  VIGIL_ADO_CONNECT_TIMEOUT_MS: positiveInt.max(120_000).default(10_000),
  VIGIL_ENTRA_AUTHORITY: httpUrl.default('https://login.microsoftonline.com'),
  VIGIL_DISCOVERY_CRON: cronish.default('0 */8 * * *'),
  VIGIL_RESCAN_HOURS: positiveInt.default(24),
  // Event-driven scanning (issue 14): where ADO's webhooks reach this service; without it, polling.
  VIGIL_PUBLIC_URL: httpUrl.optional(),
  VIGIL_POLL_MINUTES: positiveInt.max(24 * 60).default(5),
  // The extension as published (publisher.id of vss-extension.json): links into the hub (pipeline uploads).
  VIGIL_EXTENSION_ID: z.string().regex(/^[a-z0-9][\w-]*\.[a-z0-9][\w-]*$/i, 'must be publisher.extension, e.g. vigil-security.vigil').default('vigil-security.vigil'),
  VIGIL_INCREMENTAL_MAX_FILES: positiveInt.default(500),
  // DevOps posture (jobs/assess-posture.ts): assessed at connect, on this schedule ('off': on demand only).
  VIGIL_POSTURE_CRON: z.union([z.literal('off'), cronish]).default('0 */8 * * *'),
  VIGIL_POSTURE_SNAPSHOTS: positiveInt.max(100).default(5),
  VIGIL_POSTURE_CONCURRENCY: positiveInt.max(16).default(4),
  VIGIL_MAX_REPO_BYTES: positiveInt.default(GIB),
  VIGIL_MAX_FILE_BYTES: positiveInt.default(5 * 1024 * 1024),
  VIGIL_MAX_FILES: positiveInt.default(1_000_000),
  VIGIL_MAX_DEPTH: positiveInt.max(10_000).default(200),
  VIGIL_SCAN_CONCURRENCY: positiveInt.max(16).default(2),
  VIGIL_SCAN_ORG_CONCURRENCY: positiveInt.max(64).default(4),
  VIGIL_SCAN_LEASE_SECONDS: positiveInt.min(2).max(3600).default(30),
  VIGIL_SCAN_MAX_INTERRUPTIONS: positiveInt.max(100).default(3),
  VIGIL_SCAN_HEAD_MAX_AGE_SECONDS: z.coerce.number().int().min(0).max(86_400).default(900),
  VIGIL_ADO_BUDGET_REQUESTS: z.coerce.number().int().min(0).max(1_000_000).default(3000),
  VIGIL_ADO_BUDGET_WINDOW_SECONDS: positiveInt.max(3600).default(300),
  VIGIL_ADO_BUDGET_BURST: positiveInt.max(100_000).default(200),
  VIGIL_TMP_DIR: z.string().optional(),
  VIGIL_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  VIGIL_CORS_ORIGINS: list(/^(\*|[a-z][a-z0-9+.-]*:\/\/[^\s,/]+)$/i, 'must be * or comma-separated origins (scheme://host[:port], no path)').default(['*']),
  VIGIL_SERVE_WEB: bool.default(true),
  VIGIL_WEB_DIR: z.string().optional(),
  VIGIL_SHUTDOWN_TIMEOUT_MS: positiveInt.default(30_000),
  VIGIL_QUEUE_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/, 'must be a lower-case SQL identifier').default('pgboss'),
  // Advisories (the OSV mirror) and package metadata (registries): service/deps.
  VIGIL_ADVISORY_CRON: z.union([z.literal('off'), cronish]).default('17 3 * * *'),
  VIGIL_ADVISORY_SYNC_AT_START: bool.optional(),
  VIGIL_OSV_BASE_URL: httpUrl.default('https://osv-vulnerabilities.storage.googleapis.com'),
  VIGIL_ADVISORY_ECOSYSTEMS: list(/^\S+$/, 'must be comma-separated OSV ecosystems')
    .refine((xs) => xs.every((x) => (ECOSYSTEMS as readonly string[]).includes(x) && x !== 'Other'), `must be comma-separated ecosystems among ${ECOSYSTEMS.filter((e) => e !== 'Other').join(', ')}`)
    .default(DEFAULT_ADVISORY_ECOSYSTEMS),
  VIGIL_PACKAGE_METADATA: onOff.default(true),
  VIGIL_PACKAGE_METADATA_TTL_HOURS: positiveInt.max(24 * 365).default(24 * 7),
  VIGIL_PACKAGE_METADATA_TIMEOUT_MS: positiveInt.max(120_000).default(5_000),
  VIGIL_NPM_REGISTRY_URL: httpUrl.default('https://registry.npmjs.org'),
  VIGIL_PYPI_URL: httpUrl.default('https://pypi.org'),
  VIGIL_NUGET_URL: httpUrl.default('https://api.nuget.org'),
  VIGIL_MAVEN_URL: httpUrl.default('https://repo1.maven.org/maven2'),
});

export interface Config {
  port: number;
  host: string;
  production: boolean;
  role: 'all' | 'web' | 'worker';
  dataDir: string;
  databaseUrl?: string;
  encryptionKey: Buffer;
  appSecrets: string[];
  appTokenIssuer: string;
  /** Accepted `aud` of app tokens (any one of them). */
  appTokenAudiences: string[];
  /** How long a resolved caller (user, organization, admin right) is reused; 0: never. */
  callerCacheSeconds: number;
  adoBaseUrl: string;
  /** Hosts (host or host:port, lower case) connect may reach besides Azure DevOps Services and adoBaseUrl; http allowed. */
  adoAllowedHosts: string[];
  /** Per request, when connect verifies a PAT (no retries). */
  adoConnectTimeoutMs: number;
  /** Microsoft Entra ID's sign-in host, where service principals get their tokens (no trailing slash). */
  entraAuthority: string;
  discoveryCron: string;
  rescanHours: number;
  /** The service's public base URL (no trailing slash) for webhook subscriptions; undefined: polling only. */
  publicUrl?: string;
  /** publisher.id of the installed extension, for links into its hubs. */
  extensionId: string;
  /** How often an organization in polling mode has its refs and pull requests polled. */
  pollMinutes: number;
  /** A push changing more files than this gets a full scan instead of an incremental one. */
  incrementalMaxFiles: number;
  posture: {
    /** When every organization's posture is assessed; 'off': at connect and on demand only. */
    cron: string | 'off';
    /** Snapshots kept per organization (the newest). */
    snapshotsKept: number;
    /** ADO requests in flight per collection. */
    concurrency: number;
  };
  maxRepoBytes: number;
  maxFileBytes: number;
  maxFiles: number;
  /** Folder depth below which files are not scanned (counted in the coverage). */
  maxDepth: number;
  scanConcurrency: number;
  /** Scans of one organization running at once, across every worker process (ADO rate limits are per identity). */
  scanOrgConcurrency: number;
  /** A scan's claim lapses this long after its worker last renewed it (every third of it); then it is queued again. */
  scanLeaseSeconds: number;
  /** Interruptions in a row (lapsed leases, unexpected errors) after which a repository is not queued again by itself. */
  scanMaxInterruptions: number;
  /** A scan starts from the branch head its discovery read when it is at most this old; 0: always read again. */
  scanHeadMaxAgeSeconds: number;
  /**
   * The ADO requests each identity may send per organization, shared by every process through the
   * database: `requests` per `windowSeconds`, at most `burst` at once. `requests` 0: no budget.
   */
  adoBudget: { requests: number; windowSeconds: number; burst: number };
  tmpDir?: string;
  logLevel: string;
  corsOrigins: string[] | '*';
  serveWeb: boolean;
  webDir: string;
  shutdownTimeoutMs: number;
  queueSchema: string;
  /** Names of settings that were generated for development because none was given. */
  generated: string[];
  advisories: {
    /** When the OSV mirror syncs; 'off' for an air-gapped install (npm run advisories -- import). */
    cron: string | 'off';
    /** Sync at start-up the ecosystems never synced (default: in production only, so tests never reach OSV). */
    syncAtStart: boolean;
    osvBaseUrl: string;
    ecosystems: Ecosystem[];
  };
  packageMetadata: {
    /** Ask the registries (an unreachable registry only means absent metadata, after timeoutMs). */
    enabled: boolean;
    ttlHours: number;
    timeoutMs: number;
    npmUrl: string;
    pypiUrl: string;
    nugetUrl: string;
    mavenUrl: string;
  };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parse and validate; throws ConfigError whose message names every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const dataDir = path.resolve(e.VIGIL_DATA_DIR);
  const generated: string[] = [];

  let encryptionKey = e.VIGIL_ENCRYPTION_KEY;
  let currentSecret = e.VIGIL_APP_SECRET;
  if (!encryptionKey || !currentSecret) {
    if (production) {
      const missing = [!encryptionKey && 'VIGIL_ENCRYPTION_KEY', !currentSecret && 'VIGIL_APP_SECRET'].filter(Boolean);
      throw new ConfigError(`Invalid configuration:\n${missing.map((m) => `  ${m}: required when NODE_ENV=production`).join('\n')}`);
    }
    const dev = devSecrets(dataDir);
    if (!encryptionKey) {
      encryptionKey = Buffer.from(dev.encryptionKey, 'base64');
      generated.push('VIGIL_ENCRYPTION_KEY');
    }
    if (!currentSecret) {
      currentSecret = dev.appSecret;
      generated.push('VIGIL_APP_SECRET');
    }
  }

  return {
    port: e.PORT,
    host: e.HOST,
    production,
    role: e.VIGIL_ROLE,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    encryptionKey,
    appSecrets: [currentSecret, e.VIGIL_APP_SECRET_PREVIOUS].filter((s): s is string => !!s),
    appTokenIssuer: e.VIGIL_APP_TOKEN_ISSUER,
    appTokenAudiences: e.VIGIL_APP_TOKEN_AUDIENCE,
    callerCacheSeconds: e.VIGIL_CALLER_CACHE_SECONDS,
    adoBaseUrl: e.VIGIL_ADO_BASE_URL.replace(/\/+$/, ''),
    adoAllowedHosts: e.VIGIL_ADO_ALLOWED_HOSTS.map((h) => h.toLowerCase()),
    adoConnectTimeoutMs: e.VIGIL_ADO_CONNECT_TIMEOUT_MS,
    entraAuthority: e.VIGIL_ENTRA_AUTHORITY,
    discoveryCron: e.VIGIL_DISCOVERY_CRON,
    rescanHours: e.VIGIL_RESCAN_HOURS,
    publicUrl: e.VIGIL_PUBLIC_URL,
    extensionId: e.VIGIL_EXTENSION_ID,
    pollMinutes: e.VIGIL_POLL_MINUTES,
    incrementalMaxFiles: e.VIGIL_INCREMENTAL_MAX_FILES,
    posture: { cron: e.VIGIL_POSTURE_CRON, snapshotsKept: e.VIGIL_POSTURE_SNAPSHOTS, concurrency: e.VIGIL_POSTURE_CONCURRENCY },
    maxRepoBytes: e.VIGIL_MAX_REPO_BYTES,
    maxFileBytes: e.VIGIL_MAX_FILE_BYTES,
    maxFiles: e.VIGIL_MAX_FILES,
    maxDepth: e.VIGIL_MAX_DEPTH,
    scanConcurrency: e.VIGIL_SCAN_CONCURRENCY,
    scanOrgConcurrency: e.VIGIL_SCAN_ORG_CONCURRENCY,
    scanLeaseSeconds: e.VIGIL_SCAN_LEASE_SECONDS,
    scanMaxInterruptions: e.VIGIL_SCAN_MAX_INTERRUPTIONS,
    scanHeadMaxAgeSeconds: e.VIGIL_SCAN_HEAD_MAX_AGE_SECONDS,
    adoBudget: { requests: e.VIGIL_ADO_BUDGET_REQUESTS, windowSeconds: e.VIGIL_ADO_BUDGET_WINDOW_SECONDS, burst: e.VIGIL_ADO_BUDGET_BURST },
    tmpDir: e.VIGIL_TMP_DIR,
    logLevel: e.VIGIL_LOG_LEVEL,
    corsOrigins: e.VIGIL_CORS_ORIGINS.includes('*') ? '*' : e.VIGIL_CORS_ORIGINS,
    serveWeb: e.VIGIL_SERVE_WEB,
    webDir: path.resolve(e.VIGIL_WEB_DIR ?? defaultWebDir()),
    shutdownTimeoutMs: e.VIGIL_SHUTDOWN_TIMEOUT_MS,
    queueSchema: e.VIGIL_QUEUE_SCHEMA,
    generated,
    advisories: {
      cron: e.VIGIL_ADVISORY_CRON,
      syncAtStart: e.VIGIL_ADVISORY_SYNC_AT_START ?? (production && e.VIGIL_ADVISORY_CRON !== 'off'),
      osvBaseUrl: e.VIGIL_OSV_BASE_URL,
      ecosystems: e.VIGIL_ADVISORY_ECOSYSTEMS as Ecosystem[],
    },
    packageMetadata: {
      enabled: e.VIGIL_PACKAGE_METADATA,
      ttlHours: e.VIGIL_PACKAGE_METADATA_TTL_HOURS,
      timeoutMs: e.VIGIL_PACKAGE_METADATA_TIMEOUT_MS,
      npmUrl: e.VIGIL_NPM_REGISTRY_URL,
      pypiUrl: e.VIGIL_PYPI_URL,
      nugetUrl: e.VIGIL_NUGET_URL,
      mavenUrl: e.VIGIL_MAVEN_URL,
    },
  };
}

/**
 * Development only: keys generated once and kept in the data dir so that a restart can still
 * decrypt the stored credentials. Production must pass them in the environment.
 */
function devSecrets(dataDir: string): { encryptionKey: string; appSecret: string } {
  const file = path.join(dataDir, 'dev-secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  mkdirSync(dataDir, { recursive: true });
  const secrets = {
    encryptionKey: randomBytes(32).toString('base64'),
    appSecret: randomBytes(32).toString('base64url'),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/** dist/web beside the compiled service, or the build output when running from source (tsx). */
function defaultWebDir(): string {
  const compiled = __dirname.split(path.sep).includes('dist');
  return path.resolve(__dirname, compiled ? '../web' : '../dist/web');
}
