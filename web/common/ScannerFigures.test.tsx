import * as React from 'react';
import { render, screen, within } from '@testing-library/react';
import { ScannerFigures } from './ScannerFigures';
import { makeScan, makeScannerRun, makeWarning } from '../testing/fixtures';

const rows = () =>
  Array.from(document.querySelectorAll('.vigil-scanners-table tbody .bolt-table-row')).map((r) => (r as HTMLElement).textContent ?? '');

describe('ScannerFigures', () => {
  const scan = makeScan({
    scanners: [
      makeScannerRun({ filesSkipped: { 'file-too-large': 2, binary: 5 }, warnings: 1 }),
      makeScannerRun({
        scanner: 'pipelines',
        version: '0.3.0',
        category: 'posture',
        findings: 2,
        rulesRun: 17,
        filesScanned: 4,
        results: { pass: 12, notApplicable: 0, notAvailable: 3 },
        durationMs: 310,
      }),
      makeScannerRun({
        scanner: 'terraform',
        version: '0.1.0',
        category: 'iac',
        status: 'not-run',
        reason: { code: 'no-files', text: 'no files it reads' },
        rulesRun: 0,
        filesScanned: 0,
        findings: 0,
        durationMs: 0,
      }),
      makeScannerRun({ scanner: 'npm-audit', category: 'deps', status: 'failed', reason: { code: 'error', text: 'the advisory data set is missing' } }),
    ],
    warnings: [makeWarning(), makeWarning({ scanner: undefined, code: 'zip-entry-rejected', path: '../escape.txt', message: 'Points outside the repository; not extracted.' })],
  });

  it('shows what each scanner ran and found, and what did not run or failed and why', () => {
    render(<ScannerFigures scan={scan} />);
    const [secrets, posture, iac, deps] = rows();
    expect(secrets).toContain('Secrets');
    expect(secrets).toContain('Ran');
    expect(secrets).toContain('247');
    expect(secrets).toContain('1,204');
    expect(secrets).toContain('1.2 s');
    expect(secrets).toContain('Skipped 7 files: 5 binary, 2 too large');
    expect(secrets).toContain('1 warning');
    expect(posture).toContain('DevOps posture');
    expect(posture).toContain('12 passed, 3 not available');
    expect(iac).toContain('Not run: no infrastructure-as-code file in the repository');
    expect(iac.match(/—/g)).toHaveLength(4); // rules, files, findings and time: none
    expect(deps).toContain('Failed: the advisory data set is missing');
    expect(screen.getByTitle('Secrets: ran, 247 rules, 1,204 files, 3 findings, 1.2 s')).toBeTruthy();
  });

  it('lists the warnings by scanner, with path and message', () => {
    render(<ScannerFigures scan={scan} />);
    const warnings = within(screen.getByRole('region', { name: 'Warnings' }));
    expect(warnings.getByText('Secrets')).toBeTruthy();
    const secrets = within(warnings.getByRole('grid', { name: 'Secrets warnings' }));
    expect(secrets.getByText('assets/video.mp4')).toBeTruthy();
    expect(secrets.getByText('Larger than 5 MB; not read.')).toBeTruthy();
    const scanWide = within(warnings.getByRole('grid', { name: 'Whole scan warnings' }));
    expect(scanWide.getByText('Points outside the repository; not extracted.')).toBeTruthy();
  });

  it('says what the scan did not see: each reason with its count, limit and first files', () => {
    render(
      <ScannerFigures
        scan={makeScan({
          coverage: {
            complete: false,
            skipped: [
              { reason: 'file-too-large', count: 12, limit: 5 * 1024 * 1024, examples: ['data/a.csv', 'data/b.csv'] },
              { reason: 'binary', count: 1, examples: ['logo.svg'] },
              { reason: 'symlink', count: 2, examples: ['docs/passwd-link', 'latest'] },
            ],
          },
        })}
      />,
    );
    const coverage = within(screen.getByRole('region', { name: 'Coverage' }));
    expect(coverage.getByText('12 files not scanned: too large (limit 5 MB)')).toBeTruthy();
    const [large, binary, links] = coverage.getAllByRole('listitem').map((li) => li.textContent);
    expect(large).toBe('Too large (limit 5 MB): 12 filesdata/a.csv, data/b.csv and 10 more');
    expect(binary).toBe('Binary: 1 filelogo.svg');
    expect(links).toBe('Symbolic links: 2 filesdocs/passwd-link, latest');
  });

  it('counts entries, not files, in a damaged part of the download', () => {
    render(<ScannerFigures scan={makeScan({ coverage: { complete: false, skipped: [{ reason: 'archive-damaged', count: 1, examples: [] }] } })} />);
    const coverage = within(screen.getByRole('region', { name: 'Coverage' }));
    expect(coverage.getByRole('listitem').textContent).toBe('In a damaged part of the download: 1 entry');
  });

  it('says a complete coverage in one line, and nothing for scans recorded without one', () => {
    const { rerender } = render(<ScannerFigures scan={makeScan({ coverage: { complete: true, skipped: [] } })} />);
    expect(within(screen.getByRole('region', { name: 'Coverage' })).getByText('Complete')).toBeTruthy();
    rerender(<ScannerFigures scan={makeScan()} />);
    expect(screen.queryByRole('region', { name: 'Coverage' })).toBeNull();
  });

  it('explains why a scan has no figures', () => {
    const { rerender } = render(<ScannerFigures scan={makeScan({ state: 'running', finishedAt: undefined })} />);
    expect(screen.getByText('Scanner figures appear when the scan finishes.')).toBeTruthy();
    rerender(<ScannerFigures scan={makeScan({ state: 'failed', error: 'download failed' })} />);
    expect(screen.getByText('The scan failed before any scanner ran.')).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Warnings' })).toBeNull();
  });
});
