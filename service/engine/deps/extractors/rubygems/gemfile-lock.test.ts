import { runExtractor } from '../memory-tree';
import { gemfileLockExtractor, gemVersion } from './gemfile-lock';

const run = (text: string, path = 'Gemfile.lock') => runExtractor(gemfileLockExtractor, path, { [path]: text });
const brief = (text: string) => run(text).packages.map((p) => [p.name, p.version, p.line, p.direct]);

describe('rubygems/gemfile-lock', () => {
  it.each([
    ['Gemfile.lock', true],
    ['apps/api/Gemfile.lock', true],
    ['gems.locked', true],
    ['Gemfile', false],
    ['MyGemfile.lock', false],
  ])('wants %s: %s', (path, want) => expect(gemfileLockExtractor.wants(path, 1)).toBe(want));

  it.each([
    ['1.15.0', '1.15.0'],
    ['1.15.0-x86_64-linux', '1.15.0'],
    ['1.15.0-x86_64-linux-musl', '1.15.0'],
    ['7.1.0.alpha', '7.1.0.alpha'],
    ['1.6.0-java', '1.6.0'],
  ])('version %s -> %s', (raw, want) => expect(gemVersion(raw)).toBe(want));

  it('merges platform variants into one gem, at the first line', () => {
    const text = 'GEM\n  remote: https://rubygems.org/\n  specs:\n    ffi (1.15.5-x64-mingw-ucrt)\n    ffi (1.15.5)\n    ffi (1.16.0-java)\n\nDEPENDENCIES\n  ffi\n';
    expect(brief(text)).toEqual([
      ['ffi', '1.15.5', 4, true],
      ['ffi', '1.16.0', 6, true],
    ]);
  });

  it('reads a file starting with a byte-order mark', () => {
    expect(brief('\uFEFFGEM\n  specs:\n    rake (13.0.6)\n')).toEqual([['rake', '13.0.6', 3, undefined]]);
  });

  it('reads CRLF files and ignores PLATFORMS, RUBY VERSION, BUNDLED WITH and CHECKSUMS', () => {
    const text = 'GEM\r\n  remote: https://rubygems.org/\r\n  specs:\r\n    rake (13.0.6)\r\n\r\nPLATFORMS\r\n  ruby\r\n\r\nCHECKSUMS\r\n  rake (13.0.6) sha256=abc\r\n\r\nRUBY VERSION\r\n   ruby 3.2.2p53\r\n\r\nBUNDLED WITH\r\n   2.5.3\r\n';
    expect(brief(text)).toEqual([['rake', '13.0.6', 4, undefined]]);
    expect(run(text).warnings).toEqual([]);
  });

  it('says nothing of direct without a DEPENDENCIES section, and ends on dependency cycles', () => {
    const text = 'GEM\n  specs:\n    a (1.0)\n      b\n    b (1.0)\n      a (>= 0)\n';
    expect(run(text).packages.map((p) => [p.name, p.direct, p.dependsOn, p.dependencyPath])).toEqual([
      ['a', undefined, ['pkg:gem/b@1.0'], undefined],
      ['b', undefined, ['pkg:gem/a@1.0'], undefined],
    ]);
    const withDeps = `${text}\nDEPENDENCIES\n  b\n`;
    expect(run(withDeps).packages.map((p) => [p.name, p.direct, p.dependencyPath])).toEqual([
      ['a', false, ['b', 'a']],
      ['b', true, ['b']],
    ]);
  });

  it.each([
    ['not a lockfile at all', 'source "https://rubygems.org"\ngem "rails"\n', /not a Gemfile.lock/],
    ['a spec without parentheses', 'GEM\n  specs:\n    thor 1.2.1\n', /^line 3: not a lockfile entry$/],
    ['a dependency line out of shape', 'DEPENDENCIES\n  rails (~> 7\n  pg\n    deep\n', /^line 2: not a lockfile entry \(and 1 more lines\)$/],
  ])('warns on %s', (_what, text, message) => {
    expect(run(text).warnings).toContainEqual(expect.objectContaining({ code: 'parse-error', message: expect.stringMatching(message) }));
  });
});
