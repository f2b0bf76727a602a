import * as React from 'react';
import { Button } from 'azure-devops-ui/Button';

/** The "Load more" row under a paged table; renders nothing on the last page. */
export function LoadMore({ hasMore, loading, onLoad }: { hasMore: boolean; loading: boolean; onLoad: () => void }): JSX.Element | null {
  if (!hasMore) return null;
  return (
    <div className="flex-row justify-center vigil-block">
      <Button text={loading ? 'Loading…' : 'Load more'} disabled={loading} onClick={onLoad} />
    </div>
  );
}
