// Loads /me once and renders children only when the organization is connected to Vigil.
import * as React from 'react';
import { Spinner, SpinnerSize } from 'azure-devops-ui/Spinner';
import type { MeResponse } from '../../service/http/api-types';
import type { VigilApi } from './api';
import { EmptyState } from './EmptyState';
import { ErrorState } from './ErrorState';

export interface ConnectedGateProps {
  api: VigilApi;
  children: (me: MeResponse) => React.ReactNode;
  /** What to show while the organization is not connected; `reload` loads /me again. */
  renderDisconnected?: (me: MeResponse, reload: () => void) => React.ReactNode;
}

export function ConnectedGate({ api, children, renderDisconnected }: ConnectedGateProps): JSX.Element {
  const [me, setMe] = React.useState<MeResponse>();
  const [error, setError] = React.useState<unknown>();
  const [attempt, setAttempt] = React.useState(0);

  React.useEffect(() => {
    let cancelled = false;
    setError(undefined);
    api.me().then(
      (value) => !cancelled && setMe(value),
      (err: unknown) => !cancelled && setError(err),
    );
    return () => {
      cancelled = true;
    };
  }, [api, attempt]);

  if (error !== undefined) {
    return (
      <div className="vigil-page-error">
        <ErrorState error={error} context="Could not load Vigil" onRetry={() => setAttempt((n) => n + 1)} />
      </div>
    );
  }
  if (!me) return <Spinner size={SpinnerSize.large} label="Loading…" className="vigil-block" />;
  if (!me.organization.connected) {
    if (renderDisconnected) {
      return (
        <>
          {renderDisconnected(me, () => {
            setMe(undefined);
            setAttempt((n) => n + 1);
          })}
        </>
      );
    }
    return (
      <EmptyState
        iconName="PlugDisconnected"
        primaryText="Vigil is not connected to this organization yet"
        secondaryText="An organization administrator connects it in Organization settings › Vigil."
      />
    );
  }
  return <>{children(me)}</>;
}
