// The Findings list's view (filters, keyword, sort, grouping) as query parameters of the hub page's URL, so that a
// link or a reload shows the same list. Only known keys and values are read back: a hand-edited URL
// cannot put anything else into a request.
import type { IFilterState } from 'azure-devops-ui/Utilities/Filter';
import { FINDING_GROUPINGS, FINDING_SORTS, FINDING_SOURCES, type FindingGrouping, type FindingSort } from '../../service/contract/api';
import {
  CATEGORIES,
  CODE_LANGUAGES,
  CONFIDENCES,
  ECOSYSTEMS,
  FINDING_STATES,
  IAC_PLATFORMS,
  SEVERITIES,
  VERIFICATION_FILTERS,
} from '../../service/contract/vocabulary';

/** Where the page keeps its URL's query (the host's navigation service in Azure DevOps). */
export interface UrlQueryStore {
  read(): Promise<Record<string, string>>;
  write(params: Record<string, string>): void;
}

/** The filter keys of the list and the values each may take (undefined: any id, e.g. a repository). */
const FILTER_VALUES: Record<string, readonly string[] | undefined> = {
  severity: SEVERITIES,
  category: CATEGORIES,
  confidence: CONFIDENCES,
  verification: VERIFICATION_FILTERS,
  ecosystem: ECOSYSTEMS,
  dependency: ['direct', 'transitive'],
  fix: ['yes', 'no'],
  platform: IAC_PLATFORMS,
  language: CODE_LANGUAGES,
  repository: undefined,
  state: FINDING_STATES,
  source: FINDING_SOURCES,
};
/** Single-choice filters: their value is a string, not a list. */
const SINGLE = new Set(['dependency', 'fix', 'repository', 'source']);
export const KEYWORD_KEY = 'q';
export const SORT_KEY = 'sort';
/** Group the list by rule or repository (absent: one row per alert). */
export const GROUP_KEY = 'groupBy';
const MAX_KEYWORD = 200;
const MAX_ID = 100;

export interface FindingsSort {
  sort: FindingSort;
  order: 'asc' | 'desc';
}

/** `severity:desc` (the filter state's form of the sort) -> its parts; anything else -> undefined. */
export function parseSort(value: unknown): FindingsSort | undefined {
  if (typeof value !== 'string') return undefined;
  const [sort, order] = value.split(':');
  if (!(FINDING_SORTS as readonly string[]).includes(sort) || (order !== 'asc' && order !== 'desc')) return undefined;
  return { sort: sort as FindingSort, order };
}

/** 'rule' or 'repository'; anything else -> undefined (no grouping). */
export function parseGrouping(value: unknown): FindingGrouping | undefined {
  return typeof value === 'string' && (FINDING_GROUPINGS as readonly string[]).includes(value) ? (value as FindingGrouping) : undefined;
}

const listOf = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined || v === null || v === '' ? [] : [String(v)]);

/** The view as query parameters: only what differs from an empty filter (state [open] is the default). */
export function toUrlParams(state: IFilterState): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(FILTER_VALUES)) {
    const values = listOf(state[key]?.value);
    if (values.length) out[key] = values.join(',');
  }
  const keyword = state[KEYWORD_KEY]?.value;
  if (typeof keyword === 'string' && keyword.trim()) out[KEYWORD_KEY] = keyword.trim();
  const sort = parseSort(state[SORT_KEY]?.value);
  if (sort) out[SORT_KEY] = `${sort.sort}:${sort.order}`;
  const grouping = parseGrouping(state[GROUP_KEY]?.value);
  if (grouping) out[GROUP_KEY] = grouping;
  return out;
}

/** Query parameters -> the filter state they describe; unknown keys and values are dropped. */
export function fromUrlParams(params: Record<string, string | undefined>): IFilterState {
  const state: IFilterState = {};
  for (const [key, allowed] of Object.entries(FILTER_VALUES)) {
    const raw = params[key];
    if (!raw) continue;
    const values = [...new Set(raw.split(',').map((v) => v.trim()))].filter((v) => v && v.length <= MAX_ID && (!allowed || allowed.includes(v)));
    if (!values.length) continue;
    state[key] = { value: SINGLE.has(key) ? values[0] : values };
  }
  const keyword = params[KEYWORD_KEY]?.trim();
  if (keyword) state[KEYWORD_KEY] = { value: keyword.slice(0, MAX_KEYWORD) };
  const sort = parseSort(params[SORT_KEY]);
  if (sort) state[SORT_KEY] = { value: `${sort.sort}:${sort.order}` };
  const grouping = parseGrouping(params[GROUP_KEY]);
  if (grouping) state[GROUP_KEY] = { value: grouping };
  return state;
}

/** True when the URL says anything about the list (otherwise the page keeps its own defaults). */
export const describesView = (params: Record<string, string | undefined>): boolean => Object.keys(fromUrlParams(params)).length > 0;

/** What the hub needs of the host's navigation service (IHostNavigationService). */
export interface HostNavigation {
  getQueryParams(): Promise<{ [key: string]: string }>;
  setQueryParams(parameters: { [key: string]: string }): void;
}

/** Every query key the list writes: a key the view no longer has is written empty, which removes it. */
const URL_KEYS = [...Object.keys(FILTER_VALUES), KEYWORD_KEY, SORT_KEY, GROUP_KEY];

/**
 * The host page's query through its navigation service. The URL is read once per page: it is the link
 * the page was opened with; later (another tab opened the list with its own filters) the list's own
 * state wins and is written back.
 */
export function hostUrlQuery(navigation: () => Promise<HostNavigation>): UrlQueryStore {
  let read = false;
  return {
    read: async () => {
      if (read) return {};
      read = true;
      return (await navigation()).getQueryParams();
    },
    write: (params) => {
      const all = Object.fromEntries(URL_KEYS.map((k) => [k, params[k] ?? '']));
      void navigation().then((n) => n.setQueryParams(all), () => undefined);
    },
  };
}
