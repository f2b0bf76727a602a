import * as React from 'react';
import { ZeroData, ZeroDataActionType } from 'azure-devops-ui/ZeroData';

export interface EmptyStateProps {
  primaryText: string;
  secondaryText?: React.ReactNode;
  /** A Fabric icon name (azure-devops-ui icon font). */
  iconName?: string;
  actionText?: string;
  onAction?: () => void;
}

export function EmptyState({ primaryText, secondaryText, iconName = 'Shield', actionText, onAction }: EmptyStateProps): JSX.Element {
  return (
    <ZeroData
      className="vigil-empty-state"
      primaryText={primaryText}
      secondaryText={secondaryText as string | JSX.Element | undefined}
      imageAltText=""
      iconProps={{ iconName, className: 'vigil-empty-icon' }}
      actionText={actionText}
      // Without it ZeroData renders the action as a bare link that ignores onActionClick.
      actionType={ZeroDataActionType.ctaButton}
      onActionClick={onAction ? () => onAction() : undefined}
    />
  );
}
