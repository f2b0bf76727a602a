// One control in a side panel: why it matters, each failing object with its evidence and a link to the
// Azure DevOps page where it is fixed, exempt / revoke per object (administrators), what could not be
// judged and why, what passes, the remediation and the control's references.
import * as React from 'react';
import { Button } from 'azure-devops-ui/Button';
import { Icon } from 'azure-devops-ui/Icon';
import { Link } from 'azure-devops-ui/Link';
import { MessageCard, MessageCardSeverity } from 'azure-devops-ui/MessageCard';
import { Panel } from 'azure-devops-ui/Panel';
import { Spinner, SpinnerSize } from 'azure-devops-ui/Spinner';
import type { CreateExemptionRequest, ExemptionDto, PostureControlDto, PostureResultDto } from '../../../service/contract/api';
import type { Evidence } from '../../../service/contract/model';
import { locationText } from '../../../service/contract/places';
import { POSTURE_AREA_LABELS, type Severity } from '../../../service/contract/vocabulary';
import type { VigilApi } from '../api';
import { ErrorState } from '../ErrorState';
import { absoluteTime, formatCount, formatDay, relativeTime, safeHref } from '../format';
import { SeverityPill } from '../SeverityPill';
import { ExemptionForm } from './ExemptionForm';
import { PostureOutcomePill } from './PostureOutcomePill';
import { exemptionReasonLabel, fixUrl, orderedReferences, referenceText } from './posture';
import { useExemptions, usePostureControl } from './queries';

export interface PostureControlPanelProps {
  api: VigilApi;
  control: PostureControlDto;
  project?: string;
  /** Organization administrators exempt and revoke (the service checks again). */
  canExempt: boolean;
  onClose: () => void;
  now?: number;
}

export const EXEMPT_ADMIN_ONLY_TEXT = 'Only organization administrators can exempt objects or revoke exemptions.';
/** Passing objects listed before "Show all". */
const PASSING_SHOWN = 10;

function Section({ title, children, className = '' }: { title: string; children: React.ReactNode; className?: string }): JSX.Element {
  return (
    <section className={`vigil-detail-section ${className}`} aria-label={title}>
      <h3 className="vigil-detail-heading">{title}</h3>
      {children}
    </section>
  );
}

function ExternalLink({ href, children, className }: { href: string; children: React.ReactNode; className?: string }): JSX.Element {
  return (
    <Link href={href} target="_blank" rel="noopener noreferrer" subtle={false} className={className}>
      {children}
      <Icon iconName="NavigateExternalInline" className="vigil-external-icon" ariaLabel="(opens in a new tab)" />
    </Link>
  );
}

const evidenceValue = (v: Evidence['value']): string => (v === undefined ? '' : v === null ? 'not set' : typeof v === 'boolean' ? (v ? 'Yes' : 'No') : String(v));

function EvidenceList({ evidence }: { evidence: Evidence[] }): JSX.Element | null {
  if (!evidence.length) return null;
  return (
    <dl className="vigil-history vigil-posture-evidence" aria-label="Evidence">
      {evidence.map((e, i) => {
        const href = safeHref(e.url);
        const value = evidenceValue(e.value);
        return (
          <React.Fragment key={`${e.label}-${i}`}>
            <dt>{e.label}</dt>
            <dd>
              {href ? (
                <ExternalLink href={href}>{value || 'Open'}</ExternalLink>
              ) : value ? (
                <code className="vigil-posture-evidence-value">{value}</code>
              ) : (
                <span className="secondary-text">—</span>
              )}
            </dd>
          </React.Fragment>
        );
      })}
    </dl>
  );
}

function ExemptionBlock({ exemption, canExempt, onRevoke, now }: { exemption: ExemptionDto; canExempt: boolean; onRevoke: () => Promise<void>; now?: number }): JSX.Element {
  const [busy, setBusy] = React.useState(false);
  const [error, setError] = React.useState<unknown>();
  const revoke = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await onRevoke();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <div className="vigil-dismissal vigil-posture-exemption" aria-label="Exemption">
      <div className="vigil-detail-heading">Exempted: {exemptionReasonLabel(exemption.reason)}</div>
      <p className="vigil-detail-text" title={`Exempted ${absoluteTime(exemption.createdAt)}`}>
        {`By ${exemption.createdByName ?? exemption.createdBy}, ${relativeTime(exemption.createdAt, now)} · Expires ${formatDay(exemption.expires)}`}
      </p>
      {exemption.comment ? <p className="vigil-detail-text vigil-pre-line vigil-dismissal-comment">{exemption.comment}</p> : null}
      {canExempt ? (
        <div className="flex-row vigil-triage-actions">
          <Button text={busy ? 'Revoking…' : 'Revoke exemption'} iconProps={{ iconName: 'Undo' }} disabled={busy} onClick={() => void revoke()} />
        </div>
      ) : null}
      {error !== undefined ? <ErrorState error={error} context="Could not revoke" /> : null}
    </div>
  );
}

interface FailingResultProps {
  result: PostureResultDto;
  severity: Severity;
  canExempt: boolean;
  onExempt: (request: CreateExemptionRequest) => Promise<void>;
  onRevoke: (exemptionId: string) => Promise<void>;
  now?: number;
}

function FailingResult({ result: r, severity, canExempt, onExempt, onRevoke, now }: FailingResultProps): JSX.Element {
  const [formOpen, setFormOpen] = React.useState(false);
  const href = safeHref(fixUrl(r));
  // The object's own page; the fix link below may go to the very setting instead.
  const objectHref = safeHref(r.object.url);
  const name = locationText(r.object);
  const active = r.exempted && r.exemption?.status === 'active' ? r.exemption : undefined;
  const lapsed = !r.exempted && r.exemption?.status === 'expired' ? r.exemption : undefined;
  return (
    <li className={`vigil-posture-result flex-column${active ? ' exempted' : ''}`} data-subject={r.subjectKey}>
      <span className="vigil-posture-result-name font-weight-semibold">
        {objectHref && objectHref !== href ? <ExternalLink href={objectHref}>{name}</ExternalLink> : name}
      </span>
      {r.message ? <p className="vigil-detail-text vigil-posture-result-message">{r.message}</p> : null}
      <EvidenceList evidence={r.evidence} />
      <span className="secondary-text body-s vigil-posture-result-seen" title={absoluteTime(r.firstSeenAt)}>
        {r.firstSeenAt ? `Failing since ${relativeTime(r.firstSeenAt, now)}` : ''}
        {href ? (
          <>
            {r.firstSeenAt ? ' · ' : ''}
            <ExternalLink href={href}>Fix it in Azure DevOps</ExternalLink>
          </>
        ) : null}
      </span>
      {active ? <ExemptionBlock exemption={active} canExempt={canExempt} onRevoke={() => onRevoke(active.id)} now={now} /> : null}
      {lapsed ? (
        <MessageCard className="vigil-posture-lapsed" severity={MessageCardSeverity.Warning}>
          {`Exemption expired on ${formatDay(lapsed.expires)} (${exemptionReasonLabel(lapsed.reason).toLowerCase()}, by ${lapsed.createdByName ?? lapsed.createdBy}); it counts as failing again.`}
        </MessageCard>
      ) : null}
      {!active && canExempt ? (
        formOpen ? (
          <ExemptionForm
            controlId={r.controlId}
            subjectKey={r.subjectKey}
            objectText={name}
            severity={severity}
            onSubmit={async (req) => {
              await onExempt(req);
              setFormOpen(false);
            }}
            onCancel={() => setFormOpen(false)}
            now={now}
          />
        ) : (
          <div className="flex-row vigil-triage-actions">
            <Button text="Exempt" iconProps={{ iconName: 'Blocked' }} onClick={() => setFormOpen(true)} ariaLabel={`Exempt ${name}`} />
          </div>
        )
      ) : null}
    </li>
  );
}

/** "Failing resources (3 objects, 1 exempted)". */
function failingTitle(failing: PostureResultDto[]): string {
  const exempted = failing.filter((r) => r.exempted).length;
  return `Failing resources (${formatCount(failing.length, 'object')}${exempted ? `, ${exempted} exempted` : ''})`;
}

export function PostureControlPanel({ api, control: listed, project, canExempt, onClose, now }: PostureControlPanelProps): JSX.Element {
  const detail = usePostureControl(api, listed.id, project);
  const { exempt, revoke } = useExemptions(api);
  const [notice, setNotice] = React.useState<string>();
  const [showAllPassing, setShowAllPassing] = React.useState(false);
  const control = detail.data?.control ?? listed;
  const results = detail.data?.results.items ?? [];
  const failing = results.filter((r) => r.outcome === 'fail');
  const unavailable = results.filter((r) => r.outcome === 'not-available');
  const passing = results.filter((r) => r.outcome === 'pass');
  const helpHref = safeHref(control.helpUri);
  const refs = orderedReferences(control.references);
  const { counts } = control;
  const truncated = detail.data ? detail.data.results.total > results.length : false;

  return (
    <Panel
      onDismiss={onClose}
      titleProps={{ text: control.title }}
      description={`${control.id} · ${control.areas.map((a) => POSTURE_AREA_LABELS[a] ?? a).join(', ')}`}
      footerButtonProps={[{ text: 'Close', onClick: onClose, primary: true }]}
      className="vigil-finding-panel vigil-posture-panel"
    >
      <div className="vigil-finding-details flex-column">
        <div className="flex-row flex-center flex-wrap vigil-detail-facts">
          <SeverityPill severity={control.severity} />
          <PostureOutcomePill outcome={control.outcome} />
          <span className="vigil-fact secondary-text">
            {[
              counts.fail ? `${counts.fail} failing` : '',
              counts.exempted ? `${counts.exempted} exempted` : '',
              counts.pass ? `${counts.pass} passing` : '',
              counts.notAvailable ? `${counts.notAvailable} not available` : '',
              counts.notApplicable ? `${counts.notApplicable} not applicable` : '',
            ]
              .filter(Boolean)
              .join(' · ') || 'Nothing judged yet'}
          </span>
        </div>

        {notice ? (
          <MessageCard className="vigil-block vigil-posture-notice" severity={MessageCardSeverity.Info} onDismiss={() => setNotice(undefined)}>
            {notice}
          </MessageCard>
        ) : null}

        <Section title="Why it matters">
          <p className="vigil-detail-text vigil-pre-line">{control.description}</p>
        </Section>

        {detail.isLoading ? (
          <Spinner size={SpinnerSize.medium} label="Loading the objects it judged…" className="vigil-block" />
        ) : detail.error ? (
          <ErrorState error={detail.error} context="Could not load this control's results" onRetry={() => void detail.refetch()} className="vigil-block" />
        ) : (
          <>
            {failing.length ? (
              <Section title={failingTitle(failing)} className="vigil-posture-failing-section">
                {!canExempt ? <p className="vigil-detail-text secondary-text vigil-admin-only">{EXEMPT_ADMIN_ONLY_TEXT}</p> : null}
                <ul className="vigil-posture-results" aria-label="Failing resources">
                  {failing.map((r) => (
                    <FailingResult
                      key={r.subjectKey}
                      result={r}
                      severity={control.severity}
                      canExempt={canExempt}
                      now={now}
                      onExempt={async (req) => {
                        const made = await exempt.mutateAsync(req);
                        setNotice(`Exempted until ${formatDay(made.expires)}.`);
                      }}
                      onRevoke={async (id) => {
                        await revoke.mutateAsync(id);
                        setNotice('Exemption revoked: the object counts as failing again.');
                      }}
                    />
                  ))}
                </ul>
              </Section>
            ) : null}

            {unavailable.length ? (
              <Section title={`Not available (${formatCount(unavailable.length, 'object')})`} className="vigil-posture-unavailable-section">
                <ul className="vigil-posture-results" aria-label="Not available">
                  {unavailable.map((r) => (
                    <li key={r.subjectKey} className="vigil-posture-result flex-column">
                      <span className="vigil-posture-result-name">{locationText(r.object)}</span>
                      <span className="secondary-text body-s">{r.reason?.text ?? 'Vigil could not read what this control needs.'}</span>
                    </li>
                  ))}
                </ul>
              </Section>
            ) : null}

            {passing.length ? (
              <Section title={`Passing (${formatCount(passing.length, 'object')})`} className="vigil-posture-passing-section">
                <ul className="vigil-posture-passing" aria-label="Passing">
                  {(showAllPassing ? passing : passing.slice(0, PASSING_SHOWN)).map((r) => {
                    const href = safeHref(fixUrl(r));
                    return <li key={r.subjectKey}>{href ? <ExternalLink href={href}>{locationText(r.object)}</ExternalLink> : locationText(r.object)}</li>;
                  })}
                </ul>
                {passing.length > PASSING_SHOWN && !showAllPassing ? (
                  <Button subtle text={`Show all ${passing.length}`} onClick={() => setShowAllPassing(true)} />
                ) : null}
              </Section>
            ) : null}
            {truncated ? (
              <p className="vigil-detail-text secondary-text body-s">{`Showing the first ${results.length} of ${formatCount(detail.data!.results.total, 'object')}.`}</p>
            ) : null}
            {!results.length ? (
              <p className="vigil-detail-text secondary-text">
                {control.outcome === 'not-applicable' ? 'Nothing in scope that this control applies to.' : 'No object was judged by the last assessment.'}
              </p>
            ) : null}
          </>
        )}

        <Section title="How to fix it">
          <p className="vigil-detail-text vigil-pre-line">{control.remediation}</p>
          {helpHref ? (
            <p className="vigil-detail-text">
              <ExternalLink href={helpHref}>Learn more about {control.id}</ExternalLink>
            </p>
          ) : null}
        </Section>

        {refs.length ? (
          <Section title="References">
            <ul className="vigil-posture-references" aria-label="References">
              {refs.map((ref) => {
                const href = safeHref(ref.url);
                return <li key={`${ref.type}:${ref.id}`}>{href ? <ExternalLink href={href}>{referenceText(ref)}</ExternalLink> : referenceText(ref)}</li>;
              })}
            </ul>
          </Section>
        ) : null}
      </div>
    </Panel>
  );
}
