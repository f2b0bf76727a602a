// The answer to Scan all / Scan project: it goes when the scans it announced end (the repository list
// saw a scan active, then none) or after QUEUED_NOTICE_MS, whichever comes first.
import * as React from 'react';
import { MessageCard, MessageCardSeverity } from 'azure-devops-ui/MessageCard';
import { isScanActive } from '../../service/contract/vocabulary';
import type { VigilApi } from './api';
import { useRepositoryList } from './queries';

/** How long "Queued N scans." stays when the scans it announced are still running. */
export const QUEUED_NOTICE_MS = 15_000;

export interface QueuedNoticeProps {
  api: VigilApi;
  /** The project whose repositories were queued; undefined: the organization's. */
  project?: string;
  text: string;
  onDismiss: () => void;
}

export function QueuedNotice({ api, project, text, onDismiss }: QueuedNoticeProps): JSX.Element {
  const list = useRepositoryList(api, project);
  const sawActive = React.useRef(false);
  const active = list.items.some((r) => isScanActive(r.scanState));
  React.useEffect(() => {
    if (active) sawActive.current = true;
    else if (sawActive.current) onDismiss();
  }, [active, onDismiss]);
  React.useEffect(() => {
    const timer = setTimeout(onDismiss, QUEUED_NOTICE_MS);
    return () => clearTimeout(timer);
  }, [onDismiss]);
  return (
    <MessageCard className="vigil-block" severity={MessageCardSeverity.Info} onDismiss={onDismiss}>
      {text}
    </MessageCard>
  );
}
