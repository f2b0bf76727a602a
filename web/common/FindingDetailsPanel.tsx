import * as React from 'react';
import { Panel } from 'azure-devops-ui/Panel';
import { Link } from 'azure-devops-ui/Link';
import { Icon } from 'azure-devops-ui/Icon';
import type { FindingDto } from '../../service/contract/api';
import { CATEGORY_LABELS, CODE_LANGUAGE_LABELS, CONFIDENCE_DESCRIPTIONS, CONFIDENCE_LABELS, FINDING_STATE_LABELS, IAC_PLATFORM_LABELS } from '../../service/contract/vocabulary';
import { locationsOf, ownerText } from './locations';
import { flowRole, flowStepText, flowStepWebUrl, upstreamText } from './code';
import { advisorySource, advisoryUrl, cvssText, dependencyKindText, dependencyPathText } from './advisory';
import { absoluteTime, formatDay, relativeTime, safeHref, shortSha } from './format';
import { FindingTriage, type FindingTriageProps } from './FindingTriage';
import { SeverityPill } from './SeverityPill';
import { VerificationPill } from './VerificationPill';

const SUPPRESSION_SOURCES: Record<string, string> = {
  inline: 'An inline vigil:ignore comment',
  file: 'An entry in .vigil.yml',
  baseline: 'The baseline',
};

export interface FindingDetailsPanelProps {
  finding: FindingDto;
  /** Closes the panel. */
  onClose: () => void;
  /** Who may dismiss and reopen, and how. */
  triage: Omit<FindingTriageProps, 'finding' | 'now'>;
  now?: number;
}

function Section({ title, children }: { title: string; children: React.ReactNode }): JSX.Element {
  return (
    <section className="vigil-detail-section">
      <h3 className="vigil-detail-heading">{title}</h3>
      {children}
    </section>
  );
}

function ExternalLink({ href, children }: { href: string; children: React.ReactNode }): JSX.Element {
  // Pages run in an iframe inside Azure DevOps: open outside it.
  return (
    <Link href={href} target="_blank" rel="noopener noreferrer" subtle={false}>
      {children}
      <Icon iconName="NavigateExternalInline" className="vigil-external-icon" ariaLabel="(opens in a new tab)" />
    </Link>
  );
}

/** The package a package finding is about, and the advisory behind a vulnerable-dependency finding. */
function PackageSection({ finding: f }: { finding: FindingDto }): JSX.Element | null {
  if (f.location.kind !== 'package') return null;
  const loc = f.location;
  const a = f.advisory;
  const kind = dependencyKindText(f.direct, f.scope);
  const path = dependencyPathText(loc.dependencyPath);
  return (
    <>
      {a ? (
        <Section title="Advisory">
          <p className="vigil-detail-text font-weight-semibold vigil-advisory-summary">{a.summary || a.id}</p>
          <ul className="vigil-advisory-ids flex-row flex-wrap" aria-label="Advisory identifiers">
            {[a.id, ...a.aliases].map((id) => (
              <li key={id}>
                <Link href={advisoryUrl(id)} target="_blank" rel="noopener noreferrer" subtle={false} ariaLabel={`${id} in ${advisorySource(id)} (opens in a new tab)`}>
                  {id}
                </Link>
              </li>
            ))}
          </ul>
          <dl className="vigil-history vigil-advisory-facts">
            {a.cvss ? (
              <>
                <dt>CVSS</dt>
                <dd>
                  {cvssText(a.cvss)}
                  <code className="vigil-cvss-vector secondary-text body-s">{a.cvss.vector}</code>
                </dd>
              </>
            ) : null}
            <dt>Fixed in</dt>
            <dd>{a.fixedVersions.length ? a.fixedVersions.join(', ') : 'No fixed version is known'}</dd>
          </dl>
        </Section>
      ) : null}
      <Section title="Package">
        <dl className="vigil-history vigil-package-facts">
          <dt>Package</dt>
          <dd>
            <code>
              {loc.name}@{loc.version || '?'}
            </code>{' '}
            <span className="secondary-text">({loc.ecosystem})</span>
          </dd>
          {kind ? (
            <>
              <dt>Used as</dt>
              <dd>{kind}</dd>
            </>
          ) : null}
          {path ? (
            <>
              <dt>Pulled in by</dt>
              <dd className="vigil-dependency-path">{path}</dd>
            </>
          ) : null}
        </dl>
        {a?.upgrade ? (
          <p className="vigil-detail-text vigil-upgrade">
            <Icon iconName="Upload" className="vigil-upgrade-icon" />
            Upgrade to <code>{loc.name}@{a.upgrade}</code>
            {f.direct === false ? ' (through the direct dependency that pulls it in, or an override)' : ''}
          </p>
        ) : null}
      </Section>
    </>
  );
}

/** The resource an IaC finding is about: its address, the attribute and the value found there. */
function ResourceSection({ finding: f }: { finding: FindingDto }): JSX.Element | null {
  if (f.location.kind !== 'resource') return null;
  const loc = f.location;
  return (
    <Section title="Resource">
      <dl className="vigil-history vigil-resource-facts">
        <dt>Resource</dt>
        <dd>
          <code>{loc.address}</code>
        </dd>
        {f.iac ? (
          <>
            <dt>Platform</dt>
            <dd>
              {IAC_PLATFORM_LABELS[f.iac.platform] ?? f.iac.platform}
              {f.iac.resourceType ? <span className="secondary-text"> · {f.iac.resourceType}</span> : null}
            </dd>
          </>
        ) : null}
        {loc.attribute ? (
          <>
            <dt>Attribute</dt>
            <dd>
              <code>{loc.attribute}</code>
            </dd>
          </>
        ) : null}
        {loc.attribute ? (
          <>
            <dt>Current value</dt>
            <dd>{loc.value === undefined ? <span className="secondary-text">not set</span> : <code>{JSON.stringify(loc.value)}</code>}</dd>
          </>
        ) : null}
        {f.iac?.checkov ? (
          <>
            <dt>Checkov</dt>
            <dd>
              <code>{f.iac.checkov}</code>
            </dd>
          </>
        ) : null}
      </dl>
    </Section>
  );
}

/** A code finding's language and the upstream test it matches (Bandit B602, ESLint no-eval, SCS0001). */
function CodeSection({ finding: f }: { finding: FindingDto }): JSX.Element | null {
  if (!f.code) return null;
  return (
    <Section title="Code">
      <dl className="vigil-history vigil-code-facts">
        <dt>Language</dt>
        <dd>{CODE_LANGUAGE_LABELS[f.code.language] ?? f.code.language}</dd>
        {f.code.upstream ? (
          <>
            <dt>Same test as</dt>
            <dd>{upstreamText(f.code.upstream)}</dd>
          </>
        ) : null}
      </dl>
    </Section>
  );
}

/** A taint finding's way from the source (untrusted data) to the sink, each step linked to its line. */
function DataFlowSection({ finding: f }: { finding: FindingDto }): JSX.Element | null {
  const flow = f.code?.flow;
  if (!flow?.length) return null;
  return (
    <Section title="Data flow">
      <ol className="vigil-flow" aria-label="Data flow">
        {flow.map((step, i) => {
          const role = flowRole(i, flow.length);
          const href = safeHref(flowStepWebUrl(f, step));
          const where = flowStepText(f, step);
          return (
            <li key={i} className={`vigil-flow-step vigil-flow-${role.toLowerCase()} flex-column`}>
              <span className="vigil-flow-where">
                <span className="vigil-flow-role">{role}</span>
                {href ? <ExternalLink href={href}>{where}</ExternalLink> : <span>{where}</span>}
              </span>
              <code className="vigil-flow-label">{step.label}</code>
            </li>
          );
        })}
      </ol>
    </Section>
  );
}

/** Why a pipeline run's finding has no Dismiss or Reopen. */
export const PIPELINE_READ_ONLY_TEXT =
  "Reported by a pipeline run: it belongs to that run and cannot be dismissed or reopened here. Triage happens on the default branch's finding, which Vigil's scan reports once the change merges (or suppress it in the code or .vigil.yml).";

const branchName = (ref: string): string => ref.replace(/^refs\/heads\//, '');

/** The pipeline run that reported the finding: read-only, with the build linked in Azure DevOps. */
function PipelineRunSection({ run }: { run: NonNullable<FindingDto['pipelineRun']> }): JSX.Element {
  const buildHref = safeHref(run.buildUrl);
  const build = run.buildNumber ?? `#${run.buildId}`;
  return (
    <Section title="Pipeline run">
      <p className="vigil-detail-text vigil-pipeline-read-only">{PIPELINE_READ_ONLY_TEXT}</p>
      <dl className="vigil-history vigil-pipeline-run">
        <dt>Pipeline</dt>
        <dd>{run.pipelineName ?? `Pipeline ${run.pipelineId}`}</dd>
        <dt>Build</dt>
        <dd>{buildHref ? <ExternalLink href={buildHref}>{build}</ExternalLink> : build}</dd>
        {run.sourceBranch ? (
          <>
            <dt>Branch</dt>
            <dd>
              <code>{branchName(run.sourceBranch)}</code>
              {run.pullRequestId ? <span className="secondary-text"> (pull request {run.pullRequestId})</span> : null}
            </dd>
          </>
        ) : null}
        {run.commitSha ? (
          <>
            <dt>Commit</dt>
            <dd>
              <code title={run.commitSha}>{shortSha(run.commitSha)}</code>
            </dd>
          </>
        ) : null}
      </dl>
    </Section>
  );
}

export function FindingDetailsPanel({ finding: f, onClose, triage, now }: FindingDetailsPanelProps): JSX.Element {
  const helpHref = safeHref(f.helpUri);
  const locations = locationsOf(f);
  return (
    <Panel
      onDismiss={onClose}
      titleProps={{ text: f.title }}
      description={`${f.ruleId} · ${CATEGORY_LABELS[f.category] ?? f.category}`}
      footerButtonProps={[{ text: 'Close', onClick: onClose, primary: true }]}
      className="vigil-finding-panel"
    >
      <div className="vigil-finding-details flex-column">
        <div className="flex-row flex-center flex-wrap vigil-detail-facts">
          <SeverityPill severity={f.severity} />
          <span className="vigil-fact">{FINDING_STATE_LABELS[f.state]}</span>
          <span className="vigil-fact secondary-text vigil-confidence-fact" title={CONFIDENCE_DESCRIPTIONS[f.confidence]}>
            {CONFIDENCE_LABELS[f.confidence] ?? f.confidence} confidence
          </span>
          {f.verification ? <VerificationPill verification={f.verification} now={now} /> : null}
        </div>

        {f.pipelineRun ? <PipelineRunSection run={f.pipelineRun} /> : <FindingTriage finding={f} now={now} {...triage} />}

        {f.state === 'suppressed' && f.suppression ? (
          <Section title="Suppressed">
            <p className="vigil-detail-text">
              {SUPPRESSION_SOURCES[f.suppression.kind] ?? f.suppression.kind}: {f.suppression.reason}
              {f.suppression.expires ? ` (until ${formatDay(f.suppression.expires)})` : ''}
            </p>
          </Section>
        ) : null}

        {f.verification ? (
          <Section title="Checked with the provider">
            <p className="vigil-detail-text vigil-verification-text">
              {f.verification.state === 'verified'
                ? `${f.verification.provider} accepted this secret: it is live${f.verification.detail ? ` and belongs to ${f.verification.detail}` : ''}. Rotate it now.`
                : f.verification.state === 'invalid'
                  ? `${f.verification.provider} refused this secret${f.verification.detail ? `: ${f.verification.detail}` : ''}. It no longer works there; remove it from the code and history all the same.`
                  : `Not verified with ${f.verification.provider}${f.verification.detail ? `: ${f.verification.detail}` : ''}. Treat it as live.`}
            </p>
            <p className="vigil-detail-text secondary-text body-s" title={absoluteTime(f.verification.at)}>
              Checked {relativeTime(f.verification.at, now)}
            </p>
          </Section>
        ) : null}

        <Section title="What was found">
          <p className="vigil-detail-text">{f.message}</p>
          {/* The confidence words describe how a secret was recognised; a package finding's rests on its manifest. */}
          {f.category === 'secret' ? <p className="vigil-detail-text secondary-text body-s vigil-confidence-note">{CONFIDENCE_DESCRIPTIONS[f.confidence]}</p> : null}
          {f.preview ? (
            <pre className="vigil-preview" aria-label="Masked preview">
              {f.preview.trim()}
            </pre>
          ) : null}
        </Section>

        <PackageSection finding={f} />
        <ResourceSection finding={f} />
        <DataFlowSection finding={f} />
        <CodeSection finding={f} />

        <Section title={locations.length > 1 ? `Found in ${locations.length} places` : 'Where'}>
          <ul className="vigil-locations" aria-label="Locations">
            {locations.map((l) => {
              const href = safeHref(l.webUrl);
              const about = [
                ownerText(l),
                FINDING_STATE_LABELS[l.state],
                l.findingId === f.id && f.commitSha ? `commit ${shortSha(f.commitSha)}` : '',
              ].filter(Boolean);
              return (
                <li key={l.findingId} className="vigil-location-item flex-column">
                  <span className="vigil-location-path">
                    {href ? <ExternalLink href={href}>{l.locationText}</ExternalLink> : <code>{l.locationText}</code>}
                  </span>
                  <span className="secondary-text body-s">{about.join(' · ')}</span>
                </li>
              );
            })}
          </ul>
        </Section>

        <Section title="How to fix it">
          <p className="vigil-detail-text vigil-pre-line">{f.remediation}</p>
          {f.iac?.fix ? (
            <pre className="vigil-preview vigil-fix-snippet" aria-label="Corrected configuration">
              {f.iac.fix}
            </pre>
          ) : null}
          {helpHref ? (
            <p className="vigil-detail-text">
              <ExternalLink href={helpHref}>Learn more about {f.ruleId}</ExternalLink>
            </p>
          ) : null}
        </Section>

        <Section title="History">
          <dl className="vigil-history">
            <dt>First seen</dt>
            <dd title={absoluteTime(f.firstSeenAt)}>{relativeTime(f.firstSeenAt, now)}</dd>
            <dt>Last seen</dt>
            <dd title={absoluteTime(f.lastSeenAt)}>{relativeTime(f.lastSeenAt, now)}</dd>
            {f.fixedAt ? (
              <>
                <dt>Fixed</dt>
                <dd title={absoluteTime(f.fixedAt)}>{relativeTime(f.fixedAt, now)}</dd>
              </>
            ) : null}
          </dl>
        </Section>
      </div>
    </Panel>
  );
}
