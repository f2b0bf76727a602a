// What changed since the previous assessment: failures that appeared (new or back again) and fixed ones.
import * as React from 'react';
import { Card } from 'azure-devops-ui/Card';
import { Icon } from 'azure-devops-ui/Icon';
import type { PostureAssessmentDto, PostureChange } from '../../../service/contract/api';
import { locationText } from '../../../service/contract/places';
import { changesInScope } from './posture';

/** Changes listed per kind; the rest are counted. */
const SHOWN = 5;

function ChangeList({ label, changes, total, icon, kind }: { label: string; changes: PostureChange[]; total: number; icon: string; kind: string }): JSX.Element {
  return (
    <div className={`vigil-posture-change-list vigil-posture-${kind} flex-column`}>
      <span className="font-weight-semibold flex-row flex-center">
        <Icon iconName={icon} className={`vigil-posture-change-icon vigil-posture-change-icon-${kind}`} />
        {label}: {total.toLocaleString('en-US')}
      </span>
      {changes.length ? (
        <ul aria-label={label}>
          {changes.slice(0, SHOWN).map((c) => (
            <li key={`${c.controlId}:${c.subjectKey}`} className="body-s">
              <span className="monospaced-text vigil-rule-id">{c.controlId}</span> {c.title}
              <span className="secondary-text"> · {locationText(c.object)}</span>
            </li>
          ))}
          {total > SHOWN ? <li className="secondary-text body-s">{`and ${(total - SHOWN).toLocaleString('en-US')} more`}</li> : null}
        </ul>
      ) : (
        <span className="secondary-text body-s">None</span>
      )}
    </div>
  );
}

export interface PostureChangesProps {
  assessment: PostureAssessmentDto;
  project?: string;
  /** True: no assessment came before this one, so every failure would read as new. */
  first?: boolean;
}

export function PostureChanges({ assessment, project, first }: PostureChangesProps): JSX.Element {
  if (first) {
    return (
      <Card className="vigil-posture-changes" titleProps={{ text: 'Since the previous assessment', ariaLevel: 3 }}>
        <span className="secondary-text">This is the first assessment: the next one shows which failures are new and which were fixed.</span>
      </Card>
    );
  }
  const newFailures = changesInScope(assessment.changes.newFailures, project);
  const fixed = changesInScope(assessment.changes.fixed, project);
  // Organization-wide the counts cover more than the lists carry; a project sees only its own list.
  const newTotal = project ? newFailures.length : assessment.newFailures;
  const fixedTotal = project ? fixed.length : assessment.fixed;
  return (
    <Card className="vigil-posture-changes" titleProps={{ text: 'Since the previous assessment', ariaLevel: 3 }}>
      {newTotal || fixedTotal ? (
        <div className="flex-row flex-wrap vigil-posture-change-lists">
          <ChangeList label="New failures" changes={newFailures} total={newTotal} icon="StatusErrorFull" kind="new" />
          <ChangeList label="Fixed" changes={fixed} total={fixedTotal} icon="SkypeCircleCheck" kind="fixed" />
        </div>
      ) : (
        <span className="secondary-text">Nothing changed: no new failure and nothing fixed.</span>
      )}
    </Card>
  );
}
