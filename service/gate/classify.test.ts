// New or existing, line by line: added files are new throughout, edited and renamed files only on the
// lines their diff adds or edits, deleted files and untouched files give nothing, a range touching a
// changed line counts, a fingerprint known on the target branch is existing wherever it sits.
import type { Finding, Location } from '../contract/model';
import { changedLines, changedRangesOf, mergeRanges, repoPathOf, touchesChange, type ChangedFile, type FileLineDiff } from './changes';
import { classifyFindings, fingerprintsInChangedFiles } from './classify';

const at = (path: string, line: number, endLine?: number): Location => ({ kind: 'file', path, line, ...(endLine ? { endLine } : {}) });
const finding = (fingerprint: string, location: Location, over: Partial<Finding> = {}): Finding => ({
  ruleId: 'SEC-TEST',
  title: 'A test finding',
  severity: 'high',
  category: 'secret',
  confidence: 'high',
  message: 'Something is wrong',
  location,
  fingerprint,
  remediation: 'Fix it',
  ...over,
});

const files: ChangedFile[] = [
  { path: 'src/new.ts', change: 'add' },
  { path: 'src/edited.ts', change: 'edit' },
  { path: 'src/moved.ts', change: 'rename', originalPath: 'src/old-name.ts' },
  { path: 'src/pure-move.ts', change: 'rename', originalPath: 'src/was.ts' },
  { path: 'src/gone.ts', change: 'delete' },
];
const diffs: FileLineDiff[] = [
  {
    path: '/src/edited.ts',
    lineDiffBlocks: [
      { changeType: 'none', modifiedLineNumberStart: 1, modifiedLinesCount: 9 },
      { changeType: 'edit', modifiedLineNumberStart: 10, modifiedLinesCount: 2 }, // lines 10-11
      { changeType: 'delete', modifiedLineNumberStart: 20, modifiedLinesCount: 0 },
      { changeType: 'add', modifiedLineNumberStart: 30, modifiedLinesCount: 1 }, // line 30
    ],
  },
  { path: '/src/moved.ts', lineDiffBlocks: [{ changeType: 'add', modifiedLineNumberStart: 5, modifiedLinesCount: 1 }] },
  { path: '/src/pure-move.ts', lineDiffBlocks: [] },
];

describe('changed lines', () => {
  it('takes added and edited blocks of the new side, merged; deletions leave nothing', () => {
    expect(changedRangesOf(diffs[0])).toEqual([
      [10, 11],
      [30, 30],
    ]);
    expect(mergeRanges([[5, 7], [1, 2], [3, 3], [9, 9], [8, 8], [20, 19]])).toEqual([
      [1, 3],
      [5, 9],
    ]);
    expect(repoPathOf('/a/b.ts')).toBe('a/b.ts');
  });

  it('maps every present file: added ones throughout, a file without a diff throughout (and named), deleted ones not at all', () => {
    const { lines, undiffed } = changedLines(files, diffs.slice(0, 1));
    expect(lines.get('src/new.ts')).toBe('all');
    expect(lines.get('src/edited.ts')).toEqual([
      [10, 11],
      [30, 30],
    ]);
    expect(lines.get('src/moved.ts')).toBe('all');
    expect(undiffed).toEqual(['src/moved.ts', 'src/pure-move.ts']);
    expect(lines.has('src/gone.ts')).toBe(false);
  });

  it('touches when any line of the range is a changed one', () => {
    const ranges = [[10, 11]] as const;
    expect(touchesChange(ranges, 9)).toBe(false);
    expect(touchesChange(ranges, 10)).toBe(true);
    expect(touchesChange(ranges, 11)).toBe(true);
    expect(touchesChange(ranges, 12)).toBe(false);
    expect(touchesChange(ranges, 5, 9)).toBe(false);
    expect(touchesChange(ranges, 5, 10)).toBe(true);
    expect(touchesChange(ranges, 11, 40)).toBe(true);
    expect(touchesChange('all', 1000)).toBe(true);
    expect(touchesChange(undefined, 10)).toBe(false);
    // No line (a package without one): the file changed at all.
    expect(touchesChange(ranges, undefined)).toBe(true);
    expect(touchesChange([], undefined)).toBe(false);
  });
});

describe('classifyFindings', () => {
  const { lines } = changedLines(files, diffs);

  it('is new only on a changed line of a changed file and unknown on the target branch', () => {
    const found = [
      finding('added-file', at('src/new.ts', 200)),
      finding('edited-line', at('src/edited.ts', 11)),
      finding('edited-range', { kind: 'resource', path: 'src/edited.ts', line: 25, endLine: 31, address: 'azurerm_storage_account.logs' }),
      finding('untouched-line', at('src/edited.ts', 12)),
      finding('renamed-edited', at('src/moved.ts', 5)),
      finding('renamed-untouched', at('src/moved.ts', 6)),
      finding('pure-move', at('src/pure-move.ts', 1)),
      finding('on-target', at('src/new.ts', 3)),
      finding('other-file', at('src/elsewhere.ts', 1)),
      finding('deleted-file', at('src/gone.ts', 1)),
      finding('ado-object', { kind: 'ado-object', objectKind: 'pipeline', id: '1', name: 'p' }),
      finding('suppressed', at('src/new.ts', 9), { suppressed: { kind: 'inline', reason: 'test data' } }),
    ];
    const c = classifyFindings(found, lines, new Map([['on-target', 'finding-1']]));
    expect(c.newFindings.map((x) => x.finding.fingerprint)).toEqual(['edited-line', 'edited-range', 'renamed-edited', 'added-file']);
    expect(c.existingFindings.map((x) => [x.finding.fingerprint, x.targetFindingId])).toEqual([
      ['untouched-line', undefined],
      ['renamed-untouched', undefined],
      ['on-target', 'finding-1'],
      ['suppressed', undefined],
      ['pure-move', undefined],
    ]);
  });

  it('keeps a fingerprint reported twice once', () => {
    const c = classifyFindings([finding('same', at('src/new.ts', 1)), finding('same', at('src/new.ts', 2))], lines, new Map());
    expect(c.newFindings).toHaveLength(1);
  });

  it('looks up only the fingerprints of findings in changed files', () => {
    expect(fingerprintsInChangedFiles([finding('a', at('src/new.ts', 1)), finding('b', at('src/elsewhere.ts', 1)), finding('c', at('src/gone.ts', 1))], lines)).toEqual(['a']);
  });
});
