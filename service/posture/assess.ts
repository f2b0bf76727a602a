// Evaluates every control on a snapshot and turns the results into the shared outcome model: a fail
// is a Finding (category posture), the other outcomes are RuleResults. An area that could not be
// collected makes every control reading it not-available for the organization, with the area's
// reason, and the control is not run on data that is not there. Pure: snapshot in, outcomes out.
import type { Finding, RuleResult } from '../contract/model';
import { fingerprint } from '../engine/fingerprint';
import type { Control, ControlResult } from './controls/control';
import { postureControls } from './controls';
import type { OrgSnapshot } from './snapshot';

export interface Assessment {
  findings: Finding[];
  results: RuleResult[];
  /** Per control: how many objects it judged per outcome, and how long it took. */
  controls: { id: string; pass: number; fail: number; notApplicable: number; notAvailable: number; ms: number }[];
}

/** Characters a part of a plain subject key may hold (within the exemption API's subject key pattern). */
const PLAIN_PART = /^[A-Za-z0-9._-]+$/;
const MAX_KEY = 128;

/**
 * The identity of one (control, object) pair across assessments: `control:kind:id` as is when it is
 * short and plain (no hashing per result: an assessment makes hundreds of thousands), else a hash.
 * Collision-safe: the parts of a plain key hold no ':' (so it splits one way only), and a hash is
 * 32 hex characters without ':'.
 */
export function postureSubjectKey(controlId: string, r: ControlResult): string {
  const { objectKind, id } = r.object;
  if (controlId.length + objectKind.length + id.length + 2 <= MAX_KEY && PLAIN_PART.test(id) && PLAIN_PART.test(objectKind) && PLAIN_PART.test(controlId)) return `${controlId}:${objectKind}:${id}`;
  return fingerprint('posture', controlId, objectKind, id);
}

const MAX_EVIDENCE = 50;
const cappedEvidence = (r: ControlResult) => (r.evidence.length > MAX_EVIDENCE ? r.evidence.slice(0, MAX_EVIDENCE) : r.evidence);

export function controlResults(control: Control, snapshot: OrgSnapshot): ControlResult[] {
  const missing = control.areas.find((a) => snapshot.areas[a]?.state !== 'available');
  if (missing !== undefined) {
    const status = snapshot.areas[missing];
    const reason = status?.state === 'not-available' ? { code: status.reason.code, text: status.reason.text } : { code: 'error' as const, text: `The ${missing} area was not collected` };
    return [{ outcome: 'not-available', object: organizationObject(snapshot), evidence: [{ label: 'Area', value: missing }], reason }];
  }
  return control.evaluate(snapshot);
}

export function assessSnapshot(snapshot: OrgSnapshot, controls: readonly Control[] = postureControls): Assessment {
  const out: Assessment = { findings: [], results: [], controls: [] };
  for (const control of controls) {
    const t0 = performance.now();
    const tally = { id: control.meta.id, pass: 0, fail: 0, notApplicable: 0, notAvailable: 0, ms: 0 };
    for (const r of controlResults(control, snapshot)) {
      const subjectKey = postureSubjectKey(control.meta.id, r);
      if (r.outcome === 'fail') {
        tally.fail++;
        const finding: Finding = {
          ruleId: control.meta.id,
          title: control.meta.title,
          severity: control.meta.severity,
          category: 'posture',
          confidence: control.meta.confidence,
          message: r.message ?? control.meta.title,
          location: r.object,
          fingerprint: subjectKey,
          details: { evidence: cappedEvidence(r) },
          remediation: control.meta.remediation,
        };
        if (control.meta.helpUri) finding.helpUri = control.meta.helpUri;
        if (control.meta.cwe) finding.cwe = control.meta.cwe;
        out.findings.push(finding);
        continue;
      }
      if (r.outcome === 'pass') tally.pass++;
      else if (r.outcome === 'not-applicable') tally.notApplicable++;
      else tally.notAvailable++;
      const result: RuleResult = { ruleId: control.meta.id, category: 'posture', outcome: r.outcome, location: r.object, subjectKey };
      if (r.reason) result.reason = r.reason;
      result.evidence = cappedEvidence(r);
      out.results.push(result);
    }
    tally.ms = performance.now() - t0;
    out.controls.push(tally);
  }
  return out;
}

export function organizationObject(snapshot: OrgSnapshot): ControlResult['object'] {
  return {
    kind: 'ado-object',
    objectKind: 'organization',
    id: snapshot.organization.id ?? snapshot.organization.name,
    name: snapshot.organization.name,
    url: `${snapshot.organization.url.replace(/\/+$/, '')}/_settings/organizationPolicy`,
  };
}
