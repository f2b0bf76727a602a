import { arrayTableLines, parseTomlOrWarn, tablesOf } from './toml-lock';

describe('TOML lockfile helpers', () => {
  it('finds array-of-tables headers, with trailing comments and indentation, not sub-tables or other names', () => {
    const text = '[[package]]\nname = "a"\n[package.dependencies]\nb = "*"\n\n  [[package]] # second\nname = "b"\n[[packages]]\n[[package.wheels]]\n';
    expect(arrayTableLines(text, 'package')).toEqual([1, 6]);
    expect(arrayTableLines(text, 'packages')).toEqual([8]);
  });

  it('reads a table array, turning non-tables into empty tables so indexes stay aligned with lines', () => {
    expect(tablesOf({ package: [{ name: 'a' }, 3, { name: 'b' }] }, 'package')).toEqual([{ name: 'a' }, {}, { name: 'b' }]);
    expect(tablesOf({ package: { name: 'a' } }, 'package')).toEqual([]);
  });

  it('warns with the line and without the offending text', () => {
    const warnings: { code: string; message: string }[] = [];
    expect(parseTomlOrWarn('a = 1\nsecret = "ghp_abcdefghijklmnop\n', (w) => warnings.push(w))).toBeUndefined();
    expect(warnings).toEqual([{ code: 'parse-error', message: expect.stringMatching(/^line 2: not valid TOML/) }]);
    expect(warnings[0].message).not.toContain('ghp_abcdefghijklmnop');
  });
});
