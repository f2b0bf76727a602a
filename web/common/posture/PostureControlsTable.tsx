// The controls of the scope, one row each: severity, control (title, id and area), verdict, failing
// objects, references. A row opens the control's panel.
import * as React from 'react';
import { type ITableColumn, SimpleTableCell, Table, TwoLineTableCell } from 'azure-devops-ui/Table';
import { ArrayItemProvider } from 'azure-devops-ui/Utilities/Provider';
import type { PostureControlDto } from '../../../service/contract/api';
import { POSTURE_AREA_LABELS } from '../../../service/contract/vocabulary';
import { SeverityPill } from '../SeverityPill';
import { PostureOutcomePill } from './PostureOutcomePill';
import { failingText, orderedReferences, referenceText } from './posture';

export interface PostureControlsTableProps {
  controls: PostureControlDto[];
  onActivate?: (control: PostureControlDto) => void;
}

/** References shown in the row; the panel lists them all. */
const REFERENCES_IN_ROW = 2;

const COLUMNS: ITableColumn<PostureControlDto>[] = [
  {
    id: 'severity',
    name: 'Severity',
    width: 104,
    renderCell: (_r, i, col, c) => (
      <SimpleTableCell key={col.id} columnIndex={i} tableColumn={col}>
        <SeverityPill severity={c.severity} />
      </SimpleTableCell>
    ),
  },
  {
    id: 'control',
    name: 'Control',
    width: -46,
    renderCell: (_r, i, col, c) => (
      <TwoLineTableCell
        key={col.id}
        columnIndex={i}
        tableColumn={col}
        line1={
          <span className="text-ellipsis font-weight-semibold" title={c.title}>
            {c.title}
          </span>
        }
        line2={
          <span className="text-ellipsis secondary-text body-s" title={`${c.id} · ${POSTURE_AREA_LABELS[c.area]}`}>
            <span className="monospaced-text vigil-rule-id">{c.id}</span> · {POSTURE_AREA_LABELS[c.area] ?? c.area}
          </span>
        }
      />
    ),
  },
  {
    id: 'outcome',
    name: 'Outcome',
    width: 130,
    renderCell: (_r, i, col, c) => (
      <SimpleTableCell key={col.id} columnIndex={i} tableColumn={col}>
        <PostureOutcomePill outcome={c.outcome} />
      </SimpleTableCell>
    ),
  },
  {
    id: 'failing',
    name: 'Failing resources',
    width: -18,
    renderCell: (_r, i, col, c) => {
      const { main, extra } = failingText(c);
      return (
        <TwoLineTableCell
          key={col.id}
          columnIndex={i}
          tableColumn={col}
          line1={<span className={`vigil-posture-failing ${c.counts.fail ? 'font-weight-semibold' : 'secondary-text'}`}>{main}</span>}
          line2={extra ? <span className="text-ellipsis secondary-text body-s">{extra}</span> : null}
        />
      );
    },
  },
  {
    id: 'references',
    name: 'References',
    width: -22,
    renderCell: (_r, i, col, c) => {
      const refs = orderedReferences(c.references);
      const shown = refs.slice(0, REFERENCES_IN_ROW).map(referenceText);
      const all = refs.map(referenceText).join(', ');
      return (
        <TwoLineTableCell
          key={col.id}
          columnIndex={i}
          tableColumn={col}
          line1={
            <span className="text-ellipsis body-s" title={all}>
              {shown.length ? shown[0] : '—'}
            </span>
          }
          line2={
            shown.length > 1 ? (
              <span className="text-ellipsis secondary-text body-s" title={all}>
                {shown[1]}
                {refs.length > REFERENCES_IN_ROW ? ` +${refs.length - REFERENCES_IN_ROW}` : ''}
              </span>
            ) : null
          }
        />
      );
    },
  },
];

export function PostureControlsTable({ controls, onActivate }: PostureControlsTableProps): JSX.Element {
  const provider = React.useMemo(() => new ArrayItemProvider(controls), [controls]);
  return (
    <Table<PostureControlDto>
      className="vigil-posture-table"
      ariaLabel="Posture controls"
      columns={COLUMNS}
      itemProvider={provider}
      singleClickActivation
      onActivate={onActivate ? (_e, row) => onActivate(row.data) : undefined}
      containerClassName="h-scroll-auto"
    />
  );
}
