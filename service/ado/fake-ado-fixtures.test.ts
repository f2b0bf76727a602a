// The fake organization's fixtures must say the truth: planted secrets and decoys sit exactly where
// planted.json / decoys.json claim, so recall tests and "never leak" tests can trust them.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadOrgs } from '../../test/fake-ado/model';

const FIXTURES = path.join(__dirname, '../../test/fake-ado/fixtures');

interface Planted {
  org: string;
  project: string;
  repo: string;
  path: string;
  line: number;
  kind: string;
  value: string;
  /** Set when the same value is planted on purpose in a second place (one credential, two locations). */
  reusedFrom?: string;
}
interface Decoy {
  org: string;
  repo: string;
  path: string;
  line: number;
  kind: string;
  text: string;
  note: string;
}

const planted = JSON.parse(readFileSync(path.join(FIXTURES, 'planted.json'), 'utf8')) as Planted[];
const decoys = JSON.parse(readFileSync(path.join(FIXTURES, 'decoys.json'), 'utf8')) as Decoy[];
const orgs = loadOrgs(FIXTURES);

function repoDef(org: string, repo: string) {
  const o = orgs.find((x) => x.name === org);
  const r = o?.projects.flatMap((p) => p.repos.map((rr) => ({ ...rr, project: p.name }))).find((x) => x.name === repo);
  if (!r?.folder) throw new Error(`${org}/${repo} is not a fixture repository with content`);
  return r;
}

function lineOf(org: string, repo: string, file: string, line: number): string {
  const text = readFileSync(path.join(FIXTURES, 'repos', org, repoDef(org, repo).folder!, file), 'utf8');
  return text.split('\n')[line - 1] ?? '';
}

describe('fake-ado fixtures', () => {
  it('plants at least the documented kinds, in scannable repositories of both organizations', () => {
    const kinds = new Set(planted.map((p) => p.kind));
    for (const k of ['aws-access-key-id', 'aws-secret-access-key', 'github-pat', 'azure-storage-account-key', 'slack-bot-token', 'private-key', 'azure-devops-pat']) {
      expect(kinds).toContain(k);
    }
    expect(new Set(planted.map((p) => p.org))).toEqual(new Set(['contoso', 'fabrikam']));
    for (const p of planted) {
      const r = repoDef(p.org, p.repo);
      expect(r.disabled).toBeFalsy();
      expect(r.project).toBe(p.project);
    }
  });

  it.each(planted.map((p) => [`${p.repo}/${p.path}:${p.line} ${p.kind}`, p] as const))('planted %s is where planted.json says', (_n, p) => {
    expect(lineOf(p.org, p.repo, p.path, p.line)).toContain(p.value.split('\n')[0]);
    if (p.value.includes('\n')) {
      const file = readFileSync(path.join(FIXTURES, 'repos', p.org, repoDef(p.org, p.repo).folder!, p.path), 'utf8');
      expect(file).toContain(p.value);
    }
  });

  it('uses distinct, non-example values (except a value deliberately reused in a second place)', () => {
    const values = planted.filter((p) => !p.reusedFrom).map((p) => p.value);
    expect(new Set(values).size).toBe(values.length);
    for (const p of planted.filter((p) => p.reusedFrom)) expect(values).toContain(p.value);
    expect(values).not.toContain('AKIAIOSFODNN7EXAMPLE');
    for (const v of values) expect(v).not.toMatch(/EXAMPLE|xxxx|your-/i);
  });

  it.each(decoys.map((d) => [`${d.repo}/${d.path}:${d.line} ${d.kind}`, d] as const))('decoy %s is where decoys.json says', (_n, d) => {
    expect(lineOf(d.org, d.repo, d.path, d.line)).toContain(d.text);
  });

  it('keeps decoys off the lines that hold planted secrets', () => {
    const plantedLines = new Set(planted.map((p) => `${p.org}/${p.repo}/${p.path}:${p.line}`));
    for (const d of decoys) expect(plantedLines.has(`${d.org}/${d.repo}/${d.path}:${d.line}`)).toBe(false);
  });
});
