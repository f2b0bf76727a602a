// The Settings tab's administrators-only sections: the credential, the audit log, and the danger zone.
import * as React from 'react';
import type { VigilApi } from '../common/api';
import { useMe } from '../common/queries';
import { AuditLogSection } from './AuditLogSection';
import { CredentialSection } from './CredentialSection';
import { DisconnectSection } from './DisconnectSection';

export function AdministrationSections({ api }: { api: VigilApi }): JSX.Element | null {
  const me = useMe(api);
  const org = me.data?.organization;
  if (!org?.connected) return null;
  return (
    <>
      <CredentialSection api={api} organizationUrl={org.url ?? ''} />
      <AuditLogSection api={api} />
      <DisconnectSection api={api} organizationName={org.name} />
    </>
  );
}
