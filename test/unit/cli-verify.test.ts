// `vigil scan --verify`: secrets are checked with their (fake) providers only when asked; the table
// gains a VERIFIED column with verified live secrets first, JSON carries each finding's verification,
// and no output holds a raw value.
import { runCli, type CliEngine } from '../../service/cli';
import { BASE62, randomToken } from '../../service/engine/secrets/examples';
import { SecretVerifier } from '../../service/verify/verifier';
import { startFakeProviders, type FakeProviders } from '../fake-providers/server';
import { fakeProvidersTransport } from '../fake-providers/transport';
import { tempTree } from './engine/helpers';

const live = `ghp_${randomToken('cli-verify-live', BASE62, 36)}`;
const revoked = `ghp_${randomToken('cli-verify-revoked', BASE62, 36)}`;

async function run(argv: string[], cwd: string, engine: CliEngine) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, cwd, env: {} }, engine);
  return { code, stdout, stderr };
}

describe('vigil scan --verify', () => {
  let fake: FakeProviders;
  let tree: ReturnType<typeof tempTree>;
  let engine: CliEngine;
  beforeAll(async () => {
    fake = await startFakeProviders();
    fake.register(live, 'live', { identity: 'octocat' });
    fake.register(revoked, 'revoked');
    // a.js sorts first, so without verification the revoked token comes first in the table.
    tree = tempTree({ 'repo/a.js': `const old = "${revoked}";\n`, 'repo/b.js': `const token = "${live}";\n` });
    engine = { verifier: new SecretVerifier({ transport: fakeProvidersTransport(fake.url), limits: { minIntervalMs: 0 } }) };
  });
  afterAll(async () => {
    tree?.remove();
    await fake?.close();
  });

  it('sends nothing and shows no VERIFIED column without --verify', async () => {
    const r = await run(['repo'], tree.root, engine);
    expect(fake.requests).toEqual([]);
    expect(r.stdout).not.toMatch(/VERIFIED/);
    expect(r.stdout).toMatch(/SEC-GITHUB-PAT +a\.js:1/);
  });

  it('with --verify: a VERIFIED column, verified live secrets first, and a summary of the answers', async () => {
    const r = await run(['repo', '--verify'], tree.root, engine);
    expect(r.code).toBe(0);
    const rows = r.stdout.split('\n').filter((l) => l.includes('SEC-GITHUB-PAT'));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/b\.js:1 .* live \(octocat\)/);
    expect(rows[1]).toMatch(/a\.js:1 .* invalid \(refused by the provider \(HTTP 401\)\)/);
    expect(r.stdout).toMatch(/^SEVERITY .*RULE +LOCATION +TITLE +VERIFIED +PREVIEW$/m);
    expect(r.stdout).toMatch(/secrets checked: 1 live, 1 invalid, 0 unknown/);
    expect(fake.hostsThatSaw(live)).toEqual(['api.github.com']);
    expect(r.stdout + r.stderr).not.toContain(live);
    expect(r.stdout + r.stderr).not.toContain(revoked);
  });

  it('JSON carries each finding verification', async () => {
    const r = await run(['repo', '--verify', '--format', 'json'], tree.root, engine);
    const findings = JSON.parse(r.stdout).findings as { location: { path: string }; verification?: { state: string; provider: string; detail?: string } }[];
    expect(findings.map((f) => [f.location.path, f.verification?.state, f.verification?.provider])).toEqual([
      ['a.js', 'invalid', 'GitHub'],
      ['b.js', 'verified', 'GitHub'],
    ]);
    expect(r.stdout).not.toContain(live);
  });
});
