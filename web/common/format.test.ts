import { branchText, formatCount, formatDay, formatDuration, localDay, relativeTime, safeHref, scanTime, totalOpen } from './format';
import { makeScan } from '../testing/fixtures';

const NOW = Date.parse('2025-06-01T12:00:00Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString();

describe('format', () => {
  it('relativeTime', () => {
    expect(relativeTime(undefined, NOW)).toBe('—');
    expect(relativeTime('not a date', NOW)).toBe('—');
    expect(relativeTime(ago(20_000), NOW)).toBe('just now');
    expect(relativeTime(ago(60_000), NOW)).toBe('1 minute ago');
    expect(relativeTime(ago(5 * 60_000), NOW)).toBe('5 minutes ago');
    expect(relativeTime(ago(3 * 3600_000), NOW)).toBe('3 hours ago');
    expect(relativeTime(ago(30 * 3600_000), NOW)).toBe('yesterday');
    expect(relativeTime(ago(4 * 86_400_000), NOW)).toBe('4 days ago');
    expect(relativeTime('2025-01-15T10:00:00Z', NOW)).toBe('Jan 15, 2025');
  });

  it('formatCount, formatDuration, totalOpen', () => {
    expect(formatCount(1, 'repository', 'repositories')).toBe('1 repository');
    expect(formatCount(1204, 'finding')).toBe('1,204 findings');
    expect(formatCount(0, 'scan')).toBe('0 scans');
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(4_210)).toBe('4.2 s');
    expect(formatDuration(185_000)).toBe('3 min 5 s');
    expect(formatDuration(undefined)).toBe('—');
    expect(totalOpen({ critical: 1, high: 2, medium: 3, low: 4, info: 5 })).toBe(15);
  });

  it('safeHref lets only http(s) through', () => {
    expect(safeHref('https://dev.azure.com/x')).toBe('https://dev.azure.com/x');
    expect(safeHref('javascript:alert(1)')).toBeUndefined();
    expect(safeHref('data:text/html,hi')).toBeUndefined();
    expect(safeHref('not a url')).toBeUndefined();
    expect(safeHref(undefined)).toBeUndefined();
  });

  it('formatDay and localDay work on calendar days', () => {
    expect(formatDay('2025-12-31')).toBe('Dec 31, 2025');
    expect(formatDay('2025-02-30')).toBe('2025-02-30');
    expect(formatDay('tomorrow')).toBe('tomorrow');
    expect(formatDay(undefined)).toBe('');
    expect(localDay(new Date(2025, 0, 5, 23, 59).getTime())).toBe('2025-01-05');
  });

  it('branchText says what a repository row and panel say of its code', () => {
    expect(branchText({ versionControl: 'git', defaultBranch: 'refs/heads/main' })).toBe('main');
    expect(branchText({ versionControl: 'git', defaultBranch: 'refs/heads/release/2.0' })).toBe('release/2.0');
    expect(branchText({ versionControl: 'git', defaultBranch: undefined })).toBe('no default branch');
    expect(branchText({ versionControl: 'tfvc', defaultBranch: undefined })).toBe('Team Foundation Version Control');
  });

  it('scanTime: finished, else started, else queued', () => {
    const scan = makeScan();
    expect(scanTime(scan)).toBe(scan.finishedAt);
    expect(scanTime(makeScan({ state: 'running', finishedAt: undefined }))).toBe(scan.startedAt);
    expect(scanTime(makeScan({ state: 'queued', finishedAt: undefined, startedAt: undefined }))).toBe(scan.queuedAt);
  });
});
