// Exempting one failing object from a control: reason (AzSK's attestation states), comment, and an
// expiry that starts at the severity ladder's default (critical 7 days ... low 90).
import * as React from 'react';
import { Button } from 'azure-devops-ui/Button';
import { ButtonGroup } from 'azure-devops-ui/ButtonGroup';
import { FormItem } from 'azure-devops-ui/FormItem';
import { RadioButton, RadioButtonGroup } from 'azure-devops-ui/RadioButton';
import { type ITextFieldProps, TextField, TextFieldWidth } from 'azure-devops-ui/TextField';
import type { CreateExemptionRequest } from '../../../service/contract/api';
import { EXEMPTION_DEFAULT_DAYS, EXEMPTION_REASON_INFO, EXEMPTION_REASONS, type ExemptionReason, SEVERITY_LABELS, type Severity } from '../../../service/contract/vocabulary';
import { ErrorState } from '../ErrorState';
import {
  defaultExpiry,
  type ExemptionFormErrors,
  exemptionFieldErrors,
  type ExemptionFormValues,
  exemptionRequest,
  MAX_EXEMPTION_COMMENT,
  validateExemptionForm,
} from './posture';

export interface ExemptionFormProps {
  controlId: string;
  subjectKey: string;
  /** The object, in words: "Service connection prod-arm (Storefront)". */
  objectText: string;
  severity: Severity;
  onSubmit: (request: CreateExemptionRequest) => Promise<void>;
  onCancel: () => void;
  now?: number;
}

const DATE_INPUT = 'date' as ITextFieldProps['inputType'];
const sentence = (m: string) => (m ? m[0].toUpperCase() + m.slice(1) : m);

export function ExemptionForm({ controlId, subjectKey, objectText, severity, onSubmit, onCancel, now }: ExemptionFormProps): JSX.Element {
  const at = now ?? Date.now();
  const [values, setValues] = React.useState<ExemptionFormValues>(() => ({ comment: '', expires: defaultExpiry(severity, at) }));
  const [touched, setTouched] = React.useState(false);
  const [busy, setBusy] = React.useState(false);
  const [error, setError] = React.useState<unknown>();
  const mounted = React.useRef(true);
  React.useEffect(() => () => void (mounted.current = false), []);

  const local: ExemptionFormErrors = touched ? validateExemptionForm(values, at) : {};
  const server = exemptionFieldErrors(error);
  const fieldError = (f: keyof ExemptionFormErrors) => local[f] ?? (server[f] ? sentence(server[f]!) : undefined);
  const set = (patch: Partial<ExemptionFormValues>) => setValues((v) => ({ ...v, ...patch }));
  const idPrefix = `vigil-exempt-${subjectKey.replace(/[^A-Za-z0-9_-]/g, '_')}`;

  const submit = async () => {
    setTouched(true);
    if (Object.keys(validateExemptionForm(values, at)).length) return;
    setBusy(true);
    setError(undefined);
    try {
      await onSubmit(exemptionRequest(controlId, subjectKey, values));
    } catch (err) {
      if (mounted.current) setError(err);
    } finally {
      if (mounted.current) setBusy(false);
    }
  };

  return (
    <form
      className="vigil-dismiss-form vigil-exemption-form flex-column"
      aria-label="Exempt from control"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="vigil-dismiss-title font-weight-semibold">Exempt this object</div>
      <p className="vigil-detail-text secondary-text">
        {objectText} stops counting as a failure of {controlId} until the exemption ends or is revoked. It survives re-assessment.
      </p>
      <FormItem label="Reason" error={Boolean(fieldError('reason'))} message={fieldError('reason')}>
        <RadioButtonGroup
          className="vigil-reason-group"
          // With no id, azure-devops-ui draws the first reason as chosen: name none until one is picked.
          selectedButtonId={`${idPrefix}-${values.reason ?? 'none'}`}
          onSelect={(id) => set({ reason: id.slice(idPrefix.length + 1) as ExemptionReason })}
        >
          {EXEMPTION_REASONS.map((reason) => (
            <RadioButton key={reason} id={`${idPrefix}-${reason}`} disabled={busy} className="vigil-reason">
              <div className="flex-column vigil-reason-text">
                <span>{EXEMPTION_REASON_INFO[reason].label}</span>
                <span className="secondary-text body-s">{EXEMPTION_REASON_INFO[reason].description}</span>
              </div>
            </RadioButton>
          ))}
        </RadioButtonGroup>
      </FormItem>
      <FormItem label="Comment (optional)" error={Boolean(fieldError('comment'))} message={fieldError('comment')}>
        <TextField
          inputId="vigil-exempt-comment"
          value={values.comment}
          onChange={(_e, v) => set({ comment: v })}
          multiline
          rows={3}
          maxLength={MAX_EXEMPTION_COMMENT}
          width={TextFieldWidth.auto}
          disabled={busy}
          placeholder="Why, who approved it, the work item that tracks the fix"
        />
      </FormItem>
      <FormItem
        label="Expires"
        error={Boolean(fieldError('expires'))}
        message={
          fieldError('expires') ??
          `${SEVERITY_LABELS[severity]} severity: ${EXEMPTION_DEFAULT_DAYS[severity]} days by default. After this day the failure counts again.`
        }
      >
        <TextField
          inputId="vigil-exempt-expires"
          inputType={DATE_INPUT}
          value={values.expires}
          onChange={(_e, v) => set({ expires: v })}
          disabled={busy}
          ariaLabel="Expiry date"
        />
      </FormItem>
      {error !== undefined ? <ErrorState error={error} context="Could not exempt" /> : null}
      <ButtonGroup className="vigil-dismiss-actions">
        <Button primary type="submit" text={busy ? 'Exempting…' : 'Exempt'} disabled={busy} />
        <Button text="Cancel" onClick={onCancel} disabled={busy} />
      </ButtonGroup>
    </form>
  );
}
