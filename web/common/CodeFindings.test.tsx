import * as React from 'react';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import { FindingDetailsPanel } from './FindingDetailsPanel';
import { createFindingsFilter, findingQuery, FindingsView } from './FindingsView';
import { createApiClient } from './api';
import { flowStepWebUrl, upstreamText } from './code';
import { fakeResponse, makeFinding, makeScannerRun, NOW, page, placeAt } from '../testing/fixtures';
import { scannerLabel, scannerStatusText, skippedText } from './scanners';
import { renderWithQueries } from '../testing/render';

const triage = { canTriage: false, dismissScopeText: '', onDismiss: jest.fn(), onReopen: jest.fn() };
const COMMIT = '9f2c4e1a7b3d5f60718293a4b5c6d7e8f9012345';
const REPO_URL = 'https://dev.azure.com/contoso/Payments/_git/payments-api';

const sqlTaint = makeFinding({
  ruleId: 'CODE-PY-FLASK-SQL',
  title: 'Request data reaches a SQL query',
  category: 'code',
  severity: 'high',
  confidence: 'medium',
  message: "request.args['q'] (line 12) reaches cursor.execute (line 18)",
  ...placeAt({ kind: 'file', path: 'app/views.py', line: 18, column: 5 }, `${REPO_URL}?path=%2Fapp%2Fviews.py&version=GC${COMMIT}&line=18&lineEnd=18&_a=contents`),
  commitSha: COMMIT,
  preview: undefined,
  remediation: 'Pass request values as query parameters.',
  code: {
    language: 'python',
    upstream: { type: 'bandit', id: 'B608' },
    flow: [
      { line: 12, column: 9, label: "q = request.args['q']" },
      { path: 'app/queries.py', line: 4, label: "sql = 'SELECT * FROM orders WHERE ref = ' + q" },
      { line: 18, column: 5, label: 'cursor.execute(sql)' },
    ],
  },
});

function stepLinks(): HTMLAnchorElement[] {
  return within(screen.getByRole('list', { name: 'Data flow' })).getAllByRole('link') as HTMLAnchorElement[];
}

describe('code findings in the hub', () => {
  it('the panel lists the data flow from source to sink, each step with its code', () => {
    render(<FindingDetailsPanel finding={sqlTaint} onClose={jest.fn()} triage={triage} now={NOW} />);
    const steps = within(screen.getByRole('list', { name: 'Data flow' })).getAllByRole('listitem');
    expect(steps.map((s) => s.textContent)).toEqual([
      "SourceLine 12q = request.args['q']",
      "Stepapp/queries.py:4sql = 'SELECT * FROM orders WHERE ref = ' + q",
      'SinkLine 18cursor.execute(sql)',
    ]);
  });

  it('links each step to its file and line in Azure DevOps at the commit the finding was seen at', () => {
    render(<FindingDetailsPanel finding={sqlTaint} onClose={jest.fn()} triage={triage} now={NOW} />);
    const links = stepLinks().map((a) => new URL(a.href));
    expect(links.map((u) => [u.origin + u.pathname, u.searchParams.get('path'), u.searchParams.get('line'), u.searchParams.get('version')])).toEqual([
      [REPO_URL, '/app/views.py', '12', `GC${COMMIT}`],
      [REPO_URL, '/app/queries.py', '4', `GC${COMMIT}`],
      [REPO_URL, '/app/views.py', '18', `GC${COMMIT}`],
    ]);
    expect(stepLinks().every((a) => a.target === '_blank')).toBe(true);
  });

  it('names the language and the upstream test the rule matches', () => {
    render(<FindingDetailsPanel finding={sqlTaint} onClose={jest.fn()} triage={triage} now={NOW} />);
    const facts = screen.getByText('Language', { selector: 'dt' }).closest('dl')!;
    expect(within(facts).getByText('Python')).toBeTruthy();
    expect(within(facts).getByText('Bandit B608')).toBeTruthy();
  });

  it('a code finding without a flow (a pattern rule) shows its language and upstream id but no flow', () => {
    const evalUse = makeFinding({
      ...sqlTaint,
      ruleId: 'CODE-JS-CHILD-PROCESS',
      code: { language: 'javascript', upstream: { type: 'eslint', id: 'security/detect-child-process' } },
    });
    render(<FindingDetailsPanel finding={evalUse} onClose={jest.fn()} triage={triage} now={NOW} />);
    expect(screen.queryByRole('list', { name: 'Data flow' })).toBeNull();
    expect(screen.getByText('JavaScript/TypeScript')).toBeTruthy();
    expect(screen.getByText('ESLint security/detect-child-process')).toBeTruthy();
  });

  it('a secret shows neither a flow nor code facts', () => {
    render(<FindingDetailsPanel finding={makeFinding()} onClose={jest.fn()} triage={triage} now={NOW} />);
    expect(screen.queryByRole('list', { name: 'Data flow' })).toBeNull();
    expect(screen.queryByText('Language', { selector: 'dt' })).toBeNull();
  });

  it('without a link for the finding (no repository page known) the steps are plain text', () => {
    render(<FindingDetailsPanel finding={{ ...sqlTaint, webUrl: undefined }} onClose={jest.fn()} triage={triage} now={NOW} />);
    expect(within(screen.getByRole('list', { name: 'Data flow' })).queryAllByRole('link')).toEqual([]);
    expect(screen.getByText('app/queries.py:4')).toBeTruthy();
  });

  test.each([
    [{ type: 'bandit', id: 'B602' }, 'Bandit B602'],
    [{ type: 'eslint', id: 'security/detect-child-process' }, 'ESLint security/detect-child-process'],
    [{ type: 'scs', id: 'SCS0001' }, 'Security Code Scan SCS0001'],
  ] as const)('upstream %j reads "%s"', (upstream, text) => {
    expect(upstreamText(upstream)).toBe(text);
  });

  it('takes the commit from the finding’s own link when the finding does not say it', () => {
    const url = flowStepWebUrl({ ...sqlTaint, commitSha: undefined }, { line: 3, label: 'x' });
    expect(new URL(url!).searchParams.get('version')).toBe(`GC${COMMIT}`);
  });
});

describe('the Language filter', () => {
  it('becomes ?language= in the order of the vocabulary once the category is Code', async () => {
    const filter = createFindingsFilter();
    filter.setFilterItemState('language', { value: ['csharp', 'python', 'cobol'] });
    expect(findingQuery(filter.getState(), {}).language).toBeUndefined();
    filter.setFilterItemState('category', { value: ['code', 'secret'] });
    const query = findingQuery(filter.getState(), {});
    expect(query.language).toEqual(['python', 'csharp']);
    const fetch = jest.fn(async () => fakeResponse(200, page([])));
    const api = createApiClient({ serviceUrl: 'https://vigil.test', headers: async () => ({}), fetch: fetch as unknown as typeof globalThis.fetch });
    await api.findings(query);
    expect(String((fetch.mock.calls[0] as unknown[])[0])).toContain('language=python,csharp');
  });

  it('is offered beside Category once Code is picked', async () => {
    const fetch = jest.fn(async () => fakeResponse(200, page([sqlTaint])));
    const api = createApiClient({ serviceUrl: 'https://vigil.test', headers: async () => ({}), fetch: fetch as unknown as typeof globalThis.fetch });
    const filter = createFindingsFilter();
    renderWithQueries(<FindingsView api={api} scope={{}} filter={filter} now={NOW} />);
    await screen.findByText('Request data reaches a SQL query');
    expect(screen.queryByText('Language')).toBeNull();
    act(() => filter.setFilterItemState('category', { value: ['code'] }));
    expect(await screen.findByText('Language')).toBeTruthy();
    act(() => filter.setFilterItemState('language', { value: ['python'] }));
    await waitFor(() => expect(String((fetch.mock.calls.at(-1) as unknown[])[0])).toMatch(/\?category=code&.*&language=python&/));
  });
});

describe('the code scanners in a scan’s figures', () => {
  it('are named by language, and one that did not run says it found no source of its language', () => {
    const python = makeScannerRun({ scanner: 'code-python', category: 'code', filesSkipped: { vendored: 12, minified: 1 } });
    const csharp = makeScannerRun({ scanner: 'code-csharp', category: 'code', status: 'not-run', reason: { code: 'no-files', text: 'No file in the repository is of a kind it reads' } });
    const runs = [python, makeScannerRun({ scanner: 'code-javascript', category: 'code' }), csharp];
    expect(runs.map((r) => scannerLabel(r, runs))).toEqual(['Code (Python)', 'Code (JavaScript/TypeScript)', 'Code (C#)']);
    expect(scannerStatusText(csharp)).toBe('not run: no C# source file in the repository');
    expect(skippedText(python)).toBe('Skipped 13 files: 12 vendored, 1 minified');
  });
});
