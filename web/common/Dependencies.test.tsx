import * as React from 'react';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Filter } from 'azure-devops-ui/Utilities/Filter';
import { ApiError, createApiClient, type DownloadedFile } from './api';
import { advisoryUrl, cvssText, dependencyKindText } from './advisory';
import { DependenciesView } from './DependenciesView';
import { FindingDetailsPanel } from './FindingDetailsPanel';
import { createFindingsFilter, FindingsView, findingQuery } from './FindingsView';
import { scannerStatusText } from './scanners';
import { dependenciesPage, fakeApi, fakeResponse, makeDependency, makeDepsFinding, makeScannerRun, NOW, page } from '../testing/fixtures';
import { renderWithQueries } from '../testing/render';

const repo = { id: 'repo-1', name: 'payments-api' };
const triage = { canTriage: false, dismissScopeText: '', onDismiss: jest.fn(), onReopen: jest.fn() };

describe('DependenciesView', () => {
  it('lists packages with version, license, use and advisories, and says which scan they come from', async () => {
    const api = fakeApi({
      dependencies: jest.fn(async () =>
        dependenciesPage([
          makeDependency({ name: 'minimist', version: '1.2.5', direct: false, scope: 'dev', dependencyPath: ['mkdirp', 'minimist'], advisories: 1, worstSeverity: 'critical', line: 92 }),
          makeDependency(),
          makeDependency({ name: 'contoso-ui-kit', version: '1.4.0', license: undefined, advisories: 0, worstSeverity: undefined, line: 59 }),
        ]),
      ),
    });
    renderWithQueries(<DependenciesView api={api} repository={repo} now={NOW} />);
    const table = await screen.findByRole('grid', { name: 'Dependencies' }).catch(() => screen.findByLabelText('Dependencies'));
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(3);
    expect(rows[0].textContent).toContain('minimist');
    expect(rows[0].textContent).toContain('Transitive (dev)');
    expect(rows[0].textContent).toContain('via mkdirp');
    expect(within(rows[0]).getByLabelText('Severity Critical 1')).toBeTruthy();
    expect(rows[1].textContent).toContain('MIT');
    expect(rows[1].textContent).toContain('package-lock.json:87');
    expect(rows[2].textContent).toContain('Unknown');
    expect(rows[2].textContent).toContain('None');
    expect(screen.getByText(/3 packages in the last scan of 3f2a9c0/)).toBeTruthy();
    expect(api.dependencies).toHaveBeenCalledWith('repo-1', expect.objectContaining({ limit: 50 }));
  });

  it('asks for exactly what the filters say', async () => {
    const fetch = jest.fn(async (_url: string) => fakeResponse(200, dependenciesPage([makeDependency()])));
    const api = createApiClient({ serviceUrl: 'https://vigil.test', headers: async () => ({}), fetch: fetch as unknown as typeof globalThis.fetch });
    const filter = new Filter();
    renderWithQueries(<DependenciesView api={api} repository={repo} filter={filter} now={NOW} />);
    await screen.findByText('lodash');
    expect(String(fetch.mock.calls[0][0])).toBe('https://vigil.test/api/v1/repositories/repo-1/dependencies?limit=50');
    act(() => {
      filter.setFilterItemState('ecosystem', { value: ['npm', 'PyPI'] });
      filter.setFilterItemState('direct', { value: ['false'] });
      filter.setFilterItemState('advisories', { value: ['true'] });
      filter.setFilterItemState('search', { value: ' lod ' });
    });
    await waitFor(() => expect(fetch.mock.calls.length).toBeGreaterThan(1));
    expect(String(fetch.mock.calls[fetch.mock.calls.length - 1][0])).toBe(
      'https://vigil.test/api/v1/repositories/repo-1/dependencies?ecosystem=npm,PyPI&direct=false&hasAdvisory=true&search=lod&limit=50',
    );
  });

  it('tells "never scanned" from "no manifest found" from "no match"', async () => {
    const never = fakeApi({ dependencies: jest.fn(async () => ({ items: [], total: 0 })) });
    const { unmount } = renderWithQueries(<DependenciesView api={never} repository={repo} now={NOW} />);
    expect(await screen.findByText('No dependencies known yet')).toBeTruthy();
    expect((screen.getByRole('button', { name: /Download SBOM/ }) as HTMLButtonElement).getAttribute('aria-disabled')).toBe('true');
    unmount();

    const none = fakeApi({ dependencies: jest.fn(async () => dependenciesPage([])) });
    const second = renderWithQueries(<DependenciesView api={none} repository={repo} now={NOW} />);
    expect(await screen.findByText('No dependencies found in payments-api')).toBeTruthy();
    second.unmount();

    const filter = new Filter();
    filter.setFilterItemState('search', { value: 'zzz' });
    renderWithQueries(<DependenciesView api={none} repository={repo} filter={filter} now={NOW} />);
    expect(await screen.findByText('No packages match these filters')).toBeTruthy();
  });

  it('downloads the SBOM, and says why when it cannot', async () => {
    const saved: DownloadedFile[] = [];
    const api = fakeApi();
    renderWithQueries(<DependenciesView api={api} repository={repo} now={NOW} save={(f) => saved.push(f)} />);
    await screen.findByText('lodash');
    fireEvent.click(screen.getByRole('button', { name: /Download SBOM/ }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0].fileName).toBe('payments-api-3f2a9c0d1e2f.cdx.json');
    expect(api.sbom).toHaveBeenCalledWith('repo-1');

    api.sbom.mockRejectedValueOnce(new ApiError(404, 'Not found', 'No dependencies are known for this repository yet: scan it first'));
    fireEvent.click(screen.getByRole('button', { name: /Download SBOM/ }));
    expect(await screen.findByText('Could not download the SBOM: Not found')).toBeTruthy();
  });

  it('the API client reads the SBOM as a file, with the name the service gives', async () => {
    const fetch = jest.fn(async (_url: string) => ({
      ok: true,
      status: 200,
      statusText: '',
      headers: { get: (n: string) => ({ 'content-type': 'application/vnd.cyclonedx+json; version=1.6', 'content-disposition': 'attachment; filename="web-storefront-abc.cdx.json"' })[n.toLowerCase()] ?? null },
      text: async () => '{"bomFormat":"CycloneDX"}',
    }));
    const api = createApiClient({ serviceUrl: 'https://vigil.test', headers: async () => ({ Authorization: 'Bearer t' }), fetch: fetch as unknown as typeof globalThis.fetch });
    const file = await api.sbom('repo 1');
    expect(String(fetch.mock.calls[0][0])).toBe('https://vigil.test/api/v1/repositories/repo%201/sbom');
    expect(file).toMatchObject({ fileName: 'web-storefront-abc.cdx.json', contentType: 'application/vnd.cyclonedx+json; version=1.6' });
    expect(file.blob.size).toBe(25);
  });
});

describe('a vulnerable dependency in the finding panel', () => {
  it('shows the advisory with its ids linked, CVSS, fixed versions, the dependency path and the upgrade', () => {
    renderWithQueries(<FindingDetailsPanel finding={makeDepsFinding()} onClose={jest.fn()} triage={triage} now={NOW} />);
    expect(screen.getByText('Advisory')).toBeTruthy();
    expect(screen.getAllByText('qs vulnerable to Prototype Pollution').length).toBeGreaterThan(0);
    const ghsa = screen.getByRole('link', { name: /GHSA-hrpp-h998-j3pp in GitHub Advisory Database/ });
    expect(ghsa.getAttribute('href')).toBe('https://github.com/advisories/GHSA-hrpp-h998-j3pp');
    expect(screen.getByRole('link', { name: /CVE-2022-24999 in NVD/ }).getAttribute('href')).toBe('https://nvd.nist.gov/vuln/detail/CVE-2022-24999');
    expect(screen.getByText('7.5 High (CVSS 3.1)')).toBeTruthy();
    expect(screen.getByText('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H')).toBeTruthy();
    expect(screen.getByText('6.7.3')).toBeTruthy();
    expect(screen.getByText('express › body-parser › qs')).toBeTruthy();
    expect(screen.getByText('Transitive dependency')).toBeTruthy();
    const upgrade = document.querySelector('.vigil-upgrade')!;
    expect(upgrade.textContent).toBe('Upgrade to qs@6.7.3 (through the direct dependency that pulls it in, or an override)');
  });

  it('says when no fixed version is known, and shows no advisory for other package findings', () => {
    const noFix = makeDepsFinding({ advisory: { ...makeDepsFinding().advisory!, fixedVersions: [], upgrade: undefined, cvss: undefined } });
    const { unmount } = renderWithQueries(<FindingDetailsPanel finding={noFix} onClose={jest.fn()} triage={triage} now={NOW} />);
    expect(screen.getByText('No fixed version is known')).toBeTruthy();
    expect(document.querySelector('.vigil-upgrade')).toBeNull();
    unmount();
    const license = makeDepsFinding({ ruleId: 'LIC-STRONG-COPYLEFT', category: 'license', advisory: undefined, direct: true, title: 'ckeditor5@41.0.0: GPL-2.0-or-later' });
    renderWithQueries(<FindingDetailsPanel finding={license} onClose={jest.fn()} triage={triage} now={NOW} />);
    expect(screen.queryByText('Advisory')).toBeNull();
    expect(screen.getByRole('heading', { name: 'Package' })).toBeTruthy();
    expect(screen.getByText('Direct dependency')).toBeTruthy();
  });

  it('links each kind of id where it is read, and rates CVSS scores', () => {
    expect(advisoryUrl('GHSA-jfh8-c2jp-5v3q')).toBe('https://github.com/advisories/GHSA-jfh8-c2jp-5v3q');
    expect(advisoryUrl('CVE-2021-44228')).toBe('https://nvd.nist.gov/vuln/detail/CVE-2021-44228');
    expect(advisoryUrl('PYSEC-2021-59')).toBe('https://osv.dev/vulnerability/PYSEC-2021-59');
    expect(advisoryUrl('GHSA-../../x')).toBe('https://osv.dev/vulnerability/GHSA-..%2F..%2Fx');
    expect(cvssText({ version: '3.1', vector: 'v', score: 10 })).toBe('10.0 Critical (CVSS 3.1)');
    expect(cvssText({ version: '4.0', vector: 'v', score: 3.9 })).toBe('3.9 Low (CVSS 4.0)');
    expect(dependencyKindText(undefined, undefined)).toBeUndefined();
    expect(dependencyKindText(true, 'test')).toBe('Direct dependency (test)');
  });
});

describe('findings filters for package findings', () => {
  it('turn ecosystem, dependency and fix into the query', () => {
    const filter = createFindingsFilter();
    filter.setFilterItemState('ecosystem', { value: ['PyPI', 'npm'] });
    filter.setFilterItemState('dependency', { value: ['transitive'] });
    filter.setFilterItemState('fix', { value: ['yes'] });
    expect(findingQuery(filter.getState(), {})).toMatchObject({ ecosystem: ['npm', 'PyPI'], dependency: 'transitive', hasFix: true });
    filter.setFilterItemState('fix', { value: ['no'] });
    expect(findingQuery(filter.getState(), {}).hasFix).toBe(false);
  });

  it('are sent to the service and offered in the filter bar', async () => {
    const fetch = jest.fn(async (url: string) =>
      new URL(url).pathname === '/api/v1/findings' ? fakeResponse(200, page([makeDepsFinding()])) : fakeResponse(200, page([])),
    );
    const api = createApiClient({ serviceUrl: 'https://vigil.test', headers: async () => ({}), fetch: fetch as unknown as typeof globalThis.fetch });
    const filter = createFindingsFilter();
    renderWithQueries(<FindingsView api={api} scope={{ repository: 'repo-1' }} filter={filter} now={NOW} />);
    await screen.findByText('qs@6.7.0: qs vulnerable to Prototype Pollution');
    for (const name of ['Category', 'Ecosystem', 'Dependency', 'Fix']) expect(screen.getAllByText(name).length).toBeGreaterThan(0);
    act(() => {
      filter.setFilterItemState('category', { value: ['deps', 'license'] });
      filter.setFilterItemState('ecosystem', { value: ['npm'] });
      filter.setFilterItemState('dependency', { value: ['direct'] });
      filter.setFilterItemState('fix', { value: ['yes'] });
    });
    await waitFor(() => expect(fetch.mock.calls.some((c) => String(c[0]).includes('hasFix=true'))).toBe(true));
    const last = fetch.mock.calls.map((c) => String(c[0])).filter((u) => u.includes('/findings')).pop();
    expect(last).toBe('https://vigil.test/api/v1/findings?repository=repo-1&category=deps,license&state=open&group=credential&ecosystem=npm&dependency=direct&hasFix=true&limit=50');
  });
});

describe('package scanners that did not run', () => {
  it('say "no lockfile" rather than "no files", and keep the dataset reason as given', () => {
    expect(scannerStatusText(makeScannerRun({ scanner: 'deps', category: 'deps', status: 'not-run', reason: { code: 'no-files', text: 'No file in the repository is of a kind it reads' } }))).toBe(
      'not run: no lockfile or manifest in the repository',
    );
    expect(
      scannerStatusText(makeScannerRun({ scanner: 'deps', category: 'deps', status: 'not-run', reason: { code: 'no-dataset', text: 'The advisory database is empty: run a sync or an import first' } })),
    ).toBe('not run: The advisory database is empty: run a sync or an import first');
    expect(scannerStatusText(makeScannerRun({ status: 'not-run', reason: { code: 'no-files', text: 'No file in the repository is of a kind it reads' } }))).toBe(
      'not run: No file in the repository is of a kind it reads',
    );
    expect(scannerStatusText(makeScannerRun({ scanner: 'deps', category: 'deps', findings: 0 }))).toBe('ran');
  });
});
