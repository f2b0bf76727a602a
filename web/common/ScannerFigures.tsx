// What each scanner of a scan did: ran (rules, files, findings, other results, time), did not run and
// why, failed and why; the files it skipped by reason; what the scan did not see (coverage); the
// scan's warnings by scanner.
import * as React from 'react';
import { ColumnJustification, type ITableColumn, SimpleTableCell, Table, TwoLineTableCell } from 'azure-devops-ui/Table';
import { Status, Statuses, StatusSize } from 'azure-devops-ui/Status';
import { ArrayItemProvider } from 'azure-devops-ui/Utilities/Provider';
import type { ScanDto } from '../../service/contract/api';
import type { Coverage, ScannerRun, ScanWarning } from '../../service/contract/model';
import { coverageSkipText, coverageSummary } from '../../service/contract/coverage-text';
import { isScanActive, type ScannerStatus } from '../../service/contract/vocabulary';
import { formatCount, formatDuration } from './format';
import { otherResultsText, scannerLabel, scannerStatusText, scannerSummary, skippedText, warningsByScanner } from './scanners';

/** More warnings than this are counted, not listed. */
const MAX_WARNINGS_SHOWN = 100;

const STATUS_LOOK: Record<ScannerStatus, typeof Statuses.Success> = {
  ran: Statuses.Success,
  'not-run': Statuses.Skipped,
  failed: Statuses.Failed,
};

const sentence = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const number = (n: number) => n.toLocaleString('en-US');

interface Row {
  run: ScannerRun;
  label: string;
}

/** "secrets v2", "terraform 0.3.1". */
const scannerVersion = (run: ScannerRun) => `${run.scanner} ${/^\d+$/.test(run.version) ? `v${run.version}` : run.version}`;

function numberCell(value: (run: ScannerRun) => string) {
  return (_r: number, i: number, col: ITableColumn<Row>, row: Row): JSX.Element => (
    <SimpleTableCell key={col.id} columnIndex={i} tableColumn={col} contentClassName="justify-end">
      <span className={row.run.status === 'ran' ? '' : 'secondary-text'}>{row.run.status === 'ran' ? value(row.run) : '—'}</span>
    </SimpleTableCell>
  );
}

const COLUMNS: ITableColumn<Row>[] = [
  {
    id: 'scanner',
    name: 'Scanner',
    width: 160,
    renderCell: (_r, i, col, { run, label }) => (
      <TwoLineTableCell
        key={col.id}
        columnIndex={i}
        tableColumn={col}
        iconProps={{
          render: (className) => (
            <Status {...STATUS_LOOK[run.status]} size={StatusSize.m} className={`${className ?? ''} flex-noshrink`} ariaLabel={scannerStatusText(run)} />
          ),
        }}
        line1={
          <span className="vigil-cell-wrap font-weight-semibold" title={scannerSummary(run, label)}>
            {label}
          </span>
        }
        line2={<span className="text-ellipsis secondary-text body-s">{scannerVersion(run)}</span>}
      />
    ),
  },
  {
    id: 'result',
    name: 'Result',
    width: -100,
    minWidth: 200,
    renderCell: (_r, i, col, { run }) => {
      const details = [otherResultsText(run), skippedText(run), run.warnings ? formatCount(run.warnings, 'warning') : undefined].filter(Boolean);
      return (
        <TwoLineTableCell
          key={col.id}
          columnIndex={i}
          tableColumn={col}
          line1={<span className={`vigil-cell-wrap vigil-scanner-status vigil-scanner-${run.status}`}>{sentence(scannerStatusText(run))}</span>}
          line2={details.length ? <span className="vigil-cell-wrap secondary-text body-s">{details.join(' · ')}</span> : null}
        />
      );
    },
  },
  { id: 'rules', name: 'Rules', width: 64, justification: ColumnJustification.Right, renderCell: numberCell((r) => number(r.rulesRun)) },
  { id: 'files', name: 'Files', width: 64, justification: ColumnJustification.Right, renderCell: numberCell((r) => number(r.filesScanned)) },
  { id: 'findings', name: 'Findings', width: 80, justification: ColumnJustification.Right, renderCell: numberCell((r) => number(r.findings)) },
  {
    id: 'duration',
    name: 'Time',
    width: 72,
    justification: ColumnJustification.Right,
    renderCell: (_r, i, col, { run }) => (
      <SimpleTableCell key={col.id} columnIndex={i} tableColumn={col} contentClassName="justify-end">
        <span className="secondary-text">{run.status === 'not-run' ? '—' : formatDuration(run.durationMs)}</span>
      </SimpleTableCell>
    ),
  },
];

function ScannerTable({ runs }: { runs: readonly ScannerRun[] }): JSX.Element {
  const provider = React.useMemo(() => new ArrayItemProvider(runs.map((run) => ({ run, label: scannerLabel(run, runs) }))), [runs]);
  return <Table<Row> className="vigil-scanners-table" ariaLabel="Scanners" columns={COLUMNS} itemProvider={provider} containerClassName="h-scroll-auto" />;
}

const WARNING_COLUMNS: ITableColumn<ScanWarning>[] = [
  {
    id: 'path',
    name: 'File',
    width: -40,
    renderCell: (_r, i, col, w) => (
      <SimpleTableCell key={col.id} columnIndex={i} tableColumn={col}>
        {w.path ? (
          <span className="text-ellipsis monospaced-text vigil-warning-path" title={w.path}>
            {w.path}
          </span>
        ) : (
          <span className="secondary-text">—</span>
        )}
      </SimpleTableCell>
    ),
  },
  {
    id: 'message',
    name: 'Warning',
    width: -60,
    renderCell: (_r, i, col, w) => (
      <SimpleTableCell key={col.id} columnIndex={i} tableColumn={col}>
        <span className="vigil-warning-message">{w.message}</span>
      </SimpleTableCell>
    ),
  },
];

function WarningTable({ label, warnings }: { label: string; warnings: ScanWarning[] }): JSX.Element {
  const provider = React.useMemo(() => new ArrayItemProvider(warnings), [warnings]);
  return <Table<ScanWarning> className="vigil-warnings-table" ariaLabel={`${label} warnings`} columns={WARNING_COLUMNS} itemProvider={provider} containerClassName="h-scroll-auto" />;
}

/** The scan's warnings, one table per scanner. */
function ScanWarnings({ warnings, runs }: { warnings: readonly ScanWarning[]; runs: readonly ScannerRun[] }): JSX.Element {
  let budget = MAX_WARNINGS_SHOWN;
  return (
    <section className="vigil-scan-warnings" aria-label="Warnings">
      <h3 className="vigil-detail-heading">Warnings</h3>
      {warningsByScanner(warnings, runs).map((group) => {
        const shown = group.warnings.slice(0, Math.max(budget, 0));
        budget -= shown.length;
        return (
          <div key={group.scanner} className="vigil-warning-group">
            <div className="vigil-warning-scanner">
              <span className="font-weight-semibold">{group.label}</span>
              <span className="secondary-text"> · {formatCount(group.warnings.length, 'warning')}</span>
            </div>
            {shown.length ? <WarningTable label={group.label} warnings={shown} /> : null}
            {shown.length < group.warnings.length ? (
              <div className="secondary-text body-s vigil-warning-more">{`and ${formatCount(group.warnings.length - shown.length, 'more warning')}`}</div>
            ) : null}
          </div>
        );
      })}
    </section>
  );
}

/**
 * What the scan did not see: one line, then each reason with its count, limit and the first files.
 * An incomplete coverage means findings may be missing (a pull-request gate will say so).
 */
function CoverageDetails({ coverage }: { coverage: Coverage }): JSX.Element {
  return (
    <section className="vigil-coverage" aria-label="Coverage">
      <h3 className="vigil-detail-heading">Coverage</h3>
      <p className={`vigil-detail-text ${coverage.complete ? 'vigil-coverage-complete' : 'vigil-coverage-incomplete'}`}>{coverageSummary(coverage)}</p>
      {coverage.skipped.length ? (
        <ul className="vigil-coverage-list">
          {coverage.skipped.map((s) => (
            <li key={s.reason} className="vigil-coverage-item">
              {/* "Too large (limit 5 MB): 12 files", "Symbolic links: 1 file": the reason's words may be a noun or not. */}
              <span className="font-weight-semibold">{sentence(coverageSkipText(s))}</span>
              <span>{`: ${formatCount(s.count, s.reason === 'archive-damaged' ? 'entry' : 'file', s.reason === 'archive-damaged' ? 'entries' : 'files')}`}</span>
              {s.examples.length ? (
                <div className="secondary-text body-s vigil-coverage-examples">
                  {s.examples.map((p, i) => (
                    <React.Fragment key={p}>
                      {i ? ', ' : ''}
                      <span className="monospaced-text">{p}</span>
                    </React.Fragment>
                  ))}
                  {s.count > s.examples.length ? ` and ${(s.count - s.examples.length).toLocaleString('en-US')} more` : ''}
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function noFiguresText(scan: ScanDto): string {
  if (isScanActive(scan.state)) return 'Scanner figures appear when the scan finishes.';
  if (scan.state === 'failed') return 'The scan failed before any scanner ran.';
  if (scan.state === 'interrupted') return 'The scan was interrupted before its scanners finished; it was queued again.';
  return 'This scan recorded no scanner figures.';
}

/** The scanners and warnings of one scan, or why there are none yet. */
export function ScannerFigures({ scan }: { scan: ScanDto }): JSX.Element {
  return (
    <section className="vigil-scanner-figures flex-column" aria-label="Scanners">
      <h3 className="vigil-detail-heading">Scanners</h3>
      {scan.scanners.length ? (
        <ScannerTable runs={scan.scanners} />
      ) : (
        <p className="vigil-detail-text secondary-text">{noFiguresText(scan)}</p>
      )}
      {scan.coverage && scan.state === 'done' ? <CoverageDetails coverage={scan.coverage} /> : null}
      {scan.warnings.length ? <ScanWarnings warnings={scan.warnings} runs={scan.scanners} /> : null}
    </section>
  );
}
