// ADO's change entries as the gate's changed files: paths without the leading slash, a deletion wins
// over the other flags, an added file is new, a rename keeps where it came from, an edit is an edit.
import { toChangedFiles } from './scan-pull-request';

describe('toChangedFiles', () => {
  it('maps change types and paths', () => {
    expect(
      toChangedFiles([
        { path: '/src/new.ts', changeTypes: ['add'] },
        { path: '/src/edited.ts', changeTypes: ['edit'] },
        { path: '/src/moved.ts', changeTypes: ['edit', 'rename'], originalPath: '/src/old.ts' },
        { path: '/src/gone.ts', changeTypes: ['delete'] },
        { path: '/src/odd.ts', changeTypes: [] },
        { path: '/', changeTypes: ['edit'] },
      ]),
    ).toEqual([
      { path: 'src/new.ts', change: 'add' },
      { path: 'src/edited.ts', change: 'edit' },
      { path: 'src/moved.ts', change: 'rename', originalPath: 'src/old.ts' },
      { path: 'src/gone.ts', change: 'delete' },
      { path: 'src/odd.ts', change: 'edit' },
    ]);
  });
});
