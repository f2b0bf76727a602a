// The task's "advisories" input: a folder of OSV records (zips and/or JSON, read as `npm run scan
// --advisories` reads it) reaches the dependency scanners; a bad record is a warning, a missing folder fails.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Log } from 'sarif';
import { runTask } from '../../../tasks/vigil-scan/src/task';
import { osvRecord, osvZip } from '../../fake-osv/osv-fixtures';
import { fakeTaskLib } from './fake-task-lib';

describe('Vigil scan task: advisories', () => {
  let root: string;
  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'vigil-task-adv-'));
    mkdirSync(path.join(root, 'osv', 'npm'), { recursive: true });
    mkdirSync(path.join(root, 'repo'));
    mkdirSync(path.join(root, 'agent-temp'));
    writeFileSync(
      path.join(root, 'osv', 'npm', 'all.zip'),
      await osvZip([osvRecord({ id: 'GHSA-lodash-0001', ecosystem: 'npm', packages: ['lodash'], modified: '2024-01-01T00:00:00Z', introduced: '0', fixed: '4.17.21' })]),
    );
    writeFileSync(path.join(root, 'osv', 'broken.json'), '{ "id": ');
    writeFileSync(
      path.join(root, 'repo', 'package-lock.json'),
      JSON.stringify({
        name: 'app',
        version: '1.0.0',
        lockfileVersion: 3,
        packages: { '': { name: 'app', version: '1.0.0', dependencies: { lodash: '^4.17.0' } }, 'node_modules/lodash': { version: '4.17.20' } },
      }),
    );
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const run = async (advisories?: string) => {
    const inputs = { path: path.join(root, 'repo'), categories: 'deps', failOn: 'none', outputPath: path.join(root, 'out.sarif'), ...(advisories ? { advisories } : {}) };
    const { tl, rec } = fakeTaskLib(inputs, undefined, path.join(root, 'agent-temp'));
    await runTask(tl, () => undefined);
    return rec;
  };
  const dependencyResults = () => (JSON.parse(readFileSync(path.join(root, 'out.sarif'), 'utf8')) as Log).runs[0].results!.map((r) => r.ruleId);

  it('matches the lockfile against the folder\'s advisories, warning about the record it cannot read', async () => {
    const rec = await run(path.join(root, 'osv'));
    expect(dependencyResults()).toEqual(['GHSA-lodash-0001']);
    expect(rec.warnings).toEqual([expect.stringMatching(/^Vigil: advisories: broken\.json: /)]);
    expect(rec.results).toEqual([{ result: 1, message: expect.stringMatching(/^Vigil: 1 open finding/) }]);
  });

  it('without the input no advisory is known: no dependency finding', async () => {
    await run();
    expect(dependencyResults()).toEqual([]);
  });

  it('a missing folder fails the task before scanning', async () => {
    const rec = await run(path.join(root, 'nope'));
    expect(rec.results).toEqual([{ result: 2, message: `Input "advisories": folder not found: ${path.join(root, 'nope')}` }]);
    expect(rec.commands).toEqual([]);
  });
});
