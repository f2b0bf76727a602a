// The posture pages' figures: stored outcome counts (store/posture.ts postureCounts) folded with the
// control catalog's metadata into the contract's summary and control shapes. Pure: rows in, DTOs out.
import type { PostureAreaStatus, PostureAssessmentDto, PostureControlCounts, PostureControlDto, PostureCounts, PostureSummary } from '../contract/api';
import { POSTURE_AREA_LABELS, POSTURE_AREAS, SEVERITIES, type PostureArea, type PostureControlOutcome, type Severity } from '../contract/vocabulary';
import type { Control } from '../posture/controls/control';
import type { PostureCountRow } from '../store/posture';

export const zeroCounts = (): PostureCounts => ({ pass: 0, fail: 0, exempted: 0, notApplicable: 0, notAvailable: 0 });
const zeroControlCounts = (): PostureControlCounts => ({ fail: 0, exempted: 0, notAvailable: 0, pass: 0, notApplicable: 0 });

export function addRow(c: PostureCounts, r: Pick<PostureCountRow, 'outcome' | 'exempted' | 'n'>): void {
  if (r.outcome === 'fail') c[r.exempted ? 'exempted' : 'fail'] += r.n;
  else if (r.outcome === 'pass') c.pass += r.n;
  else if (r.outcome === 'not-applicable') c.notApplicable += r.n;
  else c.notAvailable += r.n;
}

function addCounts(into: PostureCounts, c: PostureCounts): void {
  for (const k of Object.keys(into) as (keyof PostureCounts)[]) into[k] += c[k];
}

/**
 * A control's verdict over its objects: fail when any open fail; exempted when every fail is exempted;
 * otherwise not available when any object could not be judged; pass when any passed; not applicable
 * when it judged nothing (in this scope). Before any assessment: not available.
 */
export function controlOutcome(c: PostureCounts, assessed: boolean): PostureControlOutcome {
  if (!assessed) return 'not-available';
  if (c.fail) return 'fail';
  if (c.exempted) return 'exempted';
  if (c.notAvailable) return 'not-available';
  if (c.pass) return 'pass';
  return 'not-applicable';
}

const OUTCOME_KEY: Record<PostureControlOutcome, keyof PostureControlCounts> = {
  fail: 'fail',
  exempted: 'exempted',
  'not-available': 'notAvailable',
  pass: 'pass',
  'not-applicable': 'notApplicable',
};

export const controlArea = (c: Control): PostureArea => (c.areas[0] ?? 'orgPolicies') as PostureArea;

export function countsByControl(rows: readonly PostureCountRow[]): Map<string, PostureCounts> {
  const out = new Map<string, PostureCounts>();
  for (const r of rows) {
    let c = out.get(r.ruleId);
    if (!c) out.set(r.ruleId, (c = zeroCounts()));
    addRow(c, r);
  }
  return out;
}

export function controlDto(control: Control, counts: PostureCounts, assessed: boolean, failing: PostureControlDto['failing'] = []): PostureControlDto {
  const m = control.meta;
  return {
    id: m.id,
    title: m.title,
    severity: m.severity,
    area: controlArea(control),
    areas: control.areas as PostureArea[],
    description: m.description,
    remediation: m.remediation,
    ...(m.helpUri ? { helpUri: m.helpUri } : {}),
    references: m.references ?? [],
    outcome: controlOutcome(counts, assessed),
    counts,
    failing,
  };
}

export interface SummaryInput {
  controls: readonly Control[];
  rows: readonly PostureCountRow[];
  lastAssessment?: PostureAssessmentDto;
  inProgress: boolean;
}

export function postureSummary({ controls, rows, lastAssessment, inProgress }: SummaryInput): PostureSummary {
  const assessed = !!lastAssessment;
  const byControl = countsByControl(rows);
  const group = () => ({ controls: zeroControlCounts(), results: zeroCounts() });
  const totals = group();
  const areas = new Map<PostureArea, ReturnType<typeof group>>(POSTURE_AREAS.map((a) => [a, group()]));
  const severities = new Map<Severity, ReturnType<typeof group>>(SEVERITIES.map((s) => [s, group()]));
  for (const control of controls) {
    const counts = byControl.get(control.meta.id) ?? zeroCounts();
    const key = OUTCOME_KEY[controlOutcome(counts, assessed)];
    for (const g of [totals, areas.get(controlArea(control))!, severities.get(control.meta.severity)!]) {
      g.controls[key]++;
      addCounts(g.results, counts);
    }
  }
  const projects = new Map<string, { projectId: string; projectName: string; results: PostureCounts }>();
  for (const r of rows) {
    if (!r.projectId) continue;
    let p = projects.get(r.projectId);
    if (!p) projects.set(r.projectId, (p = { projectId: r.projectId, projectName: r.projectName ?? r.projectId, results: zeroCounts() }));
    addRow(p.results, r);
  }
  const statusOf = new Map<string, PostureAreaStatus>((lastAssessment?.areas ?? []).map((a) => [a.area, a]));
  return {
    ...(lastAssessment ? { lastAssessment } : {}),
    inProgress,
    totals,
    byArea: POSTURE_AREAS.map((area) => {
      const status = statusOf.get(area);
      return { area, label: POSTURE_AREA_LABELS[area], ...(status ? { status } : {}), ...areas.get(area)! };
    }),
    bySeverity: SEVERITIES.map((severity) => ({ severity, ...severities.get(severity)! })).filter((s) => controls.some((c) => c.meta.severity === s.severity)),
    byProject: [...projects.values()].sort((a, b) => a.projectName.localeCompare(b.projectName)),
    notAvailableAreas: [...statusOf.values()].filter((a) => a.state === 'not-available'),
  };
}

/** An assessment as a project's members see it: its changes in that project, its counts those of the project. */
export function assessmentForProject(a: PostureAssessmentDto, projectId: string, projectCounts: PostureCounts): PostureAssessmentDto {
  const mine = (c: PostureAssessmentDto['changes']['newFailures'][number]) => c.object.project?.id === projectId;
  const newFailures = a.changes.newFailures.filter(mine);
  const fixed = a.changes.fixed.filter(mine);
  return { ...a, counts: projectCounts, newFailures: newFailures.length, fixed: fixed.length, changes: { newFailures, fixed } };
}
