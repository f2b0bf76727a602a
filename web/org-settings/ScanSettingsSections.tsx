// Settings › Schedule, Scanners and Retention: what the service does for this organization, and when.
// Each section saves the four values together (PUT /organization/settings), its own changed.
import * as React from 'react';
import { Button } from 'azure-devops-ui/Button';
import { Card } from 'azure-devops-ui/Card';
import { FormItem } from 'azure-devops-ui/FormItem';
import { Spinner, SpinnerSize } from 'azure-devops-ui/Spinner';
import { TextField, TextFieldWidth } from 'azure-devops-ui/TextField';
import { Toggle } from 'azure-devops-ui/Toggle';
import type { FullOrganizationSettings, ScanSettings } from '../../service/contract/settings-api';
import { DISCOVERY_INTERVAL_HOURS, RETENTION_DAYS, SCAN_INTERVAL_HOURS, SCANNER_FAMILIES, SCANNER_FAMILY_INFO, type ScannerFamily } from '../../service/contract/settings-vocabulary';
import type { VigilApi } from '../common/api';
import { ErrorState } from '../common/ErrorState';
import { useOrganizationSettings } from '../common/queries';
import { useUpdateScanSettings } from './settings-queries';

export interface ScanSettingsSectionProps {
  api: VigilApi;
  canEdit: boolean;
}

const ADMINS_ONLY = 'Only a Project Collection Administrator can change this.';

const scanSettingsOf = (s: FullOrganizationSettings): ScanSettings => ({
  discoveryIntervalHours: s.discoveryIntervalHours,
  scanIntervalHours: s.scanIntervalHours,
  disabledScanners: s.disabledScanners,
  historyRetentionDays: s.historyRetentionDays,
});

/** '' is null (the default); else a whole number within the bounds, or what is wrong with it. */
export function parseBounded(text: string, bounds: { min: number; max: number }, unit: string): { value: number | null } | { problem: string } {
  const t = text.trim();
  if (t === '') return { value: null };
  if (!/^\d+$/.test(t)) return { problem: `Give a whole number of ${unit}, or leave it empty` };
  const n = Number(t);
  if (n < bounds.min || n > bounds.max) return { problem: `Between ${bounds.min} and ${bounds.max} ${unit}` };
  return { value: n };
}

/** The settings once loaded, or the loading / error state in their place. */
function WithSettings({ api, title, children }: { api: VigilApi; title: string; children: (settings: FullOrganizationSettings) => JSX.Element }): JSX.Element {
  const settings = useOrganizationSettings(api);
  if (settings.isLoading) return <Spinner size={SpinnerSize.medium} label={`Loading ${title.toLowerCase()}…`} />;
  if (settings.error || !settings.data) return <ErrorState error={settings.error} context={`Could not load ${title.toLowerCase()}`} onRetry={() => void settings.refetch()} />;
  return children(settings.data);
}

export function ScheduleSection({ api, canEdit }: ScanSettingsSectionProps): JSX.Element {
  return <WithSettings api={api} title="Schedule">{(s) => <ScheduleForm api={api} canEdit={canEdit} settings={s} />}</WithSettings>;
}

function ScheduleForm({ api, canEdit, settings }: ScanSettingsSectionProps & { settings: FullOrganizationSettings }): JSX.Element {
  const update = useUpdateScanSettings(api);
  const [discovery, setDiscovery] = React.useState(settings.discoveryIntervalHours?.toString() ?? '');
  const [scan, setScan] = React.useState(settings.scanIntervalHours?.toString() ?? '');
  const d = parseBounded(discovery, DISCOVERY_INTERVAL_HOURS, 'hours');
  const sc = parseBounded(scan, SCAN_INTERVAL_HOURS, 'hours');
  const defaults = settings.defaults;
  const discoveryDefault = defaults.discoveryEveryHours ? `every ${defaults.discoveryEveryHours} hours` : `on the service's schedule (${defaults.discoveryCron})`;
  const dirty = discovery.trim() !== (settings.discoveryIntervalHours?.toString() ?? '') || scan.trim() !== (settings.scanIntervalHours?.toString() ?? '');
  const save = () => {
    if ('problem' in d || 'problem' in sc) return;
    update.mutate({ ...scanSettingsOf(settings), discoveryIntervalHours: d.value, scanIntervalHours: sc.value });
  };
  return (
    <Card className="vigil-settings" titleProps={{ text: 'Schedule' }}>
      <form
        className="flex-column vigil-settings-body"
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <p className="vigil-detail-text">
          Discovery lists the organization&apos;s repositories and scans those whose default branch moved. A repository is also scanned again in full once its last full scan is older
          than the scan interval. Leave a field empty for the service&apos;s default.
        </p>
        <FormItem label="Discovery interval (hours)" error={'problem' in d} message={'problem' in d ? d.problem : `Empty: ${discoveryDefault}.`}>
          <TextField inputId="vigil-discovery-hours" value={discovery} onChange={(_e, v) => setDiscovery(v)} width={TextFieldWidth.standard} disabled={!canEdit || update.isLoading} placeholder={defaults.discoveryEveryHours ? String(defaults.discoveryEveryHours) : ''} />
        </FormItem>
        <FormItem label="Full scan interval (hours)" error={'problem' in sc} message={'problem' in sc ? sc.problem : `Empty: every ${defaults.scanIntervalHours} hours.`}>
          <TextField inputId="vigil-scan-hours" value={scan} onChange={(_e, v) => setScan(v)} width={TextFieldWidth.standard} disabled={!canEdit || update.isLoading} placeholder={String(defaults.scanIntervalHours)} />
        </FormItem>
        {canEdit ? (
          <div className="flex-row">
            <Button type="submit" primary text={update.isLoading ? 'Saving…' : 'Save schedule'} disabled={!dirty || update.isLoading || 'problem' in d || 'problem' in sc} />
          </div>
        ) : (
          <p className="vigil-detail-text secondary-text body-s">{ADMINS_ONLY}</p>
        )}
        {update.error ? <ErrorState error={update.error} context="Could not save the schedule" onDismiss={() => update.reset()} className="vigil-block" /> : null}
      </form>
    </Card>
  );
}

export function ScannersSection({ api, canEdit }: ScanSettingsSectionProps): JSX.Element {
  const update = useUpdateScanSettings(api);
  return (
    <WithSettings api={api} title="Scanners">
      {(settings) => {
        const toggle = (family: ScannerFamily, on: boolean) => {
          const disabled = on ? settings.disabledScanners.filter((f) => f !== family) : [...settings.disabledScanners, family];
          update.mutate({ ...scanSettingsOf(settings), disabledScanners: SCANNER_FAMILIES.filter((f) => disabled.includes(f)) });
        };
        return (
          <Card className="vigil-settings" titleProps={{ text: 'Scanners' }}>
            <div className="flex-column vigil-settings-body">
              <p className="vigil-detail-text">
                Which scanners run on this organization&apos;s repositories. A scanner turned off is shown as &quot;not run: turned off in settings&quot; in each scan, and the findings it
                reported before stay as they are. A repository can turn a scanner on or off for itself (Repositories › the repository › Scanners).
              </p>
              <ul className="vigil-scanner-switches" aria-label="Scanners">
                {SCANNER_FAMILIES.map((family) => {
                  const on = !settings.disabledScanners.includes(family);
                  const info = SCANNER_FAMILY_INFO[family];
                  return (
                    <li key={family} className="flex-row flex-center vigil-scanner-switch">
                      <Toggle checked={on} disabled={!canEdit || update.isLoading} ariaLabel={info.label} onChange={(_e, checked) => toggle(family, checked)} />
                      <div className="flex-column">
                        <span className="font-weight-semibold">
                          {info.label} <span className="secondary-text">· {on ? 'on' : 'off'}</span>
                        </span>
                        <span className="secondary-text body-s">{info.description}</span>
                      </div>
                    </li>
                  );
                })}
              </ul>
              {!canEdit ? <p className="vigil-detail-text secondary-text body-s">{ADMINS_ONLY}</p> : null}
              {update.error ? <ErrorState error={update.error} context="Could not save the scanners" onDismiss={() => update.reset()} className="vigil-block" /> : null}
            </div>
          </Card>
        );
      }}
    </WithSettings>
  );
}

export function RetentionSection({ api, canEdit }: ScanSettingsSectionProps): JSX.Element {
  return <WithSettings api={api} title="Retention">{(s) => <RetentionForm api={api} canEdit={canEdit} settings={s} />}</WithSettings>;
}

function RetentionForm({ api, canEdit, settings }: ScanSettingsSectionProps & { settings: FullOrganizationSettings }): JSX.Element {
  const update = useUpdateScanSettings(api);
  const [days, setDays] = React.useState(settings.historyRetentionDays?.toString() ?? '');
  const parsed = parseBounded(days, RETENTION_DAYS, 'days');
  const dirty = days.trim() !== (settings.historyRetentionDays?.toString() ?? '');
  return (
    <Card className="vigil-settings" titleProps={{ text: 'Retention' }}>
      <form
        className="flex-column vigil-settings-body"
        onSubmit={(e) => {
          e.preventDefault();
          if (!('problem' in parsed)) update.mutate({ ...scanSettingsOf(settings), historyRetentionDays: parsed.value });
        }}
      >
        <p className="vigil-detail-text">
          Once a day, Vigil deletes history older than this: finished scans (never a repository&apos;s last one), fixed findings, posture assessments and pull-request scans (never the
          newest of each). Open and dismissed findings are never deleted. Trends cover only the days kept.
        </p>
        <FormItem label="Keep history for (days)" error={'problem' in parsed} message={'problem' in parsed ? parsed.problem : 'Empty: keep everything.'}>
          <TextField inputId="vigil-retention-days" value={days} onChange={(_e, v) => setDays(v)} width={TextFieldWidth.standard} disabled={!canEdit || update.isLoading} placeholder="Keep everything" />
        </FormItem>
        {canEdit ? (
          <div className="flex-row">
            <Button type="submit" primary text={update.isLoading ? 'Saving…' : 'Save retention'} disabled={!dirty || update.isLoading || 'problem' in parsed} />
          </div>
        ) : (
          <p className="vigil-detail-text secondary-text body-s">{ADMINS_ONLY}</p>
        )}
        {update.error ? <ErrorState error={update.error} context="Could not save the retention" onDismiss={() => update.reset()} className="vigil-block" /> : null}
      </form>
    </Card>
  );
}
