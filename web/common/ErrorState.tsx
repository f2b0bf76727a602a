import * as React from 'react';
import { MessageCard, MessageCardSeverity } from 'azure-devops-ui/MessageCard';
import { ApiError } from './api';

/** Title and detail of any error; ApiError keeps the service's problem title and detail. */
export function describeError(error: unknown): { title: string; detail?: string } {
  if (error instanceof ApiError) return { title: error.title, detail: error.detail };
  if (error instanceof Error) return { title: error.message || error.name };
  if (typeof error === 'string') return { title: error };
  return { title: 'Something went wrong' };
}

export interface ErrorStateProps {
  error: unknown;
  /** What was being done, e.g. "Could not load findings". */
  context?: string;
  onRetry?: () => void;
  onDismiss?: () => void;
  className?: string;
}

/** A refusal (403) answers the same until someone changes the user's permissions: retrying cannot help. */
export const isForbidden = (error: unknown): boolean => error instanceof ApiError && error.status === 403;

export function ErrorState({ error, context, onRetry, onDismiss, className }: ErrorStateProps): JSX.Element {
  const { title, detail } = describeError(error);
  const retry = isForbidden(error) ? undefined : onRetry;
  return (
    <MessageCard
      className={className ?? 'flex-self-stretch'}
      severity={MessageCardSeverity.Error}
      role="alert"
      onDismiss={onDismiss}
      buttonProps={retry ? [{ text: 'Retry', onClick: () => retry() }] : undefined}
    >
      <div className="flex-column">
        <span className="font-weight-semibold">{context ? `${context}: ${title}` : title}</span>
        {detail ? <span className="vigil-error-detail">{detail}</span> : null}
      </div>
    </MessageCard>
  );
}
