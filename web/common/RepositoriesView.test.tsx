import * as React from 'react';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ApiError } from './api';
import { RepositoriesView } from './RepositoriesView';
import { fakeApi, makeFinding, makeRepo, makeScan, makeScannerRun, makeWarning, NOW, page } from '../testing/fixtures';
import { renderWithQueries } from '../testing/render';

const panel = () => document.querySelector('.vigil-repository-panel') as HTMLElement | null;

describe('RepositoriesView', () => {
  it('lists repositories with their scan state and says when it refreshes by itself', async () => {
    const api = fakeApi({
      repositories: jest.fn(async () =>
        page([
          makeRepo(),
          makeRepo({ id: 'repo-2', name: 'infra', scanState: 'running' }),
          makeRepo({ id: 'repo-3', name: 'legacy', isEmpty: true, scanState: 'never', lastScan: undefined, defaultBranch: undefined }),
        ]),
      ),
    });
    renderWithQueries(<RepositoriesView api={api} canScan now={NOW} />);
    expect(await screen.findByText('3 repositories · scans in progress, refreshing every few seconds')).toBeTruthy();
    expect(screen.getByText('Scanning')).toBeTruthy();
    expect(screen.getByText('Skipped')).toBeTruthy();
    expect(screen.getByText('repository is empty')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Scan legacy' }).getAttribute('aria-disabled')).toBe('true');
  });

  it('lists a TFVC project as what it is, with why it is not scanned', async () => {
    const tfvc = makeRepo({ id: 'tfvc:p9', name: '$/Legacy', versionControl: 'tfvc', defaultBranch: undefined, isEmpty: true, scanState: 'never', lastScan: undefined, skipReason: 'TFVC: not scanned' });
    const api = fakeApi({ repositories: jest.fn(async () => page([tfvc])) });
    renderWithQueries(<RepositoriesView api={api} canScan now={NOW} />);
    expect(await screen.findByText('$/Legacy')).toBeTruthy();
    expect(screen.getByText('Team Foundation Version Control')).toBeTruthy();
    expect(screen.getByText('TFVC: not scanned')).toBeTruthy();
    expect(screen.queryByText('no default branch')).toBeNull();
    // Its panel says the same as its row.
    fireEvent.click(screen.getByText('$/Legacy'));
    await waitFor(() => expect(panel()).toBeTruthy());
    const p = within(panel()!);
    expect(p.getByText('Payments · Team Foundation Version Control · size —')).toBeTruthy();
    expect(p.queryByText(/no default branch/)).toBeNull();
    expect(p.getByText('TFVC: not scanned')).toBeTruthy();
  });

  it('says a Git repository listed without a default branch has none, in its row and its panel', async () => {
    const api = fakeApi({ repositories: jest.fn(async () => page([makeRepo({ defaultBranch: undefined, lastScan: undefined, scanState: 'never' })])) });
    renderWithQueries(<RepositoriesView api={api} canScan now={NOW} />);
    expect(await screen.findByText('no default branch')).toBeTruthy();
    fireEvent.click(screen.getByText('payments-api'));
    await waitFor(() => expect(panel()).toBeTruthy());
    expect(within(panel()!).getByText('Payments · no default branch · size —')).toBeTruthy();
  });

  it('shows a scan interrupted by a shutdown or a crash as such, with what happened, not as a failure', async () => {
    const interrupted = makeScan({ state: 'interrupted', error: 'Interrupted by a service shutdown; queued again', scanners: [] });
    const api = fakeApi({ repositories: jest.fn(async () => page([makeRepo({ scanState: 'interrupted', lastScan: interrupted })])) });
    renderWithQueries(<RepositoriesView api={api} canScan now={NOW} />);
    expect(await screen.findByText('Interrupted')).toBeTruthy();
    expect(screen.getByText('Interrupted by a service shutdown; queued again')).toBeTruthy();
    expect(screen.queryByText('Failed')).toBeNull();
  });

  it('says what ended a failed or interrupted scan once in the panel, beside its state', async () => {
    const failed = makeRepo({ id: 'repo-2', name: 'infra', scanState: 'failed', lastScan: makeScan({ state: 'failed', error: 'Azure DevOps answered 404 for the download', scanners: [] }) });
    const interrupted = makeRepo({ scanState: 'interrupted', lastScan: makeScan({ state: 'interrupted', error: 'Interrupted by a service shutdown; queued again', scanners: [] }) });
    const api = fakeApi({ repositories: jest.fn(async () => page([interrupted, failed])) });
    renderWithQueries(<RepositoriesView api={api} canScan now={NOW} />);
    for (const [name, state, error] of [
      ['infra', 'Failed', 'Azure DevOps answered 404 for the download'],
      ['payments-api', 'Interrupted', 'Interrupted by a service shutdown; queued again'],
    ]) {
      fireEvent.click(await screen.findByText(name));
      await waitFor(() => expect(panel()).toBeTruthy());
      const summary = within(panel()!.querySelector('.vigil-summary-row') as HTMLElement);
      const status = summary.getByText(state).closest('.vigil-scan-state') as HTMLElement;
      expect(within(status).getByText(error)).toBeTruthy();
      expect(within(panel()!).getAllByText(error)).toHaveLength(1);
      fireEvent.click(within(panel()!).getByText('Close'));
      await waitFor(() => expect(panel()).toBeNull());
    }
  });

  it("opens a repository's last scan with its scanners, skipped files and warnings", async () => {
    const lastScan = makeScan({
      scanners: [
        makeScannerRun({ filesSkipped: { 'file-too-large': 1 }, warnings: 1 }),
        makeScannerRun({ scanner: 'terraform', category: 'iac', status: 'not-run', reason: { code: 'no-files', text: 'no files it reads' } }),
      ],
      warnings: [makeWarning()],
    });
    const api = fakeApi({ repositories: jest.fn(async () => page([makeRepo({ lastScan })])) });
    renderWithQueries(<RepositoriesView api={api} canScan now={NOW} />);
    fireEvent.click(await screen.findByText('payments-api'));
    await waitFor(() => expect(panel()).toBeTruthy());
    const p = within(panel()!);
    fireEvent.click(p.getByText('Last scan'));
    expect(p.getByText('Payments · last scan of main · size —')).toBeTruthy();
    expect(p.getByText('Scanned')).toBeTruthy();
    expect(p.getByText('3f2a9c0d')).toBeTruthy();
    expect(p.getByTitle('Secrets: ran, 247 rules, 1,204 files, 3 findings, 1.2 s')).toBeTruthy();
    expect(p.getByText('Skipped 1 file: 1 too large · 1 warning')).toBeTruthy();
    expect(p.getByText('Not run: no infrastructure-as-code file in the repository')).toBeTruthy();
    expect(p.getByText('assets/video.mp4')).toBeTruthy();
    fireEvent.click(p.getByText('Close'));
    await waitFor(() => expect(panel()).toBeNull());
  });

  it('says in the list and in the panel when the last scan did not see every file', async () => {
    const coverage = { complete: false, skipped: [{ reason: 'file-too-large' as const, count: 3, limit: 5 * 1024 * 1024, examples: ['a.log'] }] };
    const api = fakeApi({ repositories: jest.fn(async () => page([makeRepo({ lastScan: makeScan({ coverage }) })])) });
    renderWithQueries(<RepositoriesView api={api} canScan now={NOW} />);
    expect(await screen.findByText('3 files not scanned')).toBeTruthy();
    fireEvent.click(screen.getByText('payments-api'));
    await waitFor(() => expect(panel()).toBeTruthy());
    // Once in the panel: in its Coverage section, with the files.
    const p = within(panel()!);
    fireEvent.click(p.getByText('Last scan'));
    expect(p.getAllByText('3 files not scanned: too large (limit 5 MB)')).toHaveLength(1);
    expect(within(p.getByRole('region', { name: 'Coverage' })).getByText('3 files not scanned: too large (limit 5 MB)')).toBeTruthy();
    expect(p.getByText('a.log')).toBeTruthy();
  });

  it("opens a scanned repository's findings from its row", async () => {
    const findings = jest.fn(async () => page([makeFinding({ title: 'AWS access key in config' })]));
    const api = fakeApi({ repositories: jest.fn(async () => page([makeRepo({ id: 'repo-7', lastScan: makeScan() })])), findings });
    renderWithQueries(<RepositoriesView api={api} canScan now={NOW} />);
    fireEvent.click(await screen.findByText('payments-api'));
    await waitFor(() => expect(panel()).toBeTruthy());
    expect(await within(panel()!).findByText('AWS access key in config')).toBeTruthy();
    expect(findings).toHaveBeenCalledWith(expect.objectContaining({ repository: 'repo-7' }));
  });

  it('shows a skip reason whole in the row (wrapped, not cut off)', async () => {
    const reason = 'repository is larger than the 2 GB download limit of this organization; raise VIGIL_MAX_REPO_BYTES to scan it';
    const api = fakeApi({ repositories: jest.fn(async () => page([makeRepo({ skipReason: reason, scanState: 'never', lastScan: undefined })])) });
    renderWithQueries(<RepositoriesView api={api} canScan now={NOW} />);
    const detail = await screen.findByText(reason);
    expect(detail.className).toContain('vigil-scan-state-detail');
    expect(detail.className).not.toContain('text-ellipsis');
  });

  it('says why a repository has no scan to open', async () => {
    const api = fakeApi({
      repositories: jest.fn(async () => page([makeRepo({ name: 'archived-tools', isDisabled: true, scanState: 'never', lastScan: undefined })])),
    });
    renderWithQueries(<RepositoriesView api={api} canScan now={NOW} />);
    fireEvent.click(await screen.findByText('archived-tools'));
    await waitFor(() => expect(panel()).toBeTruthy());
    const p = within(panel()!);
    expect(p.getByText('Payments · main · size —')).toBeTruthy();
    expect(p.getByText('Skipped')).toBeTruthy();
    expect(p.getByText('repository is disabled')).toBeTruthy();
    expect(p.queryByRole('region', { name: 'Scanners' })).toBeNull();
  });

  it('queues a scan from the row without opening the panel, and shows it queued', async () => {
    const repositories = jest
      .fn()
      .mockResolvedValueOnce(page([makeRepo()]))
      .mockResolvedValue(page([makeRepo({ scanState: 'queued' })]));
    const api = fakeApi({ repositories });
    renderWithQueries(<RepositoriesView api={api} canScan now={NOW} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Scan payments-api' }));
    expect(await screen.findByText('Queued')).toBeTruthy();
    expect(api.triggerScan).toHaveBeenCalledWith({ repositoryId: 'repo-1' });
    expect(panel()).toBeNull();
    await waitFor(() => expect(repositories).toHaveBeenCalledTimes(2));
    expect(screen.getByText(/refreshing every few seconds/)).toBeTruthy();
  });

  it('says why a scan could not be queued', async () => {
    const api = fakeApi({
      triggerScan: jest.fn(async () => {
        throw new ApiError(403, 'Forbidden', 'Scanning needs an organization administrator');
      }),
    });
    renderWithQueries(<RepositoriesView api={api} canScan now={NOW} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Scan payments-api' }));
    expect(await screen.findByText('Scanning needs an organization administrator')).toBeTruthy();
    expect(screen.getByText('Could not queue the scan: Forbidden')).toBeTruthy();
    expect(await screen.findByText('Scanned')).toBeTruthy(); // no longer shown as queued
  });

  it('waits for the first discovery, or says there is nothing yet', async () => {
    const api = fakeApi({ repositories: jest.fn(async () => page([])) });
    const { rerender } = renderWithQueries(<RepositoriesView api={api} canScan discovering />);
    expect(await screen.findByText("Vigil is discovering the organization's repositories…")).toBeTruthy();
    rerender(<RepositoriesView api={api} canScan project="proj-1" />);
    expect(await screen.findByText('No repositories in this project yet')).toBeTruthy();
  });

  it('shows why the list could not be loaded, and loads it on retry', async () => {
    const repositories = jest
      .fn()
      .mockRejectedValueOnce(new ApiError(0, 'Cannot reach the Vigil service', 'https://vigil.example.com: Failed to fetch'))
      .mockResolvedValue(page([makeRepo()]));
    renderWithQueries(<RepositoriesView api={fakeApi({ repositories })} canScan={false} now={NOW} />);
    expect(await screen.findByText('Could not load repositories: Cannot reach the Vigil service')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('payments-api')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Scan payments-api' })).toBeNull();
  });
});
