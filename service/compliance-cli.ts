// `npm run compliance -- --org <url> --from <date> --to <date> --format csv|json`: the auditor's
// pull-request compliance evidence with no service running. The same code as the service end to end: the
// collection job (service/jobs/collect-compliance.ts) reads ADO, the checks judge, the export writes, over
// a throwaway embedded database in a temporary folder (removed on exit) in place of the service's. The PAT
// is read from an environment variable as for `npm run posture`, sealed with a key that lives in this
// process only, and never printed.
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { AdoClient } from './ado/client';
import { EXIT_OK, EXIT_USAGE, printable } from './cli';
import { COMPLIANCE_CHECK_LABELS } from './contract/compliance-api';
import { isCalendarDate } from './contract/vocabulary';
import type { AppContext } from './context';
import { confirmDefaultBranch } from './jobs/discover';
import { collectCompliance } from './jobs/collect-compliance';
import { createLogger } from './log';
import { DEFAULT_PAT_ENV, orgAndPat, UsageError } from './posture-cli';
import { readComplianceSettings, updateComplianceSettings, type ComplianceFilters } from './store/compliance-reads';
import { openStore, type Store } from './store/db';
import { connectOrganization, recordDiscovery } from './store/organizations';
import { syncRepositories, type DiscoveredRepository } from './store/repositories';
import { complianceExportText, ComplianceTally, storedCompliancePullRequests, summaryOf } from './usecases/export-compliance';

export interface ComplianceCliIo {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
  cwd?: string;
  env?: Record<string, string | undefined>;
  signal?: AbortSignal;
}

const USAGE = `Usage: npm run compliance -- --org <url> --from <YYYY-MM-DD> [--to <YYYY-MM-DD>] [options]

Collects every pull request merged into a production branch between --from and --to (each repository's
default branch, plus --branch patterns) with its reviewers and votes, commits, statuses and builds, checks
it for independent approval, SAST, integration tests and dependency checks before merge (and whether the
branch requires an independent approval), and writes the evidence with a summary. No service needed.

Options:
  --org <url>               https://dev.azure.com/{organization} (or an ADO Server collection URL)
  --pat-env <VAR>           the environment variable holding the PAT (default: ${DEFAULT_PAT_ENV}); scopes (read):
                            vso.code, vso.build, vso.project; vso.code_manage for branch policy revisions
  --from <YYYY-MM-DD>       the first day of the period (also the testing start date)
  --to <YYYY-MM-DD>         the last day of the period (default: today, UTC)
  --format <csv|json>       the export (default: csv): pull requests, then the summary sheet
  --branch <pattern>        a production branch besides the default one, e.g. release/* (repeatable)
  --emergency-label <name>  the label that exempts an emergency change (default: emergency)
  --output <file>           write the export to this file instead of standard output
  -h, --help                show this help

Exit codes: 0 written, 2 usage error or the organization could not be read.
`;

export async function runComplianceCli(argv: string[], io: ComplianceCliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: false,
      options: {
        org: { type: 'string' },
        'pat-env': { type: 'string', default: DEFAULT_PAT_ENV },
        from: { type: 'string' },
        to: { type: 'string' },
        format: { type: 'string', default: 'csv' },
        branch: { type: 'string', multiple: true },
        'emergency-label': { type: 'string' },
        output: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    io.stderr.write(`compliance: ${(err as Error).message}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  const o = parsed.values;
  if (o.help) {
    io.stdout.write(USAGE);
    return EXIT_OK;
  }
  let dataDir: string | undefined;
  let store: Store | undefined;
  try {
    if (!o.org) throw new UsageError('--org is required');
    if (!o.from || !isCalendarDate(o.from)) throw new UsageError('--from is required, as YYYY-MM-DD');
    const to = o.to ?? new Date().toISOString().slice(0, 10);
    if (!isCalendarDate(to)) throw new UsageError('--to must be a day as YYYY-MM-DD');
    if (o.from > to) throw new UsageError(`--from (${o.from}) is after --to (${to})`);
    if (o.format !== 'csv' && o.format !== 'json') throw new UsageError('--format must be csv or json');
    const format = o.format;
    const { orgUrl, token } = orgAndPat(o.org, o['pat-env']!, io.env ?? process.env);

    const client = new AdoClient({ orgUrl, credential: { kind: 'pat', token } });
    let who;
    try {
      who = await client.core.connectionData();
    } catch (err) {
      io.stderr.write(`compliance: could not read ${printable(orgUrl)}: ${printable((err as Error).message)}\n`);
      return EXIT_USAGE;
    }

    dataDir = mkdtempSync(path.join(os.tmpdir(), 'vigil-compliance-'));
    store = await openStore({ dataDir });
    const key = randomBytes(32);
    const name = new URL(orgUrl).pathname.split('/').filter(Boolean).pop() ?? orgUrl;
    const org = await connectOrganization(store.db, key, {
      name,
      url: orgUrl,
      instanceId: who.instanceId,
      connectedBy: who.authenticatedUser.id,
      patOwnerId: who.authenticatedUser.id,
      pat: token,
    });
    const repos: DiscoveredRepository[] = [];
    for (const repo of await client.git.listRepositories()) {
      io.signal?.throwIfAborted();
      repos.push(await confirmDefaultBranch(client, repo));
    }
    await syncRepositories(store.db, org.org_id, repos);
    await recordDiscovery(store.db, org.org_id);
    await updateComplianceSettings(
      store.db,
      org.org_id,
      { startDate: o.from, ...(o.branch?.length ? { branchPatterns: o.branch } : {}), ...(o['emergency-label'] ? { emergencyLabel: o['emergency-label'] } : {}) },
      'cli',
    );

    const ctx = {
      store,
      config: { encryptionKey: key },
      log: createLogger('silent'),
      adoClient: (url: string, credential: ConstructorParameters<typeof AdoClient>[0]['credential']) => (url === orgUrl ? client : new AdoClient({ orgUrl: url, credential })),
    } as unknown as Pick<AppContext, 'store' | 'config' | 'log' | 'adoClient'>;
    const run = await collectCompliance(ctx, { orgId: org.org_id, trigger: 'manual' }, io.signal);
    if (run.state !== 'done') {
      io.stderr.write(`compliance: the collection failed: ${printable(run.error ?? run.state)}\n`);
      return EXIT_USAGE;
    }

    const settings = (await readComplianceSettings(store.db, org.org_id))!;
    const filters: ComplianceFilters = { from: o.from, to };
    const header = { organization: orgUrl, filters, settings };
    const tally = new ComplianceTally();
    const counted = async function* () {
      for await (const prs of storedCompliancePullRequests(store!.db, org.org_id, filters)) {
        tally.add(prs);
        yield prs;
      }
    };
    const out = o.output ? createWriteStream(path.resolve(io.cwd ?? process.env.INIT_CWD ?? process.cwd(), o.output)) : undefined;
    for await (const text of complianceExportText(counted(), header, { format })) {
      if (out) {
        if (!out.write(text)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      } else io.stdout.write(text);
    }
    if (out) await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    io.stderr.write(`${summaryLine(summaryOf(header, tally), run.adoRequests ?? 0, run.warnings ?? 0)}\n`);
    return EXIT_OK;
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`compliance: ${err.message}\n\n${USAGE}`);
      return EXIT_USAGE;
    }
    throw err;
  } finally {
    await store?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

function summaryLine(s: ReturnType<typeof summaryOf>, requests: number, warnings: number): string {
  const rates = s.checks.map((c) => `${COMPLIANCE_CHECK_LABELS[c.checkId]} ${c.passRate === null ? '—' : `${Math.floor(c.passRate * 1000) / 10}%`}`).join(' · ');
  return `${s.organization}: ${s.pullRequests} merged pull requests ${s.period.from} to ${s.period.to}, ${s.emergency} emergency · ${rates} · ${requests} ADO requests${warnings ? ` · ${warnings} warnings (some evidence not available)` : ''}`;
}

if (require.main === module) {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  runComplianceCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, signal: controller.signal }).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`compliance: ${(err as Error).message ?? String(err)}\n`);
      process.exitCode = EXIT_USAGE;
    },
  );
}
