// Merged pull requests, one row each: the pull request (title, repository and number), when it was
// completed into which branch, and the outcome of each of the five checks. A row opens its evidence.
import * as React from 'react';
import { type ITableColumn, SimpleTableCell, Table, TwoLineTableCell } from 'azure-devops-ui/Table';
import { ArrayItemProvider } from 'azure-devops-ui/Utilities/Provider';
import { COMPLIANCE_CHECK_IDS, COMPLIANCE_CHECK_LABELS, type CompliancePullRequestDto } from '../../../service/contract/compliance-api';
import { absoluteTime, formatDay } from '../format';
import { ComplianceOutcomePill } from './ComplianceOutcomePill';
import { CHECK_SHORT_LABELS, shortBranch } from './compliance';

export interface CompliancePullRequestsTableProps {
  pullRequests: CompliancePullRequestDto[];
  onActivate?: (pr: CompliancePullRequestDto) => void;
  ariaLabel?: string;
}

const COLUMNS: ITableColumn<CompliancePullRequestDto>[] = [
  {
    id: 'pullRequest',
    name: 'Pull request',
    width: -40,
    renderCell: (_r, i, col, pr) => (
      <TwoLineTableCell
        key={col.id}
        columnIndex={i}
        tableColumn={col}
        line1={
          <span className="text-ellipsis font-weight-semibold" title={pr.title}>
            {pr.title ?? `Pull request ${pr.pullRequestId}`}
          </span>
        }
        line2={
          <span className="text-ellipsis secondary-text body-s">
            {`${pr.projectName ? `${pr.projectName} / ` : ''}${pr.repositoryName ?? pr.repositoryId} · !${pr.pullRequestId}${pr.author ? ` · ${pr.author}` : ''}`}
          </span>
        }
      />
    ),
  },
  {
    id: 'closed',
    name: 'Completed',
    width: -14,
    renderCell: (_r, i, col, pr) => (
      <TwoLineTableCell
        key={col.id}
        columnIndex={i}
        tableColumn={col}
        line1={<span title={absoluteTime(pr.closedAt)}>{formatDay(pr.closedAt.slice(0, 10))}</span>}
        line2={
          <span className="text-ellipsis secondary-text body-s monospaced-text" title={pr.targetRef}>
            {shortBranch(pr.targetRef)}
          </span>
        }
      />
    ),
  },
  ...COMPLIANCE_CHECK_IDS.map(
    (checkId): ITableColumn<CompliancePullRequestDto> => ({
      id: checkId,
      name: CHECK_SHORT_LABELS[checkId],
      width: -9,
      renderCell: (_r, i, col, pr) => {
        const result = pr.checks.find((c) => c.checkId === checkId);
        return (
          <SimpleTableCell key={col.id} columnIndex={i} tableColumn={col}>
            {result ? (
              <span title={`${COMPLIANCE_CHECK_LABELS[checkId]}: ${result.message ?? result.reason ?? ''}`}>
                <ComplianceOutcomePill outcome={result.outcome} />
              </span>
            ) : (
              <span className="secondary-text body-s" title={`${COMPLIANCE_CHECK_LABELS[checkId]} does not apply to this repository`}>
                Not checked
              </span>
            )}
          </SimpleTableCell>
        );
      },
    }),
  ),
];

export function CompliancePullRequestsTable({ pullRequests, onActivate, ariaLabel = 'Merged pull requests' }: CompliancePullRequestsTableProps): JSX.Element {
  const provider = React.useMemo(() => new ArrayItemProvider(pullRequests), [pullRequests]);
  return (
    <Table<CompliancePullRequestDto>
      className="vigil-compliance-table"
      ariaLabel={ariaLabel}
      columns={COLUMNS}
      itemProvider={provider}
      singleClickActivation
      onActivate={onActivate ? (_e, row) => onActivate(row.data) : undefined}
      containerClassName="h-scroll-auto"
    />
  );
}
