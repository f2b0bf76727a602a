import { runExtractor } from '../memory-tree';
import { cargoLockExtractor } from './cargo-lock';

const run = (text: string) => runExtractor(cargoLockExtractor, 'Cargo.lock', { 'Cargo.lock': text });
const registry = 'source = "registry+https://github.com/rust-lang/crates.io-index"';

describe('cargo/cargo-lock', () => {
  it.each([
    ['Cargo.lock', true],
    ['crates/x/Cargo.lock', true],
    ['cargo.lock', false],
    ['Cargo.toml', false],
  ])('wants %s: %s', (path, want) => expect(cargoLockExtractor.wants(path, 1)).toBe(want));

  it('reads v1 dependency strings with their source, and its [metadata] checksums table', () => {
    const text = [
      '[[package]]\nname = "app"\nversion = "0.1.0"\ndependencies = [\n "serde 1.0.100 (registry+https://github.com/rust-lang/crates.io-index)",\n]\n',
      `[[package]]\nname = "serde"\nversion = "1.0.100"\n${registry}\n`,
      '[metadata]\n"checksum serde 1.0.100 (registry+https://github.com/rust-lang/crates.io-index)" = "abc"\n',
    ].join('\n');
    const { packages, warnings } = run(text);
    expect(packages.map((p) => [p.name, p.version, p.line, p.direct, p.dependsOn])).toEqual([
      ['app', '0.1.0', 1, undefined, ['pkg:cargo/serde@1.0.100']],
      ['serde', '1.0.100', 8, true, undefined],
    ]);
    expect(warnings).toEqual([]);
  });

  it('says nothing of direct when there is no root crate', () => {
    const { packages } = run(`version = 3\n\n[[package]]\nname = "a"\nversion = "1.0.0"\n${registry}\n`);
    expect(packages.map((p) => [p.name, p.direct, p.dependencyPath])).toEqual([['a', undefined, undefined]]);
  });

  it('ends on cycles and ignores dependencies not locked', () => {
    const text = `version = 3\n\n[[package]]\nname = "root"\nversion = "0.0.1"\ndependencies = ["a"]\n\n[[package]]\nname = "a"\nversion = "1.0.0"\n${registry}\ndependencies = ["b", "ghost"]\n\n[[package]]\nname = "b"\nversion = "1.0.0"\n${registry}\ndependencies = ["a", "b"]\n`;
    const { packages } = run(text);
    expect(packages.map((p) => [p.name, p.dependencyPath, p.dependsOn])).toEqual([
      ['root', undefined, ['pkg:cargo/a@1.0.0']],
      ['a', ['a'], ['pkg:cargo/b@1.0.0']],
      ['b', ['a', 'b'], ['pkg:cargo/a@1.0.0']],
    ]);
  });

  it('skips entries without a version, with a warning', () => {
    const { packages, warnings } = run('version = 3\n\n[[package]]\nname = "a"\n\n[[package]]\nname = "b"\nversion = "2.0.0"\n');
    expect(packages.map((p) => [p.name, p.line])).toEqual([['b', 6]]);
    expect(warnings.map((w) => w.code)).toEqual(['parse-error']);
  });

  it('names the line of broken TOML', () => {
    const { warnings } = run('version = 3\n\n[[package]]\nname = "a"\nname = "b"\n');
    expect(warnings).toEqual([expect.objectContaining({ code: 'parse-error', message: expect.stringMatching(/^line 5: not valid TOML/) })]);
  });
});
