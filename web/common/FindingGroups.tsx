// The Findings list grouped by rule or by repository: one row per group with its counts by severity (the
// most severe groups first); expanding a group shows its findings, which is the list itself filtered by
// the group's rule or repository.
import * as React from 'react';
import { Button } from 'azure-devops-ui/Button';
import { Card } from 'azure-devops-ui/Card';
import { Spinner, SpinnerSize } from 'azure-devops-ui/Spinner';
import { getSafeId } from 'azure-devops-ui/Util';
import type { FindingDto, FindingGroupCount, FindingGrouping } from '../../service/contract/api';
import { CATEGORY_LABELS } from '../../service/contract/vocabulary';
import type { FindingQuery, VigilApi } from './api';
import { ErrorState } from './ErrorState';
import { type FindingColumn, FindingsTable } from './FindingsTable';
import { formatCount } from './format';
import { LoadMore } from './LoadMore';
import { useFindingGroups, useFindingList } from './queries';
import { SeverityCounts } from './SeverityCounts';

export interface FindingGroupsProps {
  api: VigilApi;
  /** The list's query (filters, search, scope): the groups and their findings follow it. */
  query: FindingQuery;
  by: FindingGrouping;
  onOpen: (finding: FindingDto) => void;
  hideColumns?: FindingColumn[];
  now?: number;
  pageSize?: number;
}

/** The list's query narrowed to one group ('' is the group of findings of no repository: not a filter the list has). */
export function groupQuery(query: FindingQuery, by: FindingGrouping, key: string): FindingQuery | undefined {
  if (by === 'rule') return { ...query, rule: key };
  return key ? { ...query, repository: key } : undefined;
}

/** An element id for a group (rule ids and repository ids hold only id-safe characters, but to be sure). */
const groupId = (by: FindingGrouping, key: string): string => `vigil-group-${by}-${(key || 'none').replace(/[^A-Za-z0-9_-]/g, '_')}`;

function GroupFindings({ api, query, onOpen, hideColumns, now }: { api: VigilApi; query: FindingQuery; onOpen: (f: FindingDto) => void; hideColumns?: FindingColumn[]; now?: number }): JSX.Element {
  const list = useFindingList(api, query, 20);
  if (list.loading) return <Spinner size={SpinnerSize.medium} label="Loading findings…" className="vigil-block" />;
  return (
    <>
      {list.error !== undefined ? <ErrorState error={list.error} context="Could not load findings" onRetry={list.retry} className="vigil-block" /> : null}
      {list.items.length ? (
        <FindingsTable findings={list.items} onActivate={onOpen} hideColumns={hideColumns} now={now} />
      ) : null}
      <LoadMore hasMore={list.hasMore} loading={list.loadingMore} onLoad={list.loadMore} />
    </>
  );
}

function GroupRow({ group, by, expanded, onToggle }: { group: FindingGroupCount; by: FindingGrouping; expanded: boolean; onToggle?: () => void }): JSX.Element {
  const id = groupId(by, group.key);
  const subtitle =
    by === 'rule'
      ? [group.category ? CATEGORY_LABELS[group.category] : undefined, group.title].filter(Boolean).join(' · ')
      : group.key
        ? group.projectName
        : 'Of no repository (DevOps posture): listed without grouping';
  return (
    <div className="flex-row flex-center vigil-group-row" id={`${id}-row`}>
      {onToggle ? (
        <Button
          subtle
          iconProps={{ iconName: expanded ? 'ChevronDown' : 'ChevronRight' }}
          ariaLabel={`${expanded ? 'Collapse' : 'Expand'} ${group.name}, ${formatCount(group.count, 'finding')}`}
          ariaExpanded={expanded}
          // The button names the id as azure-devops-ui makes it safe (getSafeId); the region carries the same.
          ariaControls={expanded ? `${id}-findings` : undefined}
          onClick={onToggle}
        />
      ) : (
        <span className="vigil-group-spacer" style={{ width: 32 }} />
      )}
      <div className="flex-column flex-grow vigil-group-name">
        <span className="font-weight-semibold text-ellipsis">{group.name}</span>
        {subtitle ? <span className="secondary-text body-s text-ellipsis">{subtitle}</span> : null}
      </div>
      <SeverityCounts counts={group.severities} />
      <span className="secondary-text body-s flex-noshrink">{formatCount(group.count, 'finding')}</span>
    </div>
  );
}

export function FindingGroups({ api, query, by, onOpen, hideColumns, now, pageSize = 50 }: FindingGroupsProps): JSX.Element {
  const groups = useFindingGroups(api, query, by, pageSize);
  const [expanded, setExpanded] = React.useState<ReadonlySet<string>>(new Set());
  React.useEffect(() => setExpanded(new Set()), [by]);
  const toggle = (key: string) =>
    setExpanded((prev) => {
      const next = new Set(prev);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  if (groups.loading) return <Spinner size={SpinnerSize.large} label="Loading groups…" className="vigil-block" />;
  return (
    <div className="flex-column vigil-finding-groups">
      {groups.error !== undefined ? <ErrorState error={groups.error} context="Could not load the groups" onRetry={groups.retry} className="vigil-block" /> : null}
      <div className="vigil-list-summary secondary-text body-s">
        {formatCount(groups.total, by === 'rule' ? 'rule' : 'repository', by === 'rule' ? 'rules' : 'repositories')}
      </div>
      <Card className="bolt-table-card vigil-table-card" contentProps={{ contentPadding: false }}>
        <ul className="vigil-group-list flex-column flex-grow" aria-label={by === 'rule' ? 'Findings by rule' : 'Findings by repository'}>
          {groups.items.map((g) => {
            const q = groupQuery(query, by, g.key);
            const open = expanded.has(g.key) && q !== undefined;
            const id = groupId(by, g.key);
            return (
              <li key={g.key} className="flex-column">
                <GroupRow group={g} by={by} expanded={open} onToggle={q ? () => toggle(g.key) : undefined} />
                {open ? (
                  <div id={getSafeId(`${id}-findings`)} className="vigil-group-findings" role="region" aria-label={`Findings of ${g.name}`}>
                    <GroupFindings api={api} query={q} onOpen={onOpen} hideColumns={hideColumns} now={now} />
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
      </Card>
      <LoadMore hasMore={groups.hasMore} loading={groups.loadingMore} onLoad={groups.loadMore} />
    </div>
  );
}
