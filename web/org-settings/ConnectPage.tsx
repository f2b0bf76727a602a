// First run in Organization settings: give Vigil an organization URL and a PAT.
import * as React from 'react';
import { Page } from 'azure-devops-ui/Page';
import { Header, TitleSize } from 'azure-devops-ui/Header';
import { Card } from 'azure-devops-ui/Card';
import { FormItem } from 'azure-devops-ui/FormItem';
import { TextField, TextFieldWidth } from 'azure-devops-ui/TextField';
import { Button } from 'azure-devops-ui/Button';
import { MessageCard, MessageCardSeverity } from 'azure-devops-ui/MessageCard';
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

/** The service's validation answer about the token, said as the form says it. */
function patRejection(error: unknown): string | undefined {
  if (!(error instanceof ApiError) || error.status !== 400) return undefined;
  return error.problem?.errors?.some((e) => e.path === 'pat') ? `The service did not accept the token as a personal access token. ${PAT_HELP}` : undefined;
}

export function ConnectPage({ api, hostName, canConnect }: ConnectPageProps): JSX.Element {
  const [orgUrl, setOrgUrl] = React.useState(() => defaultOrganizationUrl(hostName));
  const [pat, setPat] = React.useState('');
  const connect = useConnect(api);
  const busy = connect.isLoading;
  const [touched, setTouched] = React.useState(false);
  const urlProblem = validateOrganizationUrl(orgUrl);
  const patProblem = validatePat(pat);
  const rejectedPat = connect.isError ? patRejection(connect.error) : undefined;

  const submit = () => {
    setTouched(true);
    if (urlProblem || patProblem) return;
    // Once the service accepted the token, the field forgets it (without asking for it again); the page
    // reads /me again (useConnect) and turns into the connected page.
    connect.mutate(
      { organizationUrl: orgUrl.trim(), pat: pat.trim() },
      {
        onSuccess: () => {
          setPat('');
          setTouched(false);
        },
      },
    );
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
              create for it; the token is stored encrypted and never shown again.
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
            {connect.isError && !rejectedPat ? <ErrorState error={connect.error} context="Could not connect" /> : null}
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
