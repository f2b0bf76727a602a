// The findings list by code language (?language=): the query parameter, and the store's filter.
import { databaseKinds } from '../../test/support/databases';
import { findingsQuerySchema } from '../contract/api';
import type { Finding } from '../contract/model';
import type { CodeLanguage } from '../contract/vocabulary';
import { listFindings } from './finding-queries';
import { reconcileFindings } from './findings';
import { syncRepositories } from './repositories';
import { requestScan } from './scan-queue';
import { connectTestOrg, useTestStore } from './testdata/test-store';

const code = (fp: string, language: CodeLanguage, line: number): Finding => ({
  ruleId: 'CODE-TEST-SQL',
  title: 'Request data reaches a SQL query',
  severity: 'high',
  category: 'code',
  confidence: 'medium',
  message: 'request data reaches a query',
  location: { kind: 'file', path: `src/app-${language}`, line },
  fingerprint: fp,
  remediation: 'Use parameters',
  details: { flow: [{ line: 1, label: 'source' }, { line, label: 'sink' }], extra: { language } },
});

const page = { limit: 50, offset: 0 };

describe('?language=', () => {
  it('is a comma-separated list of the code languages', () => {
    expect(findingsQuerySchema.parse({ language: 'python,csharp' }).language).toEqual(['python', 'csharp']);
    expect(findingsQuerySchema.safeParse({ language: 'cobol' }).success).toBe(false);
  });
});

describe.each(databaseKinds)('findings by code language on %s', (kind) => {
  const openStoreOf = useTestStore(kind);

  test('narrow to code findings in those languages; other categories never match', async () => {
    const store = openStoreOf();
    const o = await connectTestOrg(store, 'languages');
    await syncRepositories(store.db, o.org_id, [
      { id: 'r1', name: 'shop', projectId: 'p1', projectName: 'Shop', defaultBranch: 'refs/heads/main', isDisabled: false, isFork: false, skipReason: null },
    ]);
    const { scanId } = await requestScan(store.db, o.org_id, 'r1', 'manual');
    // An IaC finding whose extra happens to hold a "language" key is not a code finding.
    const iac: Finding = { ...code('iac', 'python', 9), ruleId: 'IAC-TEST', category: 'iac', details: { extra: { language: 'python', platform: 'terraform' } } };
    await reconcileFindings(store.db, o.org_id, 'r1', scanId, 'c1', [code('py', 'python', 3), code('js', 'javascript', 4), code('cs', 'csharp', 5), iac]);
    const fps = async (languages: CodeLanguage[] | undefined) =>
      (await listFindings(store.db, o.org_id, { languages }, page)).rows.map((r) => r.fingerprint).sort();
    expect(await fps(['python'])).toEqual(['py']);
    expect(await fps(['javascript', 'csharp'])).toEqual(['cs', 'js']);
    expect(await fps(undefined)).toEqual(['cs', 'iac', 'js', 'py']);
    expect((await listFindings(store.db, o.org_id, { languages: ['python'], categories: ['secret'] }, page)).total).toBe(0);
  });
});
