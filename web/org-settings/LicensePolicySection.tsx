// The organization's license policy (Settings tab): flag licenses by category (a severity or off for
// each), or allow a list (anything else flagged), or deny a list. Administrators edit and save it;
// others read it. Findings follow at each repository's next scan.
import * as React from 'react';
import { Button } from 'azure-devops-ui/Button';
import { Card } from 'azure-devops-ui/Card';
import { Checkbox } from 'azure-devops-ui/Checkbox';
import { Dropdown } from 'azure-devops-ui/Dropdown';
import { FormItem } from 'azure-devops-ui/FormItem';
import { MessageCard, MessageCardSeverity } from 'azure-devops-ui/MessageCard';
import { RadioButton, RadioButtonGroup } from 'azure-devops-ui/RadioButton';
import { Spinner, SpinnerSize } from 'azure-devops-ui/Spinner';
import { TextField } from 'azure-devops-ui/TextField';
import { DropdownSelection } from 'azure-devops-ui/Utilities/DropdownSelection';
import type { LicensePolicy } from '../../service/contract/api';
import { LICENSE_CATEGORIES, LICENSE_CATEGORY_LABELS, SEVERITIES, SEVERITY_LABELS, type LicenseCategory, type Severity } from '../../service/contract/vocabulary';
import type { VigilApi } from '../common/api';
import { ErrorState } from '../common/ErrorState';
import { useLicensePolicy, useUpdateLicensePolicy } from '../common/queries';

type Setting = Severity | 'off';
type FlaggedCategory = Exclude<LicenseCategory, 'permissive'>;
const FLAGGED: FlaggedCategory[] = LICENSE_CATEGORIES.filter((c): c is FlaggedCategory => c !== 'permissive');

const CATEGORY_EXAMPLES: Record<FlaggedCategory, string> = {
  'weak-copyleft': 'LGPL, MPL, EPL',
  'strong-copyleft': 'GPL',
  'network-copyleft': 'AGPL, SSPL',
  proprietary: 'UNLICENSED, commercial',
  unknown: 'custom or unidentified text',
};

/** What the form edits: every mode's fields at once, so switching modes loses nothing typed. */
export interface PolicyDraft {
  mode: LicensePolicy['mode'];
  flag: Record<FlaggedCategory, Setting>;
  allow: string;
  otherwise: Severity;
  deny: string;
  severity: Severity;
  ignoreDevScope: boolean;
  /** Kept as stored (the API edits them; the form shows how many). */
  exceptions: NonNullable<LicensePolicy['exceptions']>;
}

export function draftOf(policy: LicensePolicy): PolicyDraft {
  const flag = Object.fromEntries(FLAGGED.map((c) => [c, 'off'])) as Record<FlaggedCategory, Setting>;
  const draft: PolicyDraft = {
    mode: policy.mode,
    flag,
    allow: '',
    otherwise: 'medium',
    deny: '',
    severity: 'high',
    ignoreDevScope: policy.ignoreDevScope ?? true,
    exceptions: policy.exceptions ?? [],
  };
  if (policy.mode === 'categories') for (const c of FLAGGED) flag[c] = policy.flag[c] ?? 'off';
  if (policy.mode === 'allow') Object.assign(draft, { allow: policy.allow.join('\n'), otherwise: policy.otherwise });
  if (policy.mode === 'deny') Object.assign(draft, { deny: policy.deny.join('\n'), severity: policy.severity });
  return draft;
}

/** One license per line (or separated by commas); blank lines dropped. */
export const listOf = (text: string): string[] =>
  text
    .split(/[\n,]/)
    .map((l) => l.trim())
    .filter(Boolean);

export function policyOf(d: PolicyDraft): LicensePolicy {
  const common = { ignoreDevScope: d.ignoreDevScope, ...(d.exceptions.length ? { exceptions: d.exceptions } : {}) };
  if (d.mode === 'allow') return { mode: 'allow', allow: listOf(d.allow), otherwise: d.otherwise, ...common };
  if (d.mode === 'deny') return { mode: 'deny', deny: listOf(d.deny), severity: d.severity, ...common };
  return { mode: 'categories', flag: { ...d.flag }, ...common };
}

const SETTING_ITEMS = [...SEVERITIES.map((s) => ({ id: s, text: SEVERITY_LABELS[s] })), { id: 'off', text: 'Off: allowed' }];
const SEVERITY_ITEMS = SEVERITIES.map((s) => ({ id: s, text: SEVERITY_LABELS[s] }));

/** A dropdown bound to a value (azure-devops-ui keeps selection in an object; this keeps it in step). */
function ValueDropdown({ items, value, onChange, disabled, ariaLabel }: { items: { id: string; text: string }[]; value: string; onChange: (id: string) => void; disabled: boolean; ariaLabel: string }) {
  const selection = React.useMemo(() => new DropdownSelection(), []);
  React.useEffect(() => {
    const i = items.findIndex((it) => it.id === value);
    if (i >= 0) selection.select(i);
  }, [items, value, selection]);
  return <Dropdown items={items} selection={selection} disabled={disabled} ariaLabel={ariaLabel} onSelect={(_e, item) => onChange(item.id)} className="vigil-policy-dropdown" />;
}

export function LicensePolicySection({ api, canEdit }: { api: VigilApi; canEdit: boolean }): JSX.Element {
  const stored = useLicensePolicy(api);
  const update = useUpdateLicensePolicy(api);
  const [draft, setDraft] = React.useState<PolicyDraft>();
  const [saved, setSaved] = React.useState(false);
  React.useEffect(() => {
    if (stored.data) setDraft(draftOf(stored.data.policy));
  }, [stored.data]);

  if (stored.isLoading) return <Spinner size={SpinnerSize.medium} label="Loading the license policy…" />;
  if (stored.error || !stored.data || !draft) return <ErrorState error={stored.error} context="Could not load the license policy" onRetry={() => void stored.refetch()} />;

  const change = (patch: Partial<PolicyDraft>) => {
    setSaved(false);
    setDraft({ ...draft, ...patch });
  };
  const readOnly = !canEdit || update.isLoading;
  const save = () =>
    update.mutate(policyOf(draft), {
      onSuccess: () => setSaved(true),
    });

  return (
    <Card className="vigil-settings vigil-license-policy" titleProps={{ text: 'License policy' }}>
      <div className="flex-column vigil-settings-body">
        <p className="vigil-detail-text">
          Which licenses of the packages your repositories use are findings, and how severe. Licenses come from the lockfiles and, where they say nothing, from the
          package registries. Changes apply at each repository&apos;s next scan.
        </p>
        <p className="vigil-detail-text secondary-text body-s">{stored.data.isDefault ? 'The default policy is in force.' : 'This organization has its own policy.'}</p>
        <RadioButtonGroup
          text="Flag licenses"
          selectedButtonId={draft.mode}
          onSelect={(id) => change({ mode: id as PolicyDraft['mode'] })}
          className="vigil-policy-mode"
        >
          <RadioButton id="categories" text="By category" disabled={readOnly} />
          <RadioButton id="allow" text="Outside an allow list" disabled={readOnly} />
          <RadioButton id="deny" text="On a deny list" disabled={readOnly} />
        </RadioButtonGroup>

        {draft.mode === 'categories' ? (
          <div className="vigil-policy-categories" role="group" aria-label="Severity per license category">
            <div className="flex-row flex-center vigil-policy-row">
              <span className="vigil-policy-label">{LICENSE_CATEGORY_LABELS.permissive}</span>
              <span className="secondary-text">Always allowed (MIT, Apache-2.0, BSD, ISC)</span>
            </div>
            {FLAGGED.map((c) => (
              <div key={c} className="flex-row flex-center vigil-policy-row">
                <span className="vigil-policy-label" title={CATEGORY_EXAMPLES[c]}>
                  {LICENSE_CATEGORY_LABELS[c]}
                  <span className="secondary-text body-s"> · {CATEGORY_EXAMPLES[c]}</span>
                </span>
                <ValueDropdown
                  items={SETTING_ITEMS}
                  value={draft.flag[c]}
                  onChange={(id) => change({ flag: { ...draft.flag, [c]: id as Setting } })}
                  disabled={readOnly}
                  ariaLabel={`${LICENSE_CATEGORY_LABELS[c]} licenses`}
                />
              </div>
            ))}
          </div>
        ) : draft.mode === 'allow' ? (
          <div className="flex-column vigil-policy-list">
            <FormItem label="Allowed licenses (one SPDX id per line; AGPL-* for a family)">
              <TextField value={draft.allow} onChange={(_e, v) => change({ allow: v })} multiline rows={5} disabled={readOnly} ariaLabel="Allowed licenses" />
            </FormItem>
            <div className="flex-row flex-center vigil-policy-row">
              <span className="vigil-policy-label">Any other license is flagged</span>
              <ValueDropdown items={SEVERITY_ITEMS} value={draft.otherwise} onChange={(id) => change({ otherwise: id as Severity })} disabled={readOnly} ariaLabel="Severity of other licenses" />
            </div>
          </div>
        ) : (
          <div className="flex-column vigil-policy-list">
            <FormItem label="Denied licenses (one SPDX id per line; AGPL-* for a family)">
              <TextField value={draft.deny} onChange={(_e, v) => change({ deny: v })} multiline rows={5} disabled={readOnly} ariaLabel="Denied licenses" />
            </FormItem>
            <div className="flex-row flex-center vigil-policy-row">
              <span className="vigil-policy-label">A denied license is flagged</span>
              <ValueDropdown items={SEVERITY_ITEMS} value={draft.severity} onChange={(id) => change({ severity: id as Severity })} disabled={readOnly} ariaLabel="Severity of denied licenses" />
            </div>
          </div>
        )}

        <Checkbox
          checked={draft.ignoreDevScope}
          onChange={(_e, checked) => change({ ignoreDevScope: Boolean(checked) })}
          disabled={readOnly}
          label="Ignore packages used only to develop, test or build"
        />
        {draft.exceptions.length ? (
          <p className="vigil-detail-text secondary-text body-s">
            {draft.exceptions.length === 1 ? '1 package is' : `${draft.exceptions.length} packages are`} exempted by name (kept as stored).
          </p>
        ) : null}

        {canEdit ? (
          <div className="flex-row flex-center vigil-policy-actions">
            <Button text={update.isLoading ? 'Saving…' : 'Save policy'} primary disabled={update.isLoading} onClick={save} />
            {saved ? <span className="secondary-text vigil-policy-saved">Saved. Findings follow at each repository&apos;s next scan.</span> : null}
          </div>
        ) : (
          <p className="vigil-detail-text secondary-text body-s">Only a Project Collection Administrator can change the license policy.</p>
        )}
        {update.error ? <ErrorState error={update.error} context="Could not save the policy" onDismiss={() => update.reset()} className="vigil-block" /> : null}
        {draft.mode !== 'categories' && !listOf(draft.mode === 'allow' ? draft.allow : draft.deny).length ? (
          <MessageCard severity={MessageCardSeverity.Warning} className="vigil-block">
            {draft.mode === 'allow' ? 'An empty allow list flags every license.' : 'An empty deny list flags nothing.'}
          </MessageCard>
        ) : null}
      </div>
    </Card>
  );
}
