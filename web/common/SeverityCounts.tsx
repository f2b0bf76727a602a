import * as React from 'react';
import { PillGroup, PillGroupOverflow } from 'azure-devops-ui/PillGroup';
import type { SeverityCounts as Counts } from '../../service/contract/api';
import { SEVERITIES } from '../../service/contract/vocabulary';
import { SeverityPill } from './SeverityPill';

/** One pill per severity that has open findings ("Critical 2  High 5"), or a quiet "None". */
export function SeverityCounts({ counts }: { counts: Counts }): JSX.Element {
  const present = SEVERITIES.filter((s) => counts[s] > 0);
  if (present.length === 0) return <span className="secondary-text">None</span>;
  return (
    <PillGroup className="vigil-severity-counts" overflow={PillGroupOverflow.wrap}>
      {present.map((s) => (
        <SeverityPill key={s} severity={s} suffix={counts[s]} />
      ))}
    </PillGroup>
  );
}
