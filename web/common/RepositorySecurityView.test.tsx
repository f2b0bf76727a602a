import * as React from 'react';
import { screen, within } from '@testing-library/react';
import { RepositorySecurityView } from './RepositorySecurityView';
import { fakeApi, makeScan, makeScannerRun, NOW, page } from '../testing/fixtures';
import { renderWithQueries } from '../testing/render';

const card = () => within(document.querySelector('.vigil-summary-card') as HTMLElement);

describe('RepositorySecurityView', () => {
  it("shows the last scan and its scanners' figures in the Default branch card", async () => {
    const scan = makeScan({
      findingsOpen: 3,
      findingsNew: 1,
      scanners: [makeScannerRun(), makeScannerRun({ scanner: 'terraform', category: 'iac', status: 'not-run', reason: { code: 'no-files', text: 'no files it reads' } })],
    });
    const api = fakeApi({ scans: jest.fn(async () => page([scan])), findings: jest.fn(async () => page([])) });
    renderWithQueries(<RepositorySecurityView api={api} repository={{ id: 'repo-1', name: 'payments-api' }} now={NOW} />);
    expect(await screen.findByText('Default branch')).toBeTruthy();
    expect(await card().findByTitle('Secrets: ran, 247 rules, 1,204 files, 3 findings, 1.2 s')).toBeTruthy();
    expect(card().getByText('Not run: no infrastructure-as-code file in the repository')).toBeTruthy();
    expect(card().getByText('3 open · 1 new')).toBeTruthy();
    expect(await screen.findByText('No open findings in payments-api')).toBeTruthy();
    expect(screen.getByText('Last scanned 10 minutes ago, 412 files.')).toBeTruthy();
  });

  it('says when the repository was never scanned', async () => {
    const api = fakeApi({ scans: jest.fn(async () => page([])), findings: jest.fn(async () => page([])) });
    renderWithQueries(<RepositorySecurityView api={api} repository={{ id: 'repo-1', name: 'payments-api' }} now={NOW} />);
    expect(await card().findByText('Not scanned')).toBeTruthy();
    expect(card().queryByRole('region', { name: 'Scanners' })).toBeNull();
    expect(await screen.findByText('This repository has not been scanned yet.')).toBeTruthy();
  });
});
