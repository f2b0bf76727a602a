// Code scanning end to end: the service scans the fake organization (payments-api in Python with
// Flask, Django and FastAPI modules, web-storefront in JavaScript and TypeScript with Express routes,
// browser scripts and a React component, billing-dotnet in C# with ASP.NET Core MVC) and the API gives
// exactly the planted vulnerabilities (test/fake-ado/fixtures/planted-code.json): each at its sink's
// line, taint findings with their flow from source to sink, upstream ids for Bandit, ESLint and
// Security Code Scan tests; decoys (parameterised queries, sanitised flows, constants) give nothing,
// and vendored, minified and generated files are skipped and counted.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { findingDtoSchema, pagedSchema, repositoryDtoSchema, type FindingDto, type RepositoryDto } from '../../service/contract/api';
import { codeRules } from '../../service/engine/code';
import type { CodeLanguage } from '../../service/engine/code';
import { startStack, type Stack } from '../support/stack';
import { conforming, contractApi } from './contract';

interface PlantedCode {
  repo: string;
  path: string;
  /** The sink's line (where the finding is reported). */
  line: number;
  ruleId: string;
  /** Suppressed in the file with `vigil:ignore RULE reason`: reported in state 'suppressed' with this reason. */
  suppressed?: string;
  /** Why it is planted (for a reader; not compared). */
  note?: string;
}

interface PlantedCodeFile {
  planted: PlantedCode[];
  /** Places that must give no finding of the rule named (they stand next to planted ones of that rule). */
  decoys: (PlantedCode & { note: string })[];
  /**
   * False positives of a rule, known and reported to its owner: tolerated (reported or not) until the
   * rule is fixed, so that the rest of the set stays exact. Each says why it is wrong.
   */
  knownFalsePositives?: (PlantedCode & { note: string })[];
}

const FIXTURES = path.join(__dirname, '../fake-ado/fixtures');
const { planted, decoys, knownFalsePositives = [] } = JSON.parse(readFileSync(path.join(FIXTURES, 'planted-code.json'), 'utf8')) as PlantedCodeFile;
const ruleById = new Map(codeRules.map((r) => [r.id, r]));
const fixtureFile = (repo: string, file: string) => path.join(FIXTURES, 'repos/contoso', repo, file);
const SCANNERS: Record<CodeLanguage, string> = { python: 'code-python', javascript: 'code-javascript', csharp: 'code-csharp' };
const REPO_LANGUAGE: Record<string, CodeLanguage> = { 'payments-api': 'python', 'web-storefront': 'javascript', 'billing-dotnet': 'csharp' };

/** `repo path:line RULE [suppressed: reason]`: one line a person can read in a diff. */
const keyOf = (p: Pick<PlantedCode, 'repo' | 'path' | 'line' | 'ruleId' | 'suppressed'>) =>
  `${p.repo} ${p.path}:${p.line} ${p.ruleId}${p.suppressed ? ` [suppressed: ${p.suppressed}]` : ''}`;
const findingKey = (f: FindingDto) =>
  f.location.kind === 'file'
    ? keyOf({ repo: f.repositoryName ?? '?', path: f.location.path, line: f.location.line, ruleId: f.ruleId, suppressed: f.state === 'suppressed' ? (f.suppression?.reason ?? '?') : undefined })
    : `${f.repositoryName} not a file location: ${f.ruleId} ${f.locationText}`;
/** The place and rule only (decoys and known false positives are about a place, whatever its state). */
const placeKey = (p: Pick<PlantedCode, 'repo' | 'path' | 'line' | 'ruleId'>) => keyOf({ ...p, suppressed: undefined });
const findingPlace = (f: FindingDto) => (f.location.kind === 'file' ? placeKey({ repo: f.repositoryName ?? '?', path: f.location.path, line: f.location.line, ruleId: f.ruleId }) : findingKey(f));

/** Missing, unexpected and doubled keys, or '' when the sets are equal. */
function setDiff(expected: readonly string[], actual: readonly string[]): string {
  const want = new Set(expected);
  const got = new Set(actual);
  const missing = [...want].filter((k) => !got.has(k)).sort();
  const unexpected = [...got].filter((k) => !want.has(k)).sort();
  const twice = [...new Set(actual.filter((k, i) => actual.indexOf(k) !== i))];
  const block = (title: string, keys: string[]) => (keys.length ? [`${title} (${keys.length}):`, ...keys.map((k) => `  ${k}`)] : []);
  return [...block('missing', missing), ...block('unexpected', unexpected), ...block('reported twice', twice)].join('\n');
}

describe('code scanning through the service', () => {
  let stack: Stack;
  let api: ReturnType<typeof contractApi>;
  let repos: Record<string, RepositoryDto>;
  /** Every code finding of the organization, open and suppressed. */
  let all: FindingDto[];

  const findingsPage = pagedSchema(findingDtoSchema);
  const everyPage = async (query: string): Promise<FindingDto[]> => {
    const out: FindingDto[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 50; page++) {
      const body = (await api.ok(findingsPage, stack.users.admin, 'GET', `/api/v1/findings?${query}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)).body;
      out.push(...body.items);
      if (!body.nextCursor) {
        expect(out).toHaveLength(body.total);
        return out;
      }
      cursor = body.nextCursor;
    }
    throw new Error(`more than 50 pages of ${query}`);
  };

  beforeAll(async () => {
    stack = await startStack();
    api = contractApi(stack);
    // connectAndScan's own wait is a minute; three languages' scans of the organization may take longer on a busy machine.
    const connect = await stack.api(stack.users.admin, 'POST', '/api/v1/organization/connect', { organizationUrl: stack.org.url, pat: stack.fakeAdo.pats.full });
    expect(connect.status).toBe(201);
    const list = conforming(z.array(repositoryDtoSchema), await stack.waitForScans('contoso', 240_000), 'repositories');
    repos = Object.fromEntries(list.map((r) => [r.name, r]));
    all = await everyPage('category=code&state=open,suppressed');
  }, 360_000);
  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  test('the planted set is reviewed: real rules of the file\'s language, real lines, once each', () => {
    expect(planted.length).toBeGreaterThan(60);
    const problems: string[] = [];
    for (const p of [...planted, ...decoys, ...knownFalsePositives]) {
      const rule = ruleById.get(p.ruleId);
      if (!rule) problems.push(`${keyOf(p)}: no such rule`);
      else if (rule.language !== REPO_LANGUAGE[p.repo]) problems.push(`${keyOf(p)}: a ${rule.language} rule in ${p.repo}`);
      const file = fixtureFile(p.repo, p.path);
      if (!existsSync(file) || readFileSync(file, 'utf8').split('\n').length < p.line) problems.push(`${keyOf(p)}: no such line`);
    }
    const keys = planted.map(keyOf);
    for (const k of keys.filter((k, i) => keys.indexOf(k) !== i)) problems.push(`${k}: planted twice`);
    for (const fp of knownFalsePositives) if (planted.some((p) => placeKey(p) === placeKey(fp))) problems.push(`${placeKey(fp)}: planted and a known false positive`);
    // A decoy stands next to a planted finding of the same rule (so the rule did run), never on a planted place of its rule.
    for (const d of decoys) {
      if (!planted.some((p) => p.ruleId === d.ruleId)) problems.push(`decoy ${keyOf(d)}: no planted finding of its rule`);
      if (planted.some((p) => placeKey(p) === placeKey(d))) problems.push(`decoy ${keyOf(d)}: also planted`);
    }
    expect(problems).toEqual([]);
    // Each language has taint findings and findings of an upstream tool's test.
    for (const language of ['python', 'javascript', 'csharp'] as const) {
      const rules = planted.map((p) => ruleById.get(p.ruleId)).filter((r) => r?.language === language);
      expect({ language, taint: rules.some((r) => r?.taint), upstream: rules.some((r) => r?.upstream) }).toEqual({ language, taint: true, upstream: true });
    }
  });

  test('the code findings of the organization are exactly the planted set, open or suppressed as the files say', () => {
    const tolerated = new Set(knownFalsePositives.map(placeKey));
    const diff = setDiff(planted.map(keyOf), all.filter((f) => !tolerated.has(findingPlace(f))).map(findingKey));
    expect(diff ? `code findings of the organization against planted-code.json:\n${diff}` : '').toBe('');
    for (const f of all) expect({ id: f.id, category: f.category }).toEqual({ id: f.id, category: 'code' });
    // vigil:ignore is honoured (one per language that has it); # nosec and the repository's .bandit are not.
    const suppressed = all.filter((f) => f.state === 'suppressed');
    expect(suppressed.map((f) => f.suppression?.kind)).toEqual(planted.filter((p) => p.suppressed).map(() => 'inline'));
    expect(all.filter((f) => f.state !== 'suppressed').every((f) => f.state === 'open')).toBe(true);
  });

  test('decoys: parameterised queries, sanitised flows and constants give no finding of the rule next to them', () => {
    expect(decoys.length).toBeGreaterThan(20);
    const found = new Set(all.map(findingPlace));
    expect(decoys.filter((d) => found.has(placeKey(d))).map((d) => `${keyOf(d)}: ${d.note}`)).toEqual([]);
  });

  test('findings carry their language, the upstream test they match, the flow of taint rules, the rule\'s facts and a link to the line', () => {
    expect(all.length).toBeGreaterThan(0);
    for (const f of all) {
      const rule = ruleById.get(f.ruleId)!;
      expect(f.location.kind).toBe('file');
      if (f.location.kind !== 'file') continue;
      expect({ key: findingKey(f), language: f.code?.language, upstream: f.code?.upstream }).toEqual({
        key: findingKey(f),
        language: rule.language,
        upstream: rule.upstream ? { type: rule.upstream.type, id: rule.upstream.id } : undefined,
      });
      expect(f).toMatchObject({ title: rule.title, remediation: rule.remediation, cwe: rule.cwe });
      if (rule.taint) {
        // Source first, sink last: the sink is the finding's own place, the source at or before it.
        const flow = f.code?.flow ?? [];
        expect({ key: findingKey(f), steps: flow.length >= 2 }).toEqual({ key: findingKey(f), steps: true });
        const [source, sink] = [flow[0], flow[flow.length - 1]];
        expect({ key: findingKey(f), sinkLine: sink?.line, sourceBeforeSink: source.line <= sink.line && !source.path }).toEqual({
          key: findingKey(f),
          sinkLine: f.location.line,
          sourceBeforeSink: true,
        });
        for (const step of flow) expect(step.label.length).toBeGreaterThan(0);
      } else {
        expect({ key: findingKey(f), flow: f.code?.flow }).toEqual({ key: findingKey(f), flow: undefined });
      }
      expect(f.locationText).toBe(`${f.location.path}:${f.location.line}`);
      const link = new URL(f.webUrl!);
      expect([link.searchParams.get('path'), link.searchParams.get('line')]).toEqual([`/${f.location.path}`, String(f.location.line)]);
    }
    // Bandit's, ESLint's and Security Code Scan's tests each appear with their ids.
    expect(new Set(all.map((f) => f.code?.upstream?.type).filter(Boolean))).toEqual(new Set(['bandit', 'eslint', 'scs']));
  });

  test('one taint finding in full: GET /findings/{id} names the source line in its message and gives the same flow', async () => {
    const taint = all.filter((f) => ruleById.get(f.ruleId)?.taint);
    for (const language of ['python', 'javascript', 'csharp'] as const) {
      const f = taint.find((x) => x.code?.language === language);
      if (!f) throw new Error(`no taint finding in ${language}`);
      const one = await api.ok(findingDtoSchema, stack.users.admin, 'GET', `/api/v1/findings/${f.id}`);
      expect(one.body).toMatchObject({ id: f.id, ruleId: f.ruleId, location: f.location, code: f.code });
      expect(one.body.message).toContain(`line ${f.code!.flow![0].line}`);
    }
  });

  test("the scans' figures: each language's scanner ran where its files are, and skipped vendored, minified and generated files", () => {
    const run = (repo: string, scanner: string) => repos[repo]?.lastScan?.scanners.find((s) => s.scanner === scanner);
    for (const [repo, language] of Object.entries(REPO_LANGUAGE)) {
      const scanner = SCANNERS[language];
      expect({ repo, state: repos[repo]?.lastScan?.state, run: run(repo, scanner) }).toMatchObject({
        repo,
        state: 'done',
        run: { status: 'ran', category: 'code', findings: all.filter((f) => f.repositoryName === repo).length },
      });
      expect(run(repo, scanner)!.filesScanned).toBeGreaterThanOrEqual(new Set(planted.filter((p) => p.repo === repo).map((p) => p.path)).size);
      expect(run(repo, scanner)!.rulesRun).toBeGreaterThan(10);
    }
    // web-storefront carries node_modules/left-pad (with an eval) and a minified vendor script (innerHTML, eval).
    expect(run('web-storefront', 'code-javascript')!.filesSkipped).toMatchObject({ vendored: 1, minified: 1 });
    // billing-dotnet carries a generated Resources.Designer.cs (with MD5).
    expect(run('billing-dotnet', 'code-csharp')!.filesSkipped).toMatchObject({ generated: 1 });
    expect(all.filter((f) => f.location.kind === 'file' && /node_modules\/|\.min\.js$|\.Designer\.cs$/.test(f.location.path))).toEqual([]);
    // orders-service's minimal API (Json.NET with default settings) ran clean; no scanner failed anywhere.
    expect(run('orders-service', 'code-csharp')).toMatchObject({ status: 'ran', findings: 0 });
    for (const r of Object.values(repos).filter((x) => x.lastScan)) {
      for (const scanner of Object.values(SCANNERS)) expect({ repo: r.name, scanner, failed: run(r.name, scanner)?.status === 'failed' }).toEqual({ repo: r.name, scanner, failed: false });
    }
  });
});
