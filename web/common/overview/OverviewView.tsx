// The Overview tab: open findings by severity and category, new and fixed per day, mean time to fix,
// top repositories and rules, and what the last scans covered. A number with a filter behind it opens
// the Findings tab filtered on it.
import * as React from 'react';
import { useQuery } from '@tanstack/react-query';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Card } from 'azure-devops-ui/Card';
import type { Filter } from 'azure-devops-ui/Utilities/Filter';
import { Link } from 'azure-devops-ui/Link';
import { MessageCard, MessageCardSeverity } from 'azure-devops-ui/MessageCard';
import { Spinner, SpinnerSize } from 'azure-devops-ui/Spinner';
import { Tab, TabBar, TabSize } from 'azure-devops-ui/Tabs';
import type { Overview } from '../../../service/contract/api';
import { OVERVIEW_WINDOWS } from '../../../service/contract/api';
import { CATEGORIES, CATEGORY_LABELS, SEVERITIES, SEVERITY_LABELS, type Category, type Severity } from '../../../service/contract/vocabulary';
import type { VigilApi } from '../api';
import { ErrorState } from '../ErrorState';
import { POLL_MS } from '../queries';
import { FILTER_KEYS } from '../FindingsView';
import { formatCount, formatDay } from '../format';
import { scannerLabel } from '../scanners';
import { SeverityPill } from '../SeverityPill';
import './overview.css';

/** What a number opens: the findings list with these filters (open findings only). */
export interface FindingsLink {
  severity?: Severity;
  category?: Category;
  repository?: string;
}

export interface OverviewViewProps {
  api: VigilApi;
  /** One project's overview; undefined: the organization's. */
  project?: string;
  onOpenFindings: (link: FindingsLink) => void;
  /** The organization's first discovery is running: nothing to sum up yet. */
  discovering?: boolean;
}

export function useOverview(api: VigilApi, project: string | undefined, days: number) {
  return useQuery({
    queryKey: ['overview', { project, days }],
    queryFn: () => api.overview({ project, days }),
    // While repositories scan, the figures move: read them again until the scans end.
    refetchInterval: (o?: Overview) => (o && o.coverage.repositories.scanning > 0 ? POLL_MS : false),
  });
}

export function OverviewView({ api, project, onOpenFindings, discovering = false }: OverviewViewProps): JSX.Element {
  const [days, setDays] = React.useState<number>(OVERVIEW_WINDOWS[0]);
  const q = useOverview(api, project, days);
  if (discovering) return <Spinner size={SpinnerSize.large} label="Vigil is discovering the organization's repositories…" className="vigil-block" />;
  return (
    <div className="vigil-overview flex-column rhythm-vertical-16">
      <TabBar className="vigil-overview-window" selectedTabId={String(days)} onSelectedTabChanged={(id) => setDays(Number(id))} tabSize={TabSize.Compact}>
        {OVERVIEW_WINDOWS.map((d) => (
          <Tab key={d} id={String(d)} name={`Last ${d} days`} />
        ))}
      </TabBar>
      {q.isError && !q.data ? (
        <ErrorState error={q.error} context="Could not load the overview" onRetry={() => void q.refetch()} />
      ) : !q.data ? (
        <Spinner size={SpinnerSize.large} label="Loading…" />
      ) : (
        <OverviewFigures overview={q.data} days={days} onOpenFindings={onOpenFindings} />
      )}
    </div>
  );
}

function NumberLink({ value, label, onClick }: { value: number; label: string; onClick?: () => void }): JSX.Element {
  const text = value.toLocaleString('en-US');
  return onClick && value > 0 ? (
    <Link className="vigil-overview-number" onClick={onClick} ariaLabel={`${text} ${label}: show them`}>
      {text}
    </Link>
  ) : (
    <span className="vigil-overview-number">{text}</span>
  );
}

function Figure({ label, children }: { label: string; children: React.ReactNode }): JSX.Element {
  return (
    <div className="vigil-overview-figure flex-column">
      <span className="vigil-overview-figure-value">{children}</span>
      <span className="secondary-text body-s">{label}</span>
    </div>
  );
}

export function OverviewFigures({ overview: o, days, onOpenFindings }: { overview: Overview; days: number; onOpenFindings: (link: FindingsLink) => void }): JSX.Element {
  const categories = CATEGORIES.filter((c) => o.open.byCategory[c] > 0);
  const repos = o.coverage.repositories;
  return (
    <>
      {o.lastDiscoveryError ? (
        <MessageCard severity={MessageCardSeverity.Error} className="vigil-overview-discovery-error">
          {`The last discovery failed: ${o.lastDiscoveryError}`}
        </MessageCard>
      ) : null}
      <Card className="vigil-overview-figures" contentProps={{ className: 'flex-row flex-wrap' }}>
        <Figure label="open findings">
          <NumberLink value={o.open.total} label="open findings" onClick={() => onOpenFindings({})} />
        </Figure>
        <Figure label={`new in the last ${days} days`}>{o.newInWindow.toLocaleString('en-US')}</Figure>
        <Figure label={`fixed in the last ${days} days`}>{o.fixedInWindow.toLocaleString('en-US')}</Figure>
        <Figure label="mean time to fix">{o.meanDaysToFix === undefined ? '–' : `${o.meanDaysToFix.toLocaleString('en-US')} days`}</Figure>
      </Card>
      <div className="vigil-overview-row flex-row flex-wrap">
        <Card className="vigil-overview-card" titleProps={{ text: 'Open findings by severity' }}>
          <ul className="vigil-overview-list">
            {SEVERITIES.map((s) => (
              <li key={s} className="flex-row flex-center">
                <SeverityPill severity={s} />
                <span className="flex-grow" />
                <NumberLink value={o.open.bySeverity[s]} label={`${SEVERITY_LABELS[s]} findings`} onClick={() => onOpenFindings({ severity: s })} />
              </li>
            ))}
          </ul>
        </Card>
        <Card className="vigil-overview-card" titleProps={{ text: 'Open findings by category' }}>
          {categories.length ? (
            <ul className="vigil-overview-list">
              {categories.map((c) => (
                <li key={c} className="flex-row flex-center">
                  <span>{CATEGORY_LABELS[c]}</span>
                  <span className="flex-grow" />
                  <NumberLink value={o.open.byCategory[c]} label={`${CATEGORY_LABELS[c]} findings`} onClick={() => onOpenFindings({ category: c })} />
                </li>
              ))}
            </ul>
          ) : (
            <span className="secondary-text">No open findings.</span>
          )}
        </Card>
        <Card className="vigil-overview-card vigil-overview-trend" titleProps={{ text: `New and fixed findings per day, last ${days} days` }}>
          <TrendChart trend={o.trend} />
        </Card>
      </div>
      <div className="vigil-overview-row flex-row flex-wrap">
        <Card className="vigil-overview-card" titleProps={{ text: 'Repositories with the most open findings' }}>
          {o.topRepositories.length ? (
            <ol className="vigil-overview-list">
              {o.topRepositories.map((r) => (
                <li key={r.id} className="flex-row flex-center">
                  <span className="flex-column vigil-overview-name">
                    <span className="text-ellipsis">{r.name}</span>
                    <span className="secondary-text body-s text-ellipsis">{r.projectName}</span>
                  </span>
                  <span className="flex-grow" />
                  <SeverityPill severity={r.worstSeverity} />
                  <NumberLink value={r.open} label={`open findings in ${r.name}`} onClick={() => onOpenFindings({ repository: r.id })} />
                </li>
              ))}
            </ol>
          ) : (
            <span className="secondary-text">No repository has open findings.</span>
          )}
        </Card>
        <Card className="vigil-overview-card" titleProps={{ text: 'Rules with the most open findings' }}>
          {o.topRules.length ? (
            <ol className="vigil-overview-list">
              {o.topRules.map((r) => (
                <li key={r.ruleId} className="flex-row flex-center">
                  <span className="flex-column vigil-overview-name">
                    <span className="text-ellipsis">{r.title}</span>
                    <span className="secondary-text body-s text-ellipsis">
                      {r.ruleId} · {CATEGORY_LABELS[r.category]}
                    </span>
                  </span>
                  <span className="flex-grow" />
                  <SeverityPill severity={r.severity} />
                  <span className="vigil-overview-number">{r.open.toLocaleString('en-US')}</span>
                </li>
              ))}
            </ol>
          ) : (
            <span className="secondary-text">No open findings.</span>
          )}
        </Card>
        <Card className="vigil-overview-card" titleProps={{ text: 'Coverage' }}>
          <div className="flex-column rhythm-vertical-8">
            <span>
              {repos.scanned.toLocaleString('en-US')} of {formatCount(repos.total, 'repository', 'repositories')} scanned
            </span>
            <span className="secondary-text body-s vigil-overview-coverage">
              {[
                repos.scanning ? `${repos.scanning} scanning now` : '',
                repos.failing ? `${repos.failing} whose last scan failed` : '',
                repos.never ? `${repos.never} never scanned` : '',
                repos.skipped ? `${repos.skipped} skipped (disabled or empty)` : '',
              ]
                .filter(Boolean)
                .join(' · ') || 'Every repository has a completed scan.'}
            </span>
            {o.coverage.scanners.length ? (
              <table className="vigil-overview-scanners">
                <thead>
                  <tr>
                    <th scope="col">Scanner</th>
                    <th scope="col">Ran</th>
                    <th scope="col">Not run</th>
                    <th scope="col">Failed</th>
                  </tr>
                </thead>
                <tbody>
                  {o.coverage.scanners.map((s) => (
                    <tr key={s.scanner}>
                      <td>{scannerLabel(s, o.coverage.scanners)}</td>
                      <td>{s.ran}</td>
                      <td>{s.notRun}</td>
                      <td className={s.failed ? 'vigil-overview-failed' : undefined}>{s.failed}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
            {o.lastDiscoveryAt ? <span className="secondary-text body-s">Last discovery {formatDay(o.lastDiscoveryAt.slice(0, 10))}</span> : null}
          </div>
        </Card>
      </div>
    </>
  );
}

const NEW_COLOR = 'rgb(218, 59, 1)';
const FIXED_COLOR = 'rgb(16, 124, 16)';

function TrendChart({ trend }: { trend: Overview['trend'] }): JSX.Element {
  const total = trend.reduce((a, p) => a + p.new + p.fixed, 0);
  const label = `${trend.reduce((a, p) => a + p.new, 0)} new and ${trend.reduce((a, p) => a + p.fixed, 0)} fixed findings from ${formatDay(trend[0]?.day)} to ${formatDay(trend[trend.length - 1]?.day)}`;
  if (!total) return <span className="secondary-text">No finding was new or fixed in this period.</span>;
  return (
    <div className="vigil-overview-chart" role="img" aria-label={label}>
      <ResponsiveContainer width="100%" height={220}>
        <BarChart data={trend} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" tickFormatter={(d: string) => d.slice(5)} minTickGap={24} fontSize={11} />
          <YAxis allowDecimals={false} fontSize={11} />
          <Tooltip labelFormatter={(d) => formatDay(String(d))} />
          <Legend />
          <Bar dataKey="new" name="New" fill={NEW_COLOR} />
          <Bar dataKey="fixed" name="Fixed" fill={FIXED_COLOR} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Sets a findings filter to what a number of the overview stands for: open findings, narrowed by the link. */
export function applyFindingsLink(filter: Filter, link: FindingsLink): void {
  filter.reset();
  filter.setFilterItemState(FILTER_KEYS.state, { value: ['open'] });
  if (link.severity) filter.setFilterItemState(FILTER_KEYS.severity, { value: [link.severity] });
  if (link.category) filter.setFilterItemState(FILTER_KEYS.category, { value: [link.category] });
  if (link.repository) filter.setFilterItemState(FILTER_KEYS.repository, { value: [link.repository] });
}
