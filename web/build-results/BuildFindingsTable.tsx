// The findings of a build's SARIF: severity, the finding with its rule and tool, the file and line
// linked to the built commit, and, when the task compared with a baseline, whether it is new.
import * as React from 'react';
import { type ITableColumn, SimpleTableCell, Table, TwoLineTableCell } from 'azure-devops-ui/Table';
import { ArrayItemProvider } from 'azure-devops-ui/Utilities/Provider';
import { safeHref } from '../common/format';
import { SeverityPill } from '../common/SeverityPill';
import { isNew, type BuildFindingRow } from './build-scan';

export interface BuildFindingsTableProps {
  findings: BuildFindingRow[];
  /** Show the New / In baseline column (the task compared the run with a baseline). */
  showBaseline: boolean;
  ariaLabel: string;
}

/** "src/app.ts:12", the path alone without a line, or a word when the result names no file. */
export function placeText(f: Pick<BuildFindingRow, 'path' | 'line'>): string {
  if (!f.path) return '(no file)';
  return f.line ? `${f.path}:${f.line}` : f.path;
}

export function BuildFindingsTable({ findings, showBaseline, ariaLabel }: BuildFindingsTableProps): JSX.Element {
  const columns = React.useMemo(() => {
    const cols: ITableColumn<BuildFindingRow>[] = [
      {
        id: 'severity',
        name: 'Severity',
        width: 104,
        renderCell: (_r, i, col, f) => (
          <SimpleTableCell columnIndex={i} tableColumn={col} key={col.id}>
            <SeverityPill severity={f.severity} />
          </SimpleTableCell>
        ),
      },
      {
        id: 'title',
        name: 'Finding',
        width: -50,
        renderCell: (_r, i, col, f) => (
          <TwoLineTableCell
            columnIndex={i}
            tableColumn={col}
            key={col.id}
            line1={<span className="text-ellipsis" title={f.message}>{f.title}</span>}
            line2={<span className="text-ellipsis secondary-text body-s">{f.tool === 'Vigil' ? f.ruleId : `${f.ruleId} · ${f.tool}`}</span>}
          />
        ),
      },
      {
        id: 'location',
        name: 'File',
        width: -40,
        renderCell: (_r, i, col, f) => {
          const href = safeHref(f.webUrl);
          const text = placeText(f);
          return (
            <SimpleTableCell columnIndex={i} tableColumn={col} key={col.id}>
              {href ? (
                <a className="text-ellipsis vigil-build-file" href={href} target="_blank" rel="noopener noreferrer" title={text}>
                  {text}
                </a>
              ) : (
                <span className="text-ellipsis vigil-build-file" title={text}>
                  {text}
                </span>
              )}
            </SimpleTableCell>
          );
        },
      },
    ];
    if (showBaseline) {
      cols.push({
        id: 'baseline',
        name: 'Baseline',
        width: 120,
        renderCell: (_r, i, col, f) => (
          <SimpleTableCell columnIndex={i} tableColumn={col} key={col.id}>
            <span className={isNew(f) ? 'font-weight-semibold' : 'secondary-text'}>{isNew(f) ? 'New' : 'In baseline'}</span>
          </SimpleTableCell>
        ),
      });
    }
    return cols;
  }, [showBaseline]);
  const items = React.useMemo(() => new ArrayItemProvider(findings), [findings]);
  return <Table<BuildFindingRow> ariaLabel={ariaLabel} className="vigil-build-findings" columns={columns} itemProvider={items} role="table" containerClassName="h-scroll-auto" />;
}
