// At a glance: controls by verdict over the scope, then per area how many controls fail, pass or could
// not be judged (not available is never folded into pass or fail). An area tile filters the table.
import * as React from 'react';
import { Card } from 'azure-devops-ui/Card';
import { Icon } from 'azure-devops-ui/Icon';
import type { PostureControlCounts, PostureSummary } from '../../../service/contract/api';
import type { PostureArea } from '../../../service/contract/vocabulary';
import { areaProblemText } from './posture';

export interface PostureAreaSummaryProps {
  summary: PostureSummary;
  /** The area the table is filtered on, if any. */
  selectedArea?: PostureArea;
  onSelectArea?: (area: PostureArea | undefined) => void;
  /** In a project: leave out areas where nothing applies (organization-wide settings, users). */
  hideNotApplicable?: boolean;
}

const FIGURES: { key: keyof PostureControlCounts; label: string }[] = [
  { key: 'fail', label: 'Failing' },
  { key: 'exempted', label: 'Exempted' },
  { key: 'pass', label: 'Passing' },
  { key: 'notAvailable', label: 'Not available' },
  { key: 'notApplicable', label: 'Not applicable' },
];

function Figure({ value, label, kind }: { value: number; label: string; kind: keyof PostureControlCounts }): JSX.Element {
  return (
    <div className={`vigil-posture-figure vigil-posture-figure-${kind} flex-column`}>
      <span className="vigil-posture-figure-value">{value.toLocaleString('en-US')}</span>
      <span className="vigil-posture-figure-label secondary-text">{label}</span>
    </div>
  );
}

/** "3 failing · 12 passing · 2 not available" for one area, numbers that are 0 left out (but never all). */
function AreaCounts({ counts }: { counts: PostureControlCounts }): JSX.Element {
  const parts = FIGURES.filter((f) => counts[f.key] > 0 && f.key !== 'notApplicable');
  if (!parts.length) return <span className="secondary-text body-s">{counts.notApplicable ? `${counts.notApplicable} not applicable` : 'No controls'}</span>;
  return (
    <span className="vigil-posture-area-counts body-s">
      {parts.map((f, i) => (
        <React.Fragment key={f.key}>
          {i ? <span className="secondary-text"> · </span> : null}
          <span className={`vigil-posture-count-${f.key}`}>
            {counts[f.key]} {f.label.toLowerCase()}
          </span>
        </React.Fragment>
      ))}
    </span>
  );
}

/** An area none of whose controls judged anything is left out, unless it could not be read. */
const shown = (hideNotApplicable: boolean) => (a: PostureSummary['byArea'][number]) => {
  if (a.status?.state === 'not-available' || a.status?.state === 'partial') return true;
  const { notApplicable, ...judged } = a.controls;
  return Object.values(judged).some((n) => n > 0) || (!hideNotApplicable && notApplicable > 0);
};

export function PostureAreaSummary({ summary, selectedArea, onSelectArea, hideNotApplicable = false }: PostureAreaSummaryProps): JSX.Element {
  const totals = summary.totals.controls;
  return (
    <Card className="vigil-posture-glance" titleProps={{ text: 'At a glance', ariaLevel: 3 }} headerDescriptionProps={{ text: "Controls by outcome over every object in scope" }}>
      <div className="flex-column flex-grow">
        <div className="flex-row flex-wrap vigil-posture-figures" aria-label="Controls by outcome">
          {FIGURES.map((f) => (
            <Figure key={f.key} kind={f.key} value={totals[f.key]} label={f.label} />
          ))}
        </div>
        <ul className="vigil-posture-areas" aria-label="Controls by area">
          {summary.byArea.filter(shown(hideNotApplicable)).map((a) => {
            const unavailable = a.status?.state === 'not-available';
            const partial = a.status?.state === 'partial';
            const selected = selectedArea === a.area;
            return (
              <li key={a.area}>
                <button
                  type="button"
                  className={`vigil-posture-area flex-column${selected ? ' selected' : ''}${unavailable ? ' unavailable' : ''}`}
                  aria-pressed={selected}
                  title={selected ? 'Show every area' : `Show the controls of ${a.label}`}
                  onClick={() => onSelectArea?.(selected ? undefined : a.area)}
                >
                  <span className="vigil-posture-area-name font-weight-semibold flex-row flex-center">
                    {unavailable || partial ? <Icon iconName="Warning" className="vigil-posture-area-warning" /> : null}
                    <span className="text-ellipsis">{a.label}</span>
                  </span>
                  {unavailable ? (
                    <>
                      <span className="vigil-posture-area-problem body-s">Not assessed: {areaProblemText(a.status!)}</span>
                      {/* A failure stays open until an assessment reads the area again and finds it fixed. */}
                      {a.controls.fail || a.controls.exempted ? (
                        <span className="body-s vigil-posture-area-stale">
                          <span className="secondary-text">Last known: </span>
                          <AreaCounts counts={{ ...a.controls, notAvailable: 0, pass: 0 }} />
                        </span>
                      ) : null}
                    </>
                  ) : (
                    <AreaCounts counts={a.controls} />
                  )}
                  {partial ? <span className="vigil-posture-area-problem body-s">Partly read: some objects may be missing</span> : null}
                </button>
              </li>
            );
          })}
        </ul>
      </div>
    </Card>
  );
}
