// The small form in the details panel that dismisses an alert: reason, optional comment, optional expiry.
import * as React from 'react';
import { Button } from 'azure-devops-ui/Button';
import { ButtonGroup } from 'azure-devops-ui/ButtonGroup';
import { FormItem } from 'azure-devops-ui/FormItem';
import { RadioButton, RadioButtonGroup } from 'azure-devops-ui/RadioButton';
import { type ITextFieldProps, TextField, TextFieldWidth } from 'azure-devops-ui/TextField';
import type { DismissRequest } from '../../service/contract/api';
import { DISMISSAL_REASON_INFO, DISMISSAL_REASONS, type DismissalReason } from '../../service/contract/vocabulary';
import {
  dismissRequest,
  type DismissFormErrors,
  type DismissFormValues,
  fieldErrorsOf,
  MAX_COMMENT_LENGTH,
  validateDismissForm,
} from './dismissal';
import { ErrorState } from './ErrorState';
import { localDay } from './format';

export interface DismissFormProps {
  /** Sentence under the title, e.g. "Dismisses all 3 locations of this secret." */
  scopeText: string;
  /** Resolves when the service accepted the dismissal; rejects with its ApiError otherwise. */
  onSubmit: (request: DismissRequest) => Promise<void>;
  onCancel: () => void;
  now?: number;
  /** Default "Dismiss this alert" (the bulk form names how many). */
  title?: string;
}

// TextField types its inputType narrowly but hands any value to <input type>; the browser's date
// picker is the least surprising way to enter a day.
const DATE_INPUT = 'date' as ITextFieldProps['inputType'];

const sentence = (message: string) => (message ? message[0].toUpperCase() + message.slice(1) : message);

export function DismissForm({ scopeText, onSubmit, onCancel, now, title = 'Dismiss this alert' }: DismissFormProps): JSX.Element {
  const [values, setValues] = React.useState<DismissFormValues>({ comment: '', expires: '' });
  const [touched, setTouched] = React.useState(false);
  const [busy, setBusy] = React.useState(false);
  const [error, setError] = React.useState<unknown>();
  const mounted = React.useRef(true);
  React.useEffect(() => () => void (mounted.current = false), []);

  const today = localDay(now);
  const local: DismissFormErrors = touched ? validateDismissForm(values, today) : {};
  const server = fieldErrorsOf(error);
  const fieldError = (field: keyof DismissFormErrors) => local[field] ?? (server[field] ? sentence(server[field]!) : undefined);
  const set = (patch: Partial<DismissFormValues>) => setValues((v) => ({ ...v, ...patch }));

  const submit = async () => {
    setTouched(true);
    if (Object.keys(validateDismissForm(values, today)).length) return;
    setBusy(true);
    setError(undefined);
    try {
      await onSubmit(dismissRequest(values));
    } catch (err) {
      if (mounted.current) setError(err);
    } finally {
      if (mounted.current) setBusy(false);
    }
  };

  return (
    <form
      className="vigil-dismiss-form flex-column"
      aria-label={title === 'Dismiss this alert' ? 'Dismiss alert' : title}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="vigil-dismiss-title font-weight-semibold">{title}</div>
      <p className="vigil-detail-text secondary-text">{scopeText}</p>
      <FormItem label="Reason" error={Boolean(fieldError('reason'))} message={fieldError('reason')}>
        <RadioButtonGroup
          className="vigil-reason-group"
          // With no id, azure-devops-ui draws the first reason as chosen: name none until one is picked.
          selectedButtonId={`vigil-reason-${values.reason ?? 'none'}`}
          onSelect={(id) => set({ reason: id.replace(/^vigil-reason-/, '') as DismissalReason })}
        >
          {DISMISSAL_REASONS.map((reason) => (
            <RadioButton key={reason} id={`vigil-reason-${reason}`} disabled={busy} className="vigil-reason">
              <div className="flex-column vigil-reason-text">
                <span>{DISMISSAL_REASON_INFO[reason].label}</span>
                <span className="secondary-text body-s">{DISMISSAL_REASON_INFO[reason].description}</span>
              </div>
            </RadioButton>
          ))}
        </RadioButtonGroup>
      </FormItem>
      <FormItem label="Comment (optional)" error={Boolean(fieldError('comment'))} message={fieldError('comment')}>
        <TextField
          inputId="vigil-dismiss-comment"
          value={values.comment}
          onChange={(_e, v) => set({ comment: v })}
          multiline
          rows={3}
          maxLength={MAX_COMMENT_LENGTH}
          width={TextFieldWidth.auto}
          disabled={busy}
          placeholder="Why, and who to ask"
        />
      </FormItem>
      <FormItem
        label="Expires (optional)"
        error={Boolean(fieldError('expires'))}
        message={fieldError('expires') ?? 'After this day the alert reopens by itself.'}
      >
        <TextField
          inputId="vigil-dismiss-expires"
          inputType={DATE_INPUT}
          value={values.expires}
          onChange={(_e, v) => set({ expires: v })}
          disabled={busy}
          ariaLabel="Expiry date"
        />
      </FormItem>
      {error !== undefined ? <ErrorState error={error} context="Could not dismiss" /> : null}
      <ButtonGroup className="vigil-dismiss-actions">
        <Button primary type="submit" text={busy ? 'Dismissing…' : 'Dismiss'} disabled={busy} />
        <Button text="Cancel" onClick={onCancel} disabled={busy} />
      </ButtonGroup>
    </form>
  );
}
