// First run in Organization settings: give Vigil an organization URL and a PAT or an Entra ID service principal.
import * as React from 'react';
import { Page } from 'azure-devops-ui/Page';
import { Header, TitleSize } from 'azure-devops-ui/Header';
import { Card } from 'azure-devops-ui/Card';
import { FormItem } from 'azure-devops-ui/FormItem';
import { TextField, TextFieldWidth } from 'azure-devops-ui/TextField';
import { Button } from 'azure-devops-ui/Button';
import { MessageCard, MessageCardSeverity } from 'azure-devops-ui/MessageCard';
import { RadioButton, RadioButtonGroup } from 'azure-devops-ui/RadioButton';
import type { ConnectRequest } from '../../service/contract/api';
import { ApiError, type VigilApi } from '../common/api';
import { ErrorState } from '../common/ErrorState';
import { useConnect } from '../common/queries';

export interface ConnectPageProps {
  api: VigilApi;
  /** The organization name from the host (SDK.getHost().name). */
  hostName: string;
  /** Only an organization administrator may connect; the service checks again. */
  canConnect: boolean;
}

/** The PAT scopes the service needs, as ADO's "New token" dialog names them. */
export const REQUIRED_PAT_SCOPES: { name: string; access: string; why: string }[] = [
  { name: 'Code', access: 'Read', why: 'list repositories and download each default branch' },
  { name: 'Project and Team', access: 'Read', why: 'list the projects of the organization' },
];

export function defaultOrganizationUrl(hostName: string): string {
  return `https://dev.azure.com/${encodeURIComponent(hostName)}`;
}

/** A message for a URL the service would reject anyway, or undefined when it looks right. */
export function validateOrganizationUrl(value: string): string | undefined {
  const trimmed = value.trim();
  if (!trimmed) return 'Enter the organization URL.';
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return 'Enter a full URL, for example https://dev.azure.com/fabrikam.';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'The URL must start with https://.';
  return undefined;
}

/** What a user can act on when the token pasted is not a PAT (the service's own rules, in words). */
export const PAT_HELP =
  'An Azure DevOps personal access token is one long string of letters and digits (52 or more characters) with no spaces. ' +
  'Create one in Azure DevOps under User settings › Personal access tokens › New token: choose this organization, ' +
  'Custom defined scopes, and tick the scopes listed below; then copy the token shown once and paste it here.';

/** A message for a token the service would reject, or undefined when it may be a PAT. */
export function validatePat(value: string): string | undefined {
  const trimmed = value.trim();
  if (!trimmed) return 'Paste the token.';
  if (/[^\x21-\x7e]/.test(trimmed)) return `That is not a single token: it contains spaces or line breaks. ${PAT_HELP}`;
  if (trimmed.length < 20) return `That is too short to be a personal access token. ${PAT_HELP}`;
  return undefined;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A message for a tenant or client id that is not a GUID, or undefined. `what` as the app registration's Overview names it. */
export function validateGuid(value: string, what: string): string | undefined {
  const trimmed = value.trim();
  if (!trimmed) return `Enter the ${what}.`;
  if (!GUID.test(trimmed)) return `The ${what} is a GUID like 00000000-0000-0000-0000-000000000000: copy it from the app registration's Overview in Microsoft Entra ID.`;
  return undefined;
}

export function validateClientSecret(value: string): string | undefined {
  const trimmed = value.trim();
  if (!trimmed) return 'Paste the client secret.';
  if (/[^\x21-\x7e]/.test(trimmed)) return 'A client secret has no spaces or line breaks: paste the secret’s Value (shown once when it was created), not its ID.';
  return undefined;
}

/** The service needs the certificate and its private key in one PEM text. */
export function validateCertificatePem(value: string): string | undefined {
  const trimmed = value.trim();
  if (!trimmed) return 'Paste the certificate and its private key (PEM).';
  if (!trimmed.includes('-----BEGIN CERTIFICATE-----')) return 'The text holds no certificate: paste PEM text with -----BEGIN CERTIFICATE-----.';
  if (/-----BEGIN ENCRYPTED PRIVATE KEY-----/.test(trimmed)) return 'The private key is encrypted: export it without a passphrase (Vigil stores it encrypted).';
  if (!/-----BEGIN (RSA |EC )?PRIVATE KEY-----/.test(trimmed)) return 'The text holds no private key: paste the certificate and its private key together (-----BEGIN PRIVATE KEY-----).';
  return undefined;
}

export type ConnectMethod = 'pat' | 'service-principal';
export type PrincipalSecretKind = 'secret' | 'certificate';

export interface PrincipalDraft {
  tenantId: string;
  clientId: string;
  secretKind: PrincipalSecretKind;
  clientSecret: string;
  certificate: string;
}

export const EMPTY_PRINCIPAL: PrincipalDraft = { tenantId: '', clientId: '', secretKind: 'secret', clientSecret: '', certificate: '' };

/** Each field's problem, by the field's name in the request (servicePrincipal.*). */
export function principalProblems(p: PrincipalDraft): Partial<Record<'tenantId' | 'clientId' | 'clientSecret' | 'certificate', string>> {
  const problems = {
    tenantId: validateGuid(p.tenantId, 'Directory (tenant) ID'),
    clientId: validateGuid(p.clientId, 'Application (client) ID'),
    ...(p.secretKind === 'secret' ? { clientSecret: validateClientSecret(p.clientSecret) } : { certificate: validateCertificatePem(p.certificate) }),
  };
  return Object.fromEntries(Object.entries(problems).filter(([, v]) => v !== undefined));
}

/** The service's word about a principal field (a validation problem at servicePrincipal.<field>). */
export function principalFieldRejection(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError) || error.status !== 400) return undefined;
  const found = error.problem?.errors?.find((e) => e.path === `servicePrincipal.${field}`);
  return found ? `The service did not accept it: ${found.message}.` : undefined;
}

/** The service's validation answer about the token, said as the form says it. */
export function patRejection(error: unknown): string | undefined {
  if (!(error instanceof ApiError) || error.status !== 400) return undefined;
  return error.problem?.errors?.some((e) => e.path === 'pat') ? `The service did not accept the token as a personal access token. ${PAT_HELP}` : undefined;
}

export function ConnectPage({ api, hostName, canConnect }: ConnectPageProps): JSX.Element {
  const [orgUrl, setOrgUrl] = React.useState(() => defaultOrganizationUrl(hostName));
  const [method, setMethod] = React.useState<ConnectMethod>('pat');
  const [pat, setPat] = React.useState('');
  const [principal, setPrincipal] = React.useState<PrincipalDraft>(EMPTY_PRINCIPAL);
  const connect = useConnect(api);
  const busy = connect.isLoading;
  const [touched, setTouched] = React.useState(false);
  const urlProblem = validateOrganizationUrl(orgUrl);
  const patProblem = method === 'pat' ? validatePat(pat) : undefined;
  const principalProblem = method === 'service-principal' ? principalProblems(principal) : {};
  const rejectedPat = connect.isError && method === 'pat' ? patRejection(connect.error) : undefined;
  const rejectedField = (field: string) => (connect.isError && method === 'service-principal' ? principalFieldRejection(connect.error, field) : undefined);
  const rejectedPrincipalField = ['tenantId', 'clientId', 'clientSecret', 'certificate'].some((f) => rejectedField(f));
  const disabled = !canConnect || busy;
  const changePrincipal = (patch: Partial<PrincipalDraft>) => setPrincipal((p) => ({ ...p, ...patch }));

  const request = (): ConnectRequest => {
    if (method === 'pat') return { organizationUrl: orgUrl.trim(), pat: pat.trim() };
    const ids = { tenantId: principal.tenantId.trim(), clientId: principal.clientId.trim() };
    return {
      organizationUrl: orgUrl.trim(),
      servicePrincipal: principal.secretKind === 'secret' ? { ...ids, clientSecret: principal.clientSecret.trim() } : { ...ids, certificate: principal.certificate.trim() },
    };
  };

  const submit = () => {
    setTouched(true);
    if (urlProblem || patProblem || Object.keys(principalProblem).length) return;
    // Once the service accepted the credential, the fields forget it (without asking for it again); the
    // page reads /me again (useConnect) and turns into the connected page.
    connect.mutate(request(), {
      onSuccess: () => {
        setPat('');
        setPrincipal(EMPTY_PRINCIPAL);
        setTouched(false);
      },
    });
  };

  /** A field's message: the form's own check once submitted, else the service's refusal, else the hint. */
  const fieldMessage = (problem: string | undefined, field: string, hint?: string) => {
    const shown = (touched && problem) || rejectedField(field);
    return { error: Boolean(shown), message: shown || hint };
  };

  return (
    <Page className="flex-grow vigil-page">
      <Header title="Vigil" titleSize={TitleSize.Large} description="Agentless security for Azure DevOps" />
      <div className="page-content page-content-top">
        <Card className="vigil-connect" titleProps={{ text: `Connect ${hostName}` }}>
          <form
            className="flex-column flex-grow vigil-connect-form"
            onSubmit={(e) => {
              e.preventDefault();
              submit();
            }}
          >
            <p className="body-m">
              Vigil scans the default branch of every repository in this organization for exposed secrets and other
              risks, with no pipeline changes. It reads the organization with a personal access token (PAT) that you
              create for it, or as a Microsoft Entra ID service principal; the secret is stored encrypted and never shown again.
            </p>
            {canConnect ? null : (
              <MessageCard severity={MessageCardSeverity.Warning}>
                Only a Project Collection Administrator can connect Vigil. Ask one to open this page.
              </MessageCard>
            )}
            <FormItem
              label="Organization URL"
              error={touched && Boolean(urlProblem)}
              message={touched && urlProblem ? urlProblem : 'Azure DevOps Server: use the collection URL.'}
            >
              <TextField
                inputId="vigil-org-url"
                value={orgUrl}
                onChange={(_e, v) => setOrgUrl(v)}
                width={TextFieldWidth.auto}
                spellCheck={false}
                disabled={!canConnect || busy}
              />
            </FormItem>
            <RadioButtonGroup
              text="Connect with"
              selectedButtonId={method}
              onSelect={(id) => {
                setMethod(id as ConnectMethod);
                setTouched(false);
              }}
              className="vigil-connect-method"
            >
              <RadioButton id="pat" text="Personal access token" disabled={disabled} />
              <RadioButton id="service-principal" text="Service principal" disabled={disabled} />
            </RadioButtonGroup>
            {method === 'pat' ? (
              <>
                <FormItem
                  label="Personal access token"
                  error={(touched && Boolean(patProblem)) || Boolean(rejectedPat)}
                  message={touched && patProblem ? patProblem : rejectedPat}
                >
                  <TextField
                    inputId="vigil-pat"
                    inputType="password"
                    value={pat}
                    onChange={(_e, v) => setPat(v)}
                    width={TextFieldWidth.auto}
                    autoComplete={false}
                    spellCheck={false}
                    disabled={!canConnect || busy}
                    placeholder="Organization-scoped PAT"
                  />
                </FormItem>
                <div>
                  <span className="font-weight-semibold">Scopes the token needs</span> (User settings › Personal access
                  tokens › New token › Custom defined):
                  <ul className="vigil-scope-list">
                    {REQUIRED_PAT_SCOPES.map((s) => (
                      <li key={s.name}>
                        <span className="font-weight-semibold">{s.name}</span> ({s.access}) — {s.why}
                      </li>
                    ))}
                  </ul>
                </div>
              </>
            ) : (
              <ServicePrincipalFields principal={principal} change={changePrincipal} disabled={disabled} fieldMessage={fieldMessage} problems={principalProblem} />
            )}
            {connect.isError && !rejectedPat && !rejectedPrincipalField ? <ErrorState error={connect.error} context="Could not connect" /> : null}
            <div className="flex-row vigil-connect-actions">
              <Button
                primary
                type="submit"
                text={busy ? 'Connecting…' : 'Connect'}
                disabled={!canConnect || busy}
              />
            </div>
          </form>
        </Card>
      </div>
    </Page>
  );
}

interface ServicePrincipalFieldsProps {
  principal: PrincipalDraft;
  change(patch: Partial<PrincipalDraft>): void;
  disabled: boolean;
  problems: ReturnType<typeof principalProblems>;
  fieldMessage(problem: string | undefined, field: string, hint?: string): { error: boolean; message?: string };
}

/** Tenant and client ids, and a client secret or a certificate with its key, of an app registration added to the organization. */
export function ServicePrincipalFields({ principal, change, disabled, problems, fieldMessage }: ServicePrincipalFieldsProps): JSX.Element {
  return (
    <>
      <p className="body-m">
        Register an application in Microsoft Entra ID (App registrations › New registration), give it a client secret or upload a
        certificate (Certificates &amp; secrets), then add it to this organization in Organization settings › Users with the Basic
        access level and a group that can read every project and its code (e.g. each project&apos;s Readers).
      </p>
      <FormItem label="Directory (tenant) ID" {...fieldMessage(problems.tenantId, 'tenantId')}>
        <TextField
          inputId="vigil-sp-tenant"
          value={principal.tenantId}
          onChange={(_e, v) => change({ tenantId: v })}
          width={TextFieldWidth.auto}
          spellCheck={false}
          disabled={disabled}
          placeholder="00000000-0000-0000-0000-000000000000"
        />
      </FormItem>
      <FormItem label="Application (client) ID" {...fieldMessage(problems.clientId, 'clientId')}>
        <TextField
          inputId="vigil-sp-client"
          value={principal.clientId}
          onChange={(_e, v) => change({ clientId: v })}
          width={TextFieldWidth.auto}
          spellCheck={false}
          disabled={disabled}
          placeholder="00000000-0000-0000-0000-000000000000"
        />
      </FormItem>
      <RadioButtonGroup
        text="Authenticate with"
        selectedButtonId={principal.secretKind}
        onSelect={(id) => change({ secretKind: id as PrincipalSecretKind })}
        className="vigil-connect-secret-kind"
      >
        <RadioButton id="secret" text="Client secret" disabled={disabled} />
        <RadioButton id="certificate" text="Certificate" disabled={disabled} />
      </RadioButtonGroup>
      {principal.secretKind === 'secret' ? (
        <FormItem label="Client secret" {...fieldMessage(problems.clientSecret, 'clientSecret', 'The secret’s Value, not its Secret ID.')}>
          <TextField
            inputId="vigil-sp-secret"
            inputType="password"
            value={principal.clientSecret}
            onChange={(_e, v) => change({ clientSecret: v })}
            width={TextFieldWidth.auto}
            autoComplete={false}
            spellCheck={false}
            disabled={disabled}
          />
        </FormItem>
      ) : (
        <FormItem
          label="Certificate and private key (PEM)"
          {...fieldMessage(problems.certificate, 'certificate', 'The certificate uploaded to the app registration and its RSA private key, unencrypted, in one PEM text.')}
        >
          <TextField
            inputId="vigil-sp-certificate"
            value={principal.certificate}
            onChange={(_e, v) => change({ certificate: v })}
            multiline
            rows={6}
            width={TextFieldWidth.auto}
            autoComplete={false}
            spellCheck={false}
            disabled={disabled}
            placeholder={'-----BEGIN CERTIFICATE-----\n…\n-----END CERTIFICATE-----\n-----BEGIN PRIVATE KEY-----\n…'}
          />
        </FormItem>
      )}
    </>
  );
}
