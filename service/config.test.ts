import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadConfig } from './config';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'vigil-config-'));

describe('loadConfig', () => {
  test('defaults run with nothing set, generating development secrets once', () => {
    const dir = tmp();
    const a = loadConfig({ VIGIL_DATA_DIR: dir });
    expect(a).toMatchObject({ port: 8080, role: 'all', maxRepoBytes: 1024 ** 3, discoveryCron: '0 */8 * * *' });
    expect(a.generated.sort()).toEqual(['VIGIL_APP_SECRET', 'VIGIL_ENCRYPTION_KEY']);
    expect(a.encryptionKey).toHaveLength(32);
    const b = loadConfig({ VIGIL_DATA_DIR: dir });
    expect(b.encryptionKey.equals(a.encryptionKey)).toBe(true);
    expect(readFileSync(path.join(dir, 'dev-secrets.json'), 'utf8')).toContain('encryptionKey');
  });

  test('every bad variable is named', () => {
    expect(() =>
      loadConfig({ PORT: 'eighty', VIGIL_MAX_REPO_BYTES: '-1', VIGIL_ENCRYPTION_KEY: 'short', DATABASE_URL: 'mysql://x', VIGIL_DATA_DIR: tmp() }),
    ).toThrow(/PORT[\s\S]*VIGIL_MAX_REPO_BYTES|VIGIL_MAX_REPO_BYTES[\s\S]*PORT/);
    try {
      loadConfig({ VIGIL_ENCRYPTION_KEY: 'short', DATABASE_URL: 'mysql://x', VIGIL_APP_SECRET: 'tiny', VIGIL_DATA_DIR: tmp() });
    } catch (err) {
      const msg = (err as Error).message;
      expect(msg).toMatch(/VIGIL_ENCRYPTION_KEY: must be 32 bytes/);
      expect(msg).toMatch(/DATABASE_URL: must be a postgres/);
      expect(msg).toMatch(/VIGIL_APP_SECRET: must be at least 32 characters/);
    }
  });

  test('VIGIL_POSTURE_CRON: every 8 hours by default, a 5-field cron or off; snapshots kept and concurrency bounded', () => {
    const dir = tmp();
    expect(loadConfig({ VIGIL_DATA_DIR: dir }).posture).toEqual({ cron: '0 */8 * * *', snapshotsKept: 5, concurrency: 4 });
    expect(loadConfig({ VIGIL_DATA_DIR: dir, VIGIL_POSTURE_CRON: 'off' }).posture.cron).toBe('off');
    expect(loadConfig({ VIGIL_DATA_DIR: dir, VIGIL_POSTURE_CRON: '30 2 * * *', VIGIL_POSTURE_SNAPSHOTS: '12' }).posture).toMatchObject({ cron: '30 2 * * *', snapshotsKept: 12 });
    expect(() => loadConfig({ VIGIL_DATA_DIR: dir, VIGIL_POSTURE_CRON: 'hourly' })).toThrow(/VIGIL_POSTURE_CRON/);
    expect(() => loadConfig({ VIGIL_DATA_DIR: dir, VIGIL_POSTURE_SNAPSHOTS: '0' })).toThrow(/VIGIL_POSTURE_SNAPSHOTS/);
    expect(() => loadConfig({ VIGIL_DATA_DIR: dir, VIGIL_POSTURE_CONCURRENCY: '64' })).toThrow(/VIGIL_POSTURE_CONCURRENCY/);
  });

  test('VIGIL_CORS_ORIGINS: * (the default) or a list of origins; an entry with a path is named', () => {
    const dir = tmp();
    expect(loadConfig({ VIGIL_DATA_DIR: dir }).corsOrigins).toBe('*');
    expect(loadConfig({ VIGIL_DATA_DIR: dir, VIGIL_CORS_ORIGINS: ' * ' }).corsOrigins).toBe('*');
    expect(loadConfig({ VIGIL_DATA_DIR: dir, VIGIL_CORS_ORIGINS: ' https://a.example , http://127.0.0.1:8080,' }).corsOrigins).toEqual(['https://a.example', 'http://127.0.0.1:8080']);
    expect(() => loadConfig({ VIGIL_DATA_DIR: dir, VIGIL_CORS_ORIGINS: 'https://dev.azure.com/contoso' })).toThrow(/VIGIL_CORS_ORIGINS: must be \* or comma-separated origins/);
  });

  test('production refuses generated secrets', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', VIGIL_DATA_DIR: tmp() })).toThrow(/VIGIL_ENCRYPTION_KEY: required[\s\S]*VIGIL_APP_SECRET: required/);
  });

  test('the process stops with the message on a bad value', async () => {
    const run = promisify(execFile);
    const err = await run(process.execPath, ['--import', 'tsx', path.join(__dirname, 'main.ts')], {
      env: { PATH: process.env.PATH, PORT: 'eighty', VIGIL_DATA_DIR: tmp() },
    }).catch((e) => e);
    expect(err.code).toBe(1);
    expect(err.stderr).toMatch(/Invalid configuration:\s+PORT: /);
  }, 30_000);
});
