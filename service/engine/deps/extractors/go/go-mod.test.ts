import { runExtractor } from '../memory-tree';
import { goModExtractor, parseGoMod, stdlibVersion } from './go-mod';

const run = (text: string) => runExtractor(goModExtractor, 'go.mod', { 'go.mod': text });
const brief = (text: string) => run(text).packages.map((p) => [p.name, p.version, p.line, p.direct]);

describe('go/go-mod', () => {
  it.each([
    ['go.mod', true],
    ['cmd/tool/go.mod', true],
    ['go.sum', false],
    ['go.mod.orig', false],
    ['ago.mod', false],
  ])('wants %s: %s', (path, want) => expect(goModExtractor.wants(path, 1)).toBe(want));

  it.each([
    ['1.21', '1.21.0'],
    ['1.21.3', '1.21.3'],
    ['go1.22.5', '1.22.5'],
    ['1.21rc2', '1.21.0-rc.2'],
    ['go1.18beta1', '1.18.0-beta.1'],
    ['default', undefined],
    ['1', undefined],
  ])('stdlib version of %s is %s', (raw, want) => expect(stdlibVersion(raw)).toBe(want));

  it.each([
    ['a byte-order mark', '\uFEFFrequire github.com/a/b v1.2.3\n', [['github.com/a/b', 'v1.2.3', 1, true]]],
    ['a single require', 'module m\nrequire github.com/a/b v1.2.3\n', [['github.com/a/b', 'v1.2.3', 2, true]]],
    ['indirect in a block', 'require (\n\tgithub.com/a/b v1.2.3 // indirect\n\tgithub.com/c/d v0.0.0-20230101000000-abcdef123456\n)\n', [
      ['github.com/a/b', 'v1.2.3', 2, false],
      ['github.com/c/d', 'v0.0.0-20230101000000-abcdef123456', 3, true],
    ]],
    ['+incompatible kept', 'require github.com/docker/docker v20.10.24+incompatible\n', [['github.com/docker/docker', 'v20.10.24+incompatible', 1, true]]],
    ['quoted paths', 'require "github.com/a/b" v1.0.0\n', [['github.com/a/b', 'v1.0.0', 1, true]]],
    ['a comment that merely mentions indirect', 'require github.com/a/b v1.0.0 // not indirect at all\n', [['github.com/a/b', 'v1.0.0', 1, true]]],
    ['the go directive', 'go 1.19\n', [['stdlib', '1.19.0', 1, true]]],
    ['toolchain wins over go', 'go 1.21\ntoolchain go1.21.4\n', [['stdlib', '1.21.4', 2, true]]],
    ['toolchain default falls back to go', 'go 1.21\ntoolchain default\n', [['stdlib', '1.21.0', 1, true]]],
    ['replace of every version', 'require a.com/x v1.0.0\nreplace a.com/x => b.com/x v1.1.0\n', [['b.com/x', 'v1.1.0', 2, true]]],
    ['replace of another version only', 'require a.com/x v1.0.0\nreplace a.com/x v0.9.0 => b.com/x v1.1.0\n', [['a.com/x', 'v1.0.0', 1, true]]],
    ['replace with a local path', 'require a.com/x v1.0.0 // indirect\nreplace a.com/x v1.0.0 => ./third_party/x\n', [['a.com/x', '', 2, false]]],
    ['replace of a module not required', 'replace a.com/x => b.com/x v1.1.0\n', []],
    ['exclude of the required version', 'require a.com/x v1.0.0\nexclude a.com/x v1.0.0\n', []],
    ['exclude of another version', 'require a.com/x v1.0.0\nexclude a.com/x v0.1.0\n', [['a.com/x', 'v1.0.0', 1, true]]],
    ['retract, tool and godebug blocks', 'retract (\n\tv1.0.0\n)\ntool (\n\tgolang.org/x/tools/cmd/stringer\n)\ngodebug (\n\tdefault=go1.21\n)\n', []],
  ])('%s', (_what, text, want) => {
    expect(brief(text)).toEqual(want);
    expect(run(text).warnings).toEqual([]);
  });

  it('warns once on unreadable lines, naming the first', () => {
    const { packages, warnings } = run('require (\n\ta.com/x\n\tb.com/y v1.0.0\n\tc.com/z v1 v2\n)\nreplace a.com/x\n');
    expect(packages.map((p) => p.name)).toEqual(['b.com/y']);
    expect(warnings).toEqual([expect.objectContaining({ code: 'parse-error', message: 'line 2: not a go.mod directive (and 2 more lines)' })]);
  });

  it('reads an unterminated block to the end without failing', () => {
    expect(parseGoMod('require (\n\ta.com/x v1.0.0\n').requires).toEqual([{ module: 'a.com/x', version: 'v1.0.0', line: 2, indirect: false }]);
  });
});
