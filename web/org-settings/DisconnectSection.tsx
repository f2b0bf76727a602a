// Settings › Disconnect organization (danger zone): a dialog that asks for the organization's name, typed
// exactly, before its button enables. Disconnecting deletes everything Vigil stores of the organization
// (findings, scans, settings, the audit log) and Vigil's service hooks; the hub then shows the Connect page.
import * as React from 'react';
import { Button } from 'azure-devops-ui/Button';
import { Card } from 'azure-devops-ui/Card';
import { Dialog } from 'azure-devops-ui/Dialog';
import { FormItem } from 'azure-devops-ui/FormItem';
import { TextField, TextFieldWidth } from 'azure-devops-ui/TextField';
import type { VigilApi } from '../common/api';
import { ErrorState } from '../common/ErrorState';
import { useDisconnect } from './settings-queries';

export interface DisconnectSectionProps {
  api: VigilApi;
  organizationName: string;
}

export function DisconnectSection({ api, organizationName }: DisconnectSectionProps): JSX.Element {
  const [open, setOpen] = React.useState(false);
  const opener = React.useRef<Button>(null);
  const close = () => {
    setOpen(false);
    setTimeout(() => opener.current?.focus(), 0);
  };
  return (
    <Card className="vigil-settings vigil-danger-zone" titleProps={{ text: 'Danger zone' }}>
      <div className="flex-column vigil-settings-body">
        <div className="flex-row flex-center vigil-danger-row">
          <div className="flex-column flex-grow">
            <span className="font-weight-semibold">Disconnect organization</span>
            <span className="secondary-text body-s">
              Deletes every finding, scan, setting and audit entry Vigil keeps for {organizationName}, and Vigil&apos;s service hooks. This cannot be undone.
            </span>
          </div>
          <Button ref={opener} danger text="Disconnect organization…" onClick={() => setOpen(true)} />
        </div>
      </div>
      {open ? <DisconnectDialog api={api} organizationName={organizationName} onClose={close} /> : null}
    </Card>
  );
}

function DisconnectDialog({ api, organizationName, onClose }: DisconnectSectionProps & { onClose(): void }): JSX.Element {
  const [typed, setTyped] = React.useState('');
  const disconnect = useDisconnect(api);
  // The dialog focuses its own frame when it opens: the name field takes the focus once it is there.
  const field = React.useRef<TextField>(null);
  React.useEffect(() => {
    const t = setTimeout(() => field.current?.focus(), 50);
    return () => clearTimeout(t);
  }, []);
  const confirmed = typed === organizationName;
  const go = () => {
    if (confirmed && !disconnect.isLoading) disconnect.mutate();
  };
  return (
    <Dialog
      titleProps={{ text: `Disconnect ${organizationName}?` }}
      onDismiss={onClose}
      // Modal, and no dismissal by a click outside: the click that opened it must not close it; Esc and Cancel do.
      modal
      lightDismiss={false}
      footerButtonProps={[
        { text: 'Cancel', onClick: onClose, disabled: disconnect.isLoading },
        { text: disconnect.isLoading ? 'Disconnecting…' : 'Disconnect and delete data', danger: true, onClick: go, disabled: !confirmed || disconnect.isLoading },
      ]}
      className="vigil-disconnect-dialog"
    >
      <form
        className="flex-column"
        onSubmit={(e) => {
          e.preventDefault();
          go();
        }}
      >
        <p className="body-m">
          Vigil will stop watching <span className="font-weight-semibold">{organizationName}</span> and delete everything it stores of it: findings and their dismissals, scans,
          posture and compliance results, settings and the audit log. Azure DevOps itself is not changed, apart from Vigil&apos;s service hook subscriptions.
        </p>
        <FormItem label={`Type ${organizationName} to confirm`} error={typed !== '' && !confirmed} message={typed !== '' && !confirmed ? 'The name must match exactly (letter case too).' : undefined}>
          <TextField ref={field} inputId="vigil-disconnect-name" value={typed} onChange={(_e, v) => setTyped(v)} width={TextFieldWidth.auto} autoComplete={false} spellCheck={false} autoFocus disabled={disconnect.isLoading} />
        </FormItem>
        {disconnect.error ? <ErrorState error={disconnect.error} context="Could not disconnect" onDismiss={() => disconnect.reset()} className="vigil-block" /> : null}
      </form>
    </Dialog>
  );
}
