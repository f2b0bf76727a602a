// The organization's settings (Settings tab of the organization hub): whether Vigil asks found
// secrets' providers if they are live, the license policy, and the advisory database's state.
// Administrators change them; others see them.
import * as React from 'react';
import { Card } from 'azure-devops-ui/Card';
import { Spinner, SpinnerSize } from 'azure-devops-ui/Spinner';
import { Toggle } from 'azure-devops-ui/Toggle';
import type { VigilApi } from '../common/api';
import { ErrorState } from '../common/ErrorState';
import { useOrganizationSettings, useUpdateOrganizationSettings } from '../common/queries';
import { AdministrationSections } from './AdministrationSections';
import { AdvisoryStatusSection } from './AdvisoryStatusSection';
import { ComplianceSettingsSection } from './ComplianceSettingsSection';
import { EventDeliverySection } from './EventDeliverySection';
import { LicensePolicySection } from './LicensePolicySection';
import { PullRequestGateSection } from './PullRequestGateSection';
import { PipelineTokensSection } from './PipelineTokensSection';
import { RepositorySelectionSection } from './RepositorySelectionSection';
import { RetentionSection, ScannersSection, ScheduleSection } from './ScanSettingsSections';

export interface SettingsViewProps {
  api: VigilApi;
  canEdit: boolean;
  now?: number;
}

export function SettingsView({ api, canEdit, now }: SettingsViewProps): JSX.Element {
  return (
    <div className="flex-column vigil-settings-view">
      <RepositorySelectionSection api={api} canEdit={canEdit} />
      <SecretVerificationSection api={api} canEdit={canEdit} />
      <LicensePolicySection api={api} canEdit={canEdit} />
      <PullRequestGateSection api={api} canEdit={canEdit} />
      <ScheduleSection api={api} canEdit={canEdit} />
      <ScannersSection api={api} canEdit={canEdit} />
      <RetentionSection api={api} canEdit={canEdit} />
      <ComplianceSettingsSection api={api} canEdit={canEdit} />
      <EventDeliverySection api={api} canEdit={canEdit} now={now} />
      <PipelineTokensSection api={api} canEdit={canEdit} now={now} />
      <AdvisoryStatusSection api={api} now={now} />
      {canEdit ? <AdministrationSections api={api} /> : null}
    </div>
  );
}

function SecretVerificationSection({ api, canEdit }: Omit<SettingsViewProps, 'now'>): JSX.Element {
  const settings = useOrganizationSettings(api);
  const update = useUpdateOrganizationSettings(api);
  if (settings.isLoading) return <Spinner size={SpinnerSize.large} label="Loading settings…" />;
  if (settings.error || !settings.data) return <ErrorState error={settings.error} context="Could not load the settings" onRetry={() => void settings.refetch()} />;
  const on = settings.data.verifySecrets;
  return (
    <Card className="vigil-settings" titleProps={{ text: 'Secret verification' }}>
      <div className="flex-column vigil-settings-body">
        <p className="vigil-detail-text">
          After each scan, ask the provider of every secret found (GitHub, GitLab.com, Slack, AWS, Azure DevOps, npm, Stripe, SendGrid, OpenAI, Anthropic, Hugging Face,
          DigitalOcean, Twilio, Notion, Groq, Postman, Doppler) whether it still works, with a harmless &quot;who am I&quot; request. Live secrets are listed first.
        </p>
        <p className="vigil-detail-text secondary-text">
          Turning this on sends each found secret to its own provider&apos;s API, and to no one else, over HTTPS; Vigil never stores the secret. Requests are rate-limited
          (at most 100 secrets a scan) and a provider&apos;s &quot;slow down&quot; is respected.
        </p>
        <Toggle
          checked={on}
          disabled={!canEdit || update.isLoading}
          text={on ? 'On: secrets are checked with their providers' : 'Off: secrets are never sent anywhere'}
          ariaLabel="Verify found secrets with their providers"
          onChange={(_event, checked) => update.mutate({ verifySecrets: checked })}
        />
        {!canEdit ? <p className="vigil-detail-text secondary-text body-s">Only a Project Collection Administrator can change this.</p> : null}
        {update.error ? <ErrorState error={update.error} context="Could not save the setting" onDismiss={() => update.reset()} className="vigil-block" /> : null}
      </div>
    </Card>
  );
}
