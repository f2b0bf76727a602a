// Cursor paging for a list endpoint: first page on mount and whenever `key` changes, "load more"
// follows nextCursor, refresh() re-reads what is shown (silently, for auto-refresh).
import * as React from 'react';
import type { Paged } from '../../service/http/api-types';

export type FetchPage<T> = (cursor: string | undefined, limit: number) => Promise<Paged<T>>;

export interface PagedList<T> {
  items: T[];
  total: number;
  /** First load (or reload after `key` changed) in progress. */
  loading: boolean;
  loadingMore: boolean;
  error?: unknown;
  nextCursor?: string;
  loadMore(): void;
  /** Re-read the first max(pageSize, shown) items without clearing the list. */
  refresh(): void;
}

/** Upper bound for a silent refresh of everything shown (the service caps page sizes). */
const MAX_REFRESH_LIMIT = 100;

export function usePagedList<T>(fetchPage: FetchPage<T>, key: string, pageSize = 50): PagedList<T> {
  const [items, setItems] = React.useState<T[]>([]);
  const [total, setTotal] = React.useState(0);
  const [nextCursor, setNextCursor] = React.useState<string | undefined>();
  const [loading, setLoading] = React.useState(true);
  const [loadingMore, setLoadingMore] = React.useState(false);
  const [error, setError] = React.useState<unknown>();
  // Every request takes a generation number; answers to an older generation are dropped.
  const generation = React.useRef(0);
  const fetchRef = React.useRef(fetchPage);
  fetchRef.current = fetchPage;
  const shown = React.useRef(0);
  shown.current = items.length;

  const load = React.useCallback(
    (silent: boolean) => {
      const gen = ++generation.current;
      if (!silent) {
        setLoading(true);
        setError(undefined);
      }
      const limit = silent ? Math.min(Math.max(pageSize, shown.current), MAX_REFRESH_LIMIT) : pageSize;
      fetchRef.current(undefined, limit).then(
        (page) => {
          if (gen !== generation.current) return;
          setItems(page.items);
          setTotal(page.total);
          setNextCursor(page.nextCursor);
          setError(undefined);
          setLoading(false);
        },
        (err: unknown) => {
          if (gen !== generation.current) return;
          // A failed silent refresh keeps the list on screen and reports the error beside it.
          if (!silent) setItems([]);
          setError(err);
          setLoading(false);
        },
      );
    },
    [pageSize],
  );

  React.useEffect(() => {
    load(false);
    return () => {
      generation.current++;
    };
  }, [key, load]);

  const loadMore = React.useCallback(() => {
    if (!nextCursor || loadingMore) return;
    const gen = generation.current;
    setLoadingMore(true);
    fetchRef.current(nextCursor, pageSize).then(
      (page) => {
        if (gen !== generation.current) return;
        setItems((prev) => [...prev, ...page.items]);
        setTotal(page.total);
        setNextCursor(page.nextCursor);
        setLoadingMore(false);
      },
      (err: unknown) => {
        if (gen !== generation.current) return;
        setError(err);
        setLoadingMore(false);
      },
    );
  }, [nextCursor, loadingMore, pageSize]);

  const refresh = React.useCallback(() => load(true), [load]);

  return { items, total, loading, loadingMore, error, nextCursor, loadMore, refresh };
}
