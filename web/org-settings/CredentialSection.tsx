// Settings › Credential: how Vigil reaches the organization (kind, who it acts as, who connected it and
// when, when its scopes were last checked) and "Replace…": the connect form's PAT / service principal
// fields in a panel. The service checks the new credential as connect does; on failure the old one stays.
import * as React from 'react';
import { Button } from 'azure-devops-ui/Button';
import { Card } from 'azure-devops-ui/Card';
import { FormItem } from 'azure-devops-ui/FormItem';
import { MessageCard, MessageCardSeverity } from 'azure-devops-ui/MessageCard';
import { Panel } from 'azure-devops-ui/Panel';
import { RadioButton, RadioButtonGroup } from 'azure-devops-ui/RadioButton';
import { Spinner, SpinnerSize } from 'azure-devops-ui/Spinner';
import { TextField, TextFieldWidth } from 'azure-devops-ui/TextField';
import type { ConnectRequest } from '../../service/contract/api';
import type { CredentialDto } from '../../service/contract/settings-api';
import type { VigilApi } from '../common/api';
import { ErrorState } from '../common/ErrorState';
import { absoluteTime } from '../common/format';
import {
  EMPTY_PRINCIPAL,
  PAT_HELP,
  REQUIRED_PAT_SCOPES,
  ServicePrincipalFields,
  patRejection,
  principalFieldRejection,
  principalProblems,
  validatePat,
  type ConnectMethod,
  type PrincipalDraft,
} from './ConnectPage';
import { useCredential, useReplaceCredential } from './settings-queries';

export interface CredentialSectionProps {
  api: VigilApi;
  /** The organization's URL: a new credential must be for it. */
  organizationUrl: string;
}

const KIND_LABELS: Record<CredentialDto['kind'], string> = { pat: 'Personal access token', 'service-principal': 'Microsoft Entra ID service principal' };

/** Administrators only (the service refuses others): the Settings tab shows it to them alone. */
export function CredentialSection({ api, organizationUrl }: CredentialSectionProps): JSX.Element {
  const credential = useCredential(api);
  const [replacing, setReplacing] = React.useState(false);
  const [replaced, setReplaced] = React.useState(false);
  const replaceButton = React.useRef<Button>(null);
  const close = () => {
    setReplacing(false);
    // Focus goes back to what opened the panel.
    setTimeout(() => replaceButton.current?.focus(), 0);
  };
  const c = credential.data;
  return (
    <Card className="vigil-settings" titleProps={{ text: 'Credential' }}>
      <div className="flex-column vigil-settings-body">
        {credential.isLoading ? (
          <Spinner size={SpinnerSize.medium} label="Loading the credential…" />
        ) : credential.error || !c ? (
          <ErrorState error={credential.error} context="Could not load the credential" onRetry={() => void credential.refetch()} />
        ) : (
          <dl className="vigil-facts" aria-label="Credential">
            <dt>Kind</dt>
            <dd>{KIND_LABELS[c.kind]}</dd>
            {c.actsAs ? (
              <>
                <dt>Acts as</dt>
                <dd>{c.actsAs}</dd>
              </>
            ) : null}
            <dt>Connected</dt>
            <dd>
              by {c.connectedBy} on {absoluteTime(c.connectedAt)}
            </dd>
            {c.replacedAt ? (
              <>
                <dt>Replaced</dt>
                <dd>
                  {c.replacedBy ? `by ${c.replacedBy} ` : ''}on {absoluteTime(c.replacedAt)}
                </dd>
              </>
            ) : null}
            <dt>Scopes last checked</dt>
            <dd>
              {absoluteTime(c.checkedAt)}
              {c.postureScopeGaps === undefined
                ? ''
                : c.postureScopeGaps.length === 0
                  ? ' — every area Vigil reads is allowed'
                  : ` — missing for posture: ${c.postureScopeGaps.map((g) => `${g.label} (${g.scope})`).join(', ')}`}
            </dd>
          </dl>
        )}
        {replaced ? (
          <MessageCard severity={MessageCardSeverity.Info} onDismiss={() => setReplaced(false)}>
            The credential was replaced. Vigil uses the new one from now on.
          </MessageCard>
        ) : null}
        <div className="flex-row">
          <Button ref={replaceButton} text="Replace…" ariaLabel="Replace the credential" onClick={() => setReplacing(true)} disabled={!c} />
        </div>
      </div>
      {replacing ? (
        <ReplaceCredentialPanel
          api={api}
          organizationUrl={organizationUrl}
          onClose={close}
          onReplaced={() => {
            setReplaced(true);
            close();
          }}
        />
      ) : null}
    </Card>
  );
}

interface ReplaceCredentialPanelProps {
  api: VigilApi;
  organizationUrl: string;
  onClose(): void;
  onReplaced(): void;
}

function ReplaceCredentialPanel({ api, organizationUrl, onClose, onReplaced }: ReplaceCredentialPanelProps): JSX.Element {
  const replace = useReplaceCredential(api);
  const [method, setMethod] = React.useState<ConnectMethod>('pat');
  const [pat, setPat] = React.useState('');
  const [principal, setPrincipal] = React.useState<PrincipalDraft>(EMPTY_PRINCIPAL);
  const [touched, setTouched] = React.useState(false);
  const busy = replace.isLoading;
  const patProblem = method === 'pat' ? validatePat(pat) : undefined;
  const principalProblem = method === 'service-principal' ? principalProblems(principal) : {};
  const rejectedPat = replace.isError && method === 'pat' ? patRejection(replace.error) : undefined;
  const rejectedField = (field: string) => (replace.isError && method === 'service-principal' ? principalFieldRejection(replace.error, field) : undefined);
  const rejectedPrincipalField = ['tenantId', 'clientId', 'clientSecret', 'certificate'].some((f) => rejectedField(f));
  const fieldMessage = (problem: string | undefined, field: string, hint?: string) => {
    const shown = (touched && problem) || rejectedField(field);
    return { error: Boolean(shown), message: shown || hint };
  };

  const request = (): ConnectRequest => {
    if (method === 'pat') return { organizationUrl, pat: pat.trim() };
    const ids = { tenantId: principal.tenantId.trim(), clientId: principal.clientId.trim() };
    return {
      organizationUrl,
      servicePrincipal: principal.secretKind === 'secret' ? { ...ids, clientSecret: principal.clientSecret.trim() } : { ...ids, certificate: principal.certificate.trim() },
    };
  };
  const submit = () => {
    setTouched(true);
    if (patProblem || Object.keys(principalProblem).length) return;
    replace.mutate(request(), {
      onSuccess: () => {
        setPat('');
        setPrincipal(EMPTY_PRINCIPAL);
        onReplaced();
      },
    });
  };

  return (
    <Panel
      onDismiss={onClose}
      titleProps={{ text: 'Replace the credential' }}
      description={organizationUrl}
      footerButtonProps={[
        { text: 'Cancel', onClick: onClose, disabled: busy },
        { text: busy ? 'Checking…' : 'Replace', primary: true, onClick: submit, disabled: busy, ariaLabel: 'Check and replace the credential' },
      ]}
      className="vigil-credential-panel"
    >
      <form
        className="flex-column vigil-connect-form"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <p className="body-m">
          Vigil checks the new credential against Azure DevOps as it does when connecting: it must belong to this organization and be allowed to read every project and its code. Until
          it passes, the current credential stays in use.
        </p>
        <RadioButtonGroup
          text="Replace with"
          selectedButtonId={method}
          onSelect={(id) => {
            setMethod(id as ConnectMethod);
            setTouched(false);
          }}
        >
          <RadioButton id="pat" text="Personal access token" disabled={busy} />
          <RadioButton id="service-principal" text="Service principal" disabled={busy} />
        </RadioButtonGroup>
        {method === 'pat' ? (
          <>
            <FormItem label="Personal access token" error={(touched && Boolean(patProblem)) || Boolean(rejectedPat)} message={touched && patProblem ? patProblem : (rejectedPat ?? PAT_HELP)}>
              <TextField
                inputId="vigil-replace-pat"
                inputType="password"
                value={pat}
                onChange={(_e, v) => setPat(v)}
                width={TextFieldWidth.auto}
                autoComplete={false}
                spellCheck={false}
                disabled={busy}
                autoFocus
              />
            </FormItem>
            <p className="body-s secondary-text">Scopes: {REQUIRED_PAT_SCOPES.map((s) => `${s.name} (${s.access})`).join(', ')}.</p>
          </>
        ) : (
          <ServicePrincipalFields principal={principal} change={(patch) => setPrincipal((p) => ({ ...p, ...patch }))} disabled={busy} fieldMessage={fieldMessage} problems={principalProblem} />
        )}
        {replace.isError && !rejectedPat && !rejectedPrincipalField ? <ErrorState error={replace.error} context="The credential was not replaced (the current one stays)" /> : null}
      </form>
    </Panel>
  );
}
