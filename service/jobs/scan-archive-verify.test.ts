// scanArchive with verification on: the secrets found in the zip are checked with their (fake)
// providers after the scan, suppressed ones are not, and without `verify` nothing is sent.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ZipFile } from 'yazl';
import { BASE62, randomToken } from '../engine/secrets/examples';
import { startFakeProviders, type FakeProviders } from '../../test/fake-providers/server';
import { fakeProvidersTransport } from '../../test/fake-providers/transport';
import { SecretVerifier } from '../verify/verifier';
import { scanArchive, type ArchiveScanSettings } from './scan-archive';

const live = `ghp_${randomToken('verify-archive-live', BASE62, 36)}`;
const revoked = `ghp_${randomToken('verify-archive-revoked', BASE62, 36)}`;
const ignored = `ghp_${randomToken('verify-archive-ignored', BASE62, 36)}`;

let tmp: string;
let fake: FakeProviders;
beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-scan-verify-test-'));
  fake = await startFakeProviders();
  fake.register(live, 'live', { identity: 'octocat' });
  fake.register(revoked, 'revoked');
  fake.register(ignored, 'live');
});
afterAll(async () => {
  fs.rmSync(tmp, { recursive: true, force: true });
  await fake?.close();
});

async function makeZip(entries: { name: string; content: string }[]): Promise<string> {
  const zip = new ZipFile();
  for (const e of entries) zip.addBuffer(Buffer.from(e.content), e.name, { mtime: new Date('2025-01-01T00:00:00Z') });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  const file = path.join(tmp, `repo-${chunks.length}-${Date.now()}.zip`);
  fs.writeFileSync(file, Buffer.concat(chunks));
  return file;
}

const settings = (over: Partial<ArchiveScanSettings> = {}): ArchiveScanSettings => ({
  salt: 'test',
  maxFileBytes: 5 * 1024 * 1024,
  maxFiles: 1_000_000,
  maxInflatedBytes: 80_000_000,
  ...over,
});

describe('scanArchive with verification', () => {
  let zip: string;
  beforeAll(async () => {
    zip = await makeZip([
      { name: 'repo/src/a.js', content: `const token = "${live}";\n` },
      { name: 'repo/src/b.js', content: `const again = "${live}";\nconst old = "${revoked}";\n` },
      { name: 'repo/test/c.js', content: `const t = "${ignored}"; // vigil:ignore test fixture\n` },
    ]);
  });

  it('puts each provider answer on the findings, checks each secret once, and skips suppressed ones', async () => {
    const before = fake.requests.length;
    const verifier = new SecretVerifier({ transport: fakeProvidersTransport(fake.url), limits: { minIntervalMs: 0 } });
    const result = await scanArchive(zip, settings({ verify: { verifier, context: {} } }));
    const byPath = result.findings.map((f) => [(f.location as { path: string }).path, f.verification?.state ?? 'none', f.verification?.detail ?? '']);
    expect(byPath).toEqual([
      ['repo/src/a.js', 'verified', 'octocat'],
      ['repo/src/b.js', 'verified', 'octocat'],
      ['repo/src/b.js', 'invalid', 'refused by the provider (HTTP 401)'],
      ['repo/test/c.js', 'none', ''],
    ]);
    expect(result.verification).toEqual({ verified: 1, invalid: 1, unknown: 0 });
    expect(fake.requests.length - before).toBe(2);
    expect(fake.hostsThatSaw(ignored)).toEqual([]);
    // Nothing of a finding holds a raw value.
    expect(JSON.stringify(result)).not.toContain(live.slice(4));
  });

  it('sends nothing without `verify`', async () => {
    const before = fake.requests.length;
    const result = await scanArchive(zip, settings());
    expect(result.findings.filter((f) => f.verification)).toEqual([]);
    expect(result.verification).toBeUndefined();
    expect(fake.requests.length).toBe(before);
  });
});
