// Display formatting shared by every page. Pure functions: no SDK, no DOM.
import type { RepositoryDto, ScanDto, SeverityCounts } from '../../service/contract/api';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** "just now", "5 minutes ago", "yesterday", "3 days ago", then a date. Unknown or invalid input gives "—". */
export function relativeTime(iso: string | undefined, now: number = Date.now()): string {
  if (!iso) return '—';
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return '—';
  const ago = now - then;
  if (ago < 0) return ago > -MINUTE ? 'just now' : absoluteTime(iso);
  if (ago < MINUTE) return 'just now';
  if (ago < HOUR) return `${plural(Math.floor(ago / MINUTE), 'minute')} ago`;
  if (ago < DAY) return `${plural(Math.floor(ago / HOUR), 'hour')} ago`;
  if (ago < 2 * DAY) return 'yesterday';
  if (ago < 30 * DAY) return `${Math.floor(ago / DAY)} days ago`;
  return shortDate(then);
}

function shortDate(ms: number): string {
  return new Date(ms).toLocaleDateString('en-US', { year: 'numeric', month: 'short', day: 'numeric' });
}

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2025-12-31" -> "Dec 31, 2025" (a calendar day, so no time-zone shift); anything else is returned as given. */
export function formatDay(ymd: string | undefined): string {
  if (!ymd) return '';
  const m = DAY_PATTERN.exec(ymd);
  if (!m) return ymd;
  const date = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (date.getMonth() !== Number(m[2]) - 1) return ymd;
  return date.toLocaleDateString('en-US', { year: 'numeric', month: 'short', day: 'numeric' });
}

/** Today's local calendar day as YYYY-MM-DD. */
export function localDay(now: number = Date.now()): string {
  const d = new Date(now);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Full local date and time, for tooltips. */
export function absoluteTime(iso: string | undefined): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  return new Date(ms).toLocaleString('en-US', {
    year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit',
  });
}

/** "1 repository", "3 repositories", "1,204 findings". */
export function formatCount(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? singular : pluralForm}`;
}

/** "850 ms", "4.2 s", "3 min 5 s". */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < MINUTE) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const minutes = Math.floor(ms / MINUTE);
  const seconds = Math.round((ms % MINUTE) / 1000);
  return seconds ? `${minutes} min ${seconds} s` : `${minutes} min`;
}

/** When a scan last moved: finished, else started, else queued. */
export const scanTime = (scan: ScanDto): string => scan.finishedAt ?? scan.startedAt ?? scan.queuedAt;

/** "main" for "refs/heads/main". */
const branchName = (ref: string | undefined): string | undefined => ref?.replace(/^refs\/heads\//, '');

/** What a repository's code is, in words: its default branch, or a TFVC project's version control. */
export function branchText(repo: Pick<RepositoryDto, 'versionControl' | 'defaultBranch'>): string {
  if (repo.versionControl === 'tfvc') return 'Team Foundation Version Control';
  return branchName(repo.defaultBranch) ?? 'no default branch';
}

export function shortSha(sha: string | undefined): string {
  return sha ? sha.slice(0, 8) : '';
}

export function totalOpen(counts: SeverityCounts | undefined): number {
  if (!counts) return 0;
  return counts.critical + counts.high + counts.medium + counts.low + counts.info;
}

/** Only http(s) links are rendered: URLs can come from scanned repositories and must never be javascript:. */
export function safeHref(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.toString() : undefined;
  } catch {
    return undefined;
  }
}
