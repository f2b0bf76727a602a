// Generated organizations for the benchmarks that need many repositories on the fake ADO (soak, events):
// fixtures (orgs.json, areas.json, repository folders) written to a folder the fake is started with,
// two planted secrets per repository at known lines. A seeded random source: every run generates the same.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CredentialDef, IdentityDef, OrgDef, ProjectDef, RepoDef } from '../fake-ado/model';
import type { ApiUser } from '../support/api-client';

const REPO_ROOT = join(__dirname, '..', '..');

let seed = 0x5eed;
export const rand = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};
export const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
export const between = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const token = (n: number) => Array.from({ length: n }, () => pick([...BASE62])).join('');
export const uuidOf = (s: string) => {
  const h = createHash('sha1').update(s).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

/** A planted secret: where the scan must find it. */
export interface Expected {
  org: string;
  repo: string;
  path: string;
  line: number;
}

export interface GeneratedOrg {
  name: string;
  pat: string;
  admin: ApiUser;
  repos: { name: string; id: string; projectId: string; folder: string }[];
}

export const filler = (lines: number, tag: string) =>
  Array.from({ length: lines }, (_, i) => `export function ${tag}_${i}(x) { return x * ${i} + ${between(1, 99)}; } // ${token(between(8, 40))}`).join('\n') + '\n';

/**
 * Organizations named and sized by `specs` ([name, repositories]), 50 repositories per project. An
 * organization named like one of the fake's own (contoso, fabrikam) keeps its identities and credentials.
 */
export function generateOrganizations(dir: string, specs: [string, number][], readme: string): { orgs: GeneratedOrg[]; expected: Expected[] } {
  const original = JSON.parse(readFileSync(join(REPO_ROOT, 'test', 'fake-ado', 'fixtures', 'orgs.json'), 'utf8')) as { orgs: OrgDef[] };
  writeFileSync(join(dir, 'areas.json'), readFileSync(join(REPO_ROOT, 'test', 'fake-ado', 'fixtures', 'areas.json')));
  const expected: Expected[] = [];
  const orgs: OrgDef[] = [];
  const generated: GeneratedOrg[] = [];
  for (const [name, count] of specs) {
    const base = original.orgs.find((o) => o.name === name);
    const identities: IdentityDef[] = base?.identities ?? [
      { key: 'scanner', id: uuidOf(`${name}-scanner`), displayName: `${name} scanner`, uniqueName: `scanner@${name}.example`, isAdmin: true },
      { key: 'admin', id: uuidOf(`${name}-admin`), displayName: `${name} admin`, uniqueName: `admin@${name}.example`, isAdmin: true },
    ];
    const credentials: CredentialDef[] = base?.credentials ?? [
      { handle: `${name}-full`, kind: 'pat', token: `vigil-fake-pat-${name}-full-scopes`, identity: 'scanner', scopes: 'all' },
      { handle: `${name}-admin`, kind: 'bearer', token: `vigil-fake-access-token-${name}-admin`, identity: 'admin' },
    ];
    const pat = credentials.find((c) => c.kind === 'pat' && c.scopes === 'all' && !c.revoked)!;
    const bearer = credentials.find((c) => c.kind === 'bearer' && identities.find((i) => i.key === c.identity)?.isAdmin)!;
    const adminIdentity = identities.find((i) => i.key === bearer.identity)!;
    const projects: ProjectDef[] = [];
    const repos: GeneratedOrg['repos'] = [];
    const perProject = 50;
    for (let p = 0; p * perProject < count; p++) {
      const project: ProjectDef = {
        id: uuidOf(`${name}-project-${p}`),
        name: `Project-${p + 1}`,
        visibility: 'private',
        revision: 1,
        lastUpdateTime: '2025-01-01T00:00:00.000Z',
        repos: [],
      };
      for (let r = p * perProject; r < Math.min(count, (p + 1) * perProject); r++) {
        const repoName = `svc-${String(r + 1).padStart(3, '0')}`;
        const repo: RepoDef = { id: uuidOf(`${name}-repo-${r}`), name: repoName, folder: repoName };
        project.repos.push(repo);
        repos.push({ name: repoName, id: repo.id, projectId: project.id, folder: join(dir, 'repos', name, repoName) });
        const root = join(dir, 'repos', name, repoName);
        mkdirSync(join(root, 'src', 'util'), { recursive: true });
        mkdirSync(join(root, 'config'), { recursive: true });
        writeFileSync(join(root, 'README.md'), `# ${repoName}\n\n${readme.repeat(between(5, 60))}\n`);
        // Planted: a GitHub PAT in src/index.js and an npm token in config/settings.js, at known lines.
        const before = between(5, 400);
        writeFileSync(join(root, 'src', 'index.js'), `${filler(before, 'f')}export const GITHUB_TOKEN = "ghp_${token(36)}";\n${filler(between(5, 300), 'g')}`);
        expected.push({ org: name, repo: repoName, path: 'src/index.js', line: before + 1 });
        writeFileSync(join(root, 'config', 'settings.js'), `// settings\nexport const registry = "https://registry.npmjs.org/";\nexport const NPM_TOKEN = "npm_${token(36)}";\n`);
        expected.push({ org: name, repo: repoName, path: 'config/settings.js', line: 3 });
        for (let f = between(0, 6); f > 0; f--) writeFileSync(join(root, 'src', 'util', `u${f}.js`), filler(between(20, 800), `u${f}`));
        if (rand() < 0.1) writeFileSync(join(root, 'src', 'bundle.js'), filler(between(5_000, 12_000), 'bundle'));
        writeFileSync(join(root, 'src', 'churn.js'), '// changed by the benchmark to move the head\n');
      }
      projects.push(project);
    }
    orgs.push({ name, id: base?.id ?? uuidOf(`${name}-org`), deploymentId: base?.deploymentId ?? uuidOf(`${name}-deployment`), identities, credentials, projects });
    generated.push({ name, pat: pat.token, admin: { id: adminIdentity.id, accessToken: bearer.token }, repos });
  }
  writeFileSync(join(dir, 'orgs.json'), JSON.stringify({ orgs }, null, 1));
  return { orgs: generated, expected };
}
