// Loads /me and renders children only when the organization is connected to Vigil.
import * as React from 'react';
import { Spinner, SpinnerSize } from 'azure-devops-ui/Spinner';
import type { MeResponse } from '../../service/contract/api';
import type { VigilApi } from './api';
import { EmptyState } from './EmptyState';
import { ErrorState } from './ErrorState';
import { useMe } from './queries';

export interface ConnectedGateProps {
  api: VigilApi;
  children: (me: MeResponse) => React.ReactNode;
  /** What to show while the organization is not connected. */
  renderDisconnected?: (me: MeResponse) => React.ReactNode;
}

export function ConnectedGate({ api, children, renderDisconnected }: ConnectedGateProps): JSX.Element {
  const me = useMe(api);

  // A failed read again of /me keeps the answer it had (react-query keeps data beside the error): the
  // page stays. Only a first read that failed has nothing to show.
  if (me.isError && !me.data) {
    return (
      <div className="vigil-page-error">
        <ErrorState error={me.error} context="Could not load Vigil" onRetry={() => void me.refetch()} />
      </div>
    );
  }
  if (!me.data) return <Spinner size={SpinnerSize.large} label="Loading…" className="vigil-block" />;
  if (!me.data.organization.connected) {
    if (renderDisconnected) return <>{renderDisconnected(me.data)}</>;
    return (
      <EmptyState
        iconName="PlugDisconnected"
        primaryText="Vigil is not connected to this organization yet"
        secondaryText="An organization administrator connects it in Organization settings › Vigil."
      />
    );
  }
  return <>{children(me.data)}</>;
}
