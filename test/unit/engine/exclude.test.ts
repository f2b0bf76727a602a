import { scanDirectory } from '../../../service/engine/scan';
import { needleScanner, tempTree } from './helpers';

describe('scanDirectory exclude option', () => {
  const files = {
    'src/app.ts': 'NEEDLE\n',
    'dist/app.js': 'NEEDLE\n',
    'dist/deep/more.js': 'NEEDLE\n',
    'logs/debug.log': 'NEEDLE\n',
    'logs/keep.txt': 'NEEDLE\n',
  };

  it('does not enter excluded folders, skips excluded files, and counts each once as excluded without making the scan incomplete', async () => {
    const tree = tempTree(files);
    try {
      const asked: string[] = [];
      const scanner = needleScanner({ needle: 'NEEDLE' });
      const result = await scanDirectory(tree.root, {
        scanners: [scanner],
        exclude: (p, isDirectory) => {
          asked.push(p);
          return (isDirectory && p === 'dist') || p.endsWith('.log');
        },
      });
      expect(scanner.seen.map((f) => f.path).sort()).toEqual(['logs/keep.txt', 'src/app.ts']);
      expect(result.findings.map((f) => (f.location.kind === 'file' ? f.location.path : '')).sort()).toEqual(['logs/keep.txt', 'src/app.ts']);
      expect(asked).not.toContain('dist/app.js');
      expect(result.coverage).toEqual({ complete: true, skipped: [{ reason: 'excluded', count: 2, examples: ['dist/', 'logs/debug.log'] }] });
    } finally {
      tree.remove();
    }
  });

  it('excludes nothing by default', async () => {
    const tree = tempTree(files);
    try {
      const scanner = needleScanner({ needle: 'NEEDLE' });
      const result = await scanDirectory(tree.root, { scanners: [scanner] });
      expect(scanner.seen).toHaveLength(5);
      expect(result.coverage).toEqual({ complete: true, skipped: [] });
    } finally {
      tree.remove();
    }
  });
});
