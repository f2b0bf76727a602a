import * as React from 'react';
import { Panel } from 'azure-devops-ui/Panel';
import { Link } from 'azure-devops-ui/Link';
import { Icon } from 'azure-devops-ui/Icon';
import type { FindingDto } from '../../service/http/api-types';
import { absoluteTime, formatLocation, relativeTime, safeHref, shortSha } from './format';
import { CATEGORY_LABELS, STATE_LABELS } from './severity';
import { SeverityPill } from './SeverityPill';

const DISMISSAL_REASONS: Record<string, string> = {
  'false-positive': 'False positive',
  'accepted-risk': 'Accepted risk',
  'used-in-tests': 'Used in tests',
  revoked: 'Revoked',
};

const SUPPRESSION_SOURCES: Record<string, string> = {
  inline: 'An inline vigil:ignore comment',
  file: 'An entry in .vigil.yml',
  baseline: 'The baseline',
};

export interface FindingDetailsPanelProps {
  finding: FindingDto;
  onDismiss: () => void;
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

export function FindingDetailsPanel({ finding: f, onDismiss }: FindingDetailsPanelProps): JSX.Element {
  const fileHref = safeHref(f.webUrl);
  const helpHref = safeHref(f.helpUri);
  const location = formatLocation(f.path, f.line);
  return (
    <Panel
      onDismiss={onDismiss}
      titleProps={{ text: f.title }}
      description={`${f.ruleId} · ${CATEGORY_LABELS[f.category] ?? f.category}`}
      footerButtonProps={[{ text: 'Close', onClick: onDismiss, primary: true }]}
      className="vigil-finding-panel"
    >
      <div className="vigil-finding-details flex-column">
        <div className="flex-row flex-center flex-wrap vigil-detail-facts">
          <SeverityPill severity={f.severity} />
          <span className="vigil-fact">{STATE_LABELS[f.state]}</span>
          <span className="vigil-fact secondary-text">Confidence: {f.confidence}</span>
        </div>

        <Section title="What was found">
          <p className="vigil-detail-text">{f.message}</p>
          {f.preview ? (
            <pre className="vigil-preview" aria-label="Masked preview">
              {f.preview}
            </pre>
          ) : null}
        </Section>

        <Section title="Where">
          <div className="flex-column vigil-detail-text">
            <span>
              {fileHref ? <ExternalLink href={fileHref}>{location}</ExternalLink> : <code>{location}</code>}
            </span>
            <span className="secondary-text">
              {f.projectName} / {f.repositoryName}
              {f.commitSha ? ` · commit ${shortSha(f.commitSha)}` : ''}
            </span>
          </div>
        </Section>

        {f.dismissal ? (
          <Section title={f.dismissal.expired ? 'Dismissal expired' : 'Dismissed'}>
            <p className="vigil-detail-text">
              {DISMISSAL_REASONS[f.dismissal.reason] ?? f.dismissal.reason} · by {f.dismissal.byName ?? f.dismissal.by},{' '}
              <span title={absoluteTime(f.dismissal.at)}>{relativeTime(f.dismissal.at)}</span>
              {f.dismissal.expires ? ` · until ${f.dismissal.expires}` : ''}
            </p>
            {f.dismissal.comment ? <p className="vigil-detail-text vigil-pre-line">{f.dismissal.comment}</p> : null}
          </Section>
        ) : null}

        {f.locations && f.locations.length > 1 ? (
          <Section title={`Found in ${f.locations.length} places`}>
            <ul className="vigil-locations">
              {f.locations.map((l) => {
                const href = safeHref(l.webUrl);
                const label = `${l.repositoryName}: ${formatLocation(l.path, l.line)}`;
                return (
                  <li key={l.findingId}>
                    {href ? <ExternalLink href={href}>{label}</ExternalLink> : <code>{label}</code>}
                    <span className="secondary-text"> · {STATE_LABELS[l.state]}</span>
                  </li>
                );
              })}
            </ul>
          </Section>
        ) : null}

        {f.state === 'suppressed' && f.suppression ? (
          <Section title="Suppressed">
            <p className="vigil-detail-text">
              {SUPPRESSION_SOURCES[f.suppression.kind] ?? f.suppression.kind}: {f.suppression.reason}
              {f.suppression.expires ? ` (until ${absoluteTime(f.suppression.expires) || f.suppression.expires})` : ''}
            </p>
          </Section>
        ) : null}

        <Section title="How to fix it">
          <p className="vigil-detail-text vigil-pre-line">{f.remediation}</p>
          {helpHref ? (
            <p className="vigil-detail-text">
              <ExternalLink href={helpHref}>Learn more about {f.ruleId}</ExternalLink>
            </p>
          ) : null}
        </Section>

        <Section title="History">
          <dl className="vigil-history">
            <dt>First seen</dt>
            <dd title={absoluteTime(f.firstSeenAt)}>{relativeTime(f.firstSeenAt)}</dd>
            <dt>Last seen</dt>
            <dd title={absoluteTime(f.lastSeenAt)}>{relativeTime(f.lastSeenAt)}</dd>
            {f.fixedAt ? (
              <>
                <dt>Fixed</dt>
                <dd title={absoluteTime(f.fixedAt)}>{relativeTime(f.fixedAt)}</dd>
              </>
            ) : null}
          </dl>
        </Section>
      </div>
    </Panel>
  );
}
