import { runExtractor } from '../memory-tree';
import { pipfileLockExtractor } from './pipfile-lock';

const lock = (o: unknown) => JSON.stringify(o, null, 4);

describe('pypi/pipfile-lock', () => {
  it.each([
    ['Pipfile.lock', true],
    ['api/Pipfile.lock', true],
    ['Pipfile', false],
    ['pipfile.lock', false],
  ])('wants %s: %s', (path, want) => expect(pipfileLockExtractor.wants(path, 1)).toBe(want));

  it('reads default and develop with their lines, skips the project itself', () => {
    const text = lock({
      _meta: { hash: { sha256: 'x' }, requires: { python_version: '3.11' } },
      default: { Flask: { version: '==2.0.1' }, me: { path: '.', editable: true }, tool: { git: 'https://g/t.git', ref: 'abc' } },
      develop: { flask: { version: '===2.0.1' }, mypy: { version: '>=1' } },
    });
    const { packages, warnings } = runExtractor(pipfileLockExtractor, 'Pipfile.lock', { 'Pipfile.lock': text, Pipfile: '[packages]\nflask = "*"\n' });
    expect(packages.map((p) => [p.name, p.version, p.line, p.scope, p.direct])).toEqual([
      ['flask', '2.0.1', 11, undefined, true],
      ['tool', '', 18, undefined, false],
      ['flask', '2.0.1', 24, 'dev', true],
      ['mypy', '', 27, 'dev', false],
    ]);
    expect(warnings).toEqual([]);
  });

  it('gives no lines for one-line JSON and no direct flag without a Pipfile', () => {
    const { packages } = runExtractor(pipfileLockExtractor, 'Pipfile.lock', { 'Pipfile.lock': JSON.stringify({ default: { six: { version: '==1.16.0' } } }) });
    expect(packages.map((p) => [p.name, p.line, p.direct])).toEqual([['six', undefined, undefined]]);
  });

  it.each([
    ['a trailing comma (line known)', '{\n  "default": {\n    "six": {},\n  }\n}', /^line 4: not valid JSON/],
    ['a missing value (no position given)', '{\n  "default": {\n    "six": \n}', /^not valid JSON/],
    ['not an object', '[]', /^not a JSON object/],
  ])('warns on %s', (_what, text, message) => {
    const { packages, warnings } = runExtractor(pipfileLockExtractor, 'Pipfile.lock', { 'Pipfile.lock': text });
    expect(packages).toEqual([]);
    expect(warnings).toEqual([expect.objectContaining({ code: 'parse-error', message: expect.stringMatching(message) })]);
  });
});
