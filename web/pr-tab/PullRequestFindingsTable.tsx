// The findings of a pull-request scan: severity, title and rule, the file and line (linked to the
// source commit in Azure DevOps) and, for new findings, the state of Vigil's comment thread.
import * as React from 'react';
import { type ITableColumn, SimpleTableCell, Table, TwoLineTableCell } from 'azure-devops-ui/Table';
import { ArrayItemProvider } from 'azure-devops-ui/Utilities/Provider';
import type { PullRequestFindingDto } from '../../service/contract/events-api';
import { severityRank } from '../../service/contract/vocabulary';
import { safeHref } from '../common/format';
import { SeverityPill } from '../common/SeverityPill';

export interface PullRequestFindingsTableProps {
  findings: PullRequestFindingDto[];
  /** Show the comment thread column (new findings only: existing ones get no comment). */
  showThreads?: boolean;
  /** Comments are turned off for the organization: say so where a thread would be. */
  commentsOff?: boolean;
  ariaLabel: string;
}

const THREAD_LABELS: Record<NonNullable<PullRequestFindingDto['threadState']>, string> = {
  active: 'Comment open',
  fixed: 'Resolved',
  closed: 'Closed',
};

/** "config/settings.json:12" or ":30–34" for a range. */
export function lineText(f: Pick<PullRequestFindingDto, 'path' | 'line' | 'endLine'>): string {
  if (!f.line) return f.path;
  return f.endLine && f.endLine > f.line ? `${f.path}:${f.line}–${f.endLine}` : `${f.path}:${f.line}`;
}

type Row = PullRequestFindingDto;

export function PullRequestFindingsTable({ findings, showThreads = false, commentsOff = false, ariaLabel }: PullRequestFindingsTableProps): JSX.Element {
  const columns = React.useMemo(() => {
    const cols: ITableColumn<Row>[] = [
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
            line1={<span className="text-ellipsis" title={f.message ?? f.title}>{f.title}</span>}
            line2={<span className="text-ellipsis secondary-text body-s">{f.ruleId}</span>}
          />
        ),
      },
      {
        id: 'location',
        name: 'File',
        width: -40,
        renderCell: (_r, i, col, f) => {
          const href = safeHref(f.webUrl);
          const text = lineText(f);
          return (
            <SimpleTableCell columnIndex={i} tableColumn={col} key={col.id}>
              {href ? (
                <a className="text-ellipsis vigil-pr-file" href={href} target="_blank" rel="noopener noreferrer" title={text}>
                  {text}
                </a>
              ) : (
                <span className="text-ellipsis vigil-pr-file" title={text}>
                  {text}
                </span>
              )}
            </SimpleTableCell>
          );
        },
      },
    ];
    if (showThreads) {
      cols.push({
        id: 'thread',
        name: 'Comment',
        width: 140,
        renderCell: (_r, i, col, f) => (
          <SimpleTableCell columnIndex={i} tableColumn={col} key={col.id}>
            <span className={`text-ellipsis${f.threadState ? '' : ' secondary-text'}`}>
              {f.threadState ? THREAD_LABELS[f.threadState] : commentsOff ? 'Comments off' : 'No comment'}
            </span>
          </SimpleTableCell>
        ),
      });
    }
    return cols;
  }, [showThreads, commentsOff]);
  // The most severe first (those that fail the gate lead); the scan's order (by place) within a severity.
  const items = React.useMemo(
    () => new ArrayItemProvider(findings.map((f, i) => ({ f, i })).sort((a, b) => severityRank(a.f.severity) - severityRank(b.f.severity) || a.i - b.i).map((x) => x.f)),
    [findings],
  );
  return <Table<Row> ariaLabel={ariaLabel} className="vigil-pr-findings" columns={columns} itemProvider={items} role="table" containerClassName="h-scroll-auto" />;
}
