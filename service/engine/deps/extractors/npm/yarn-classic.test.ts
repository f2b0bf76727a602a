import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSyml } from '@yarnpkg/parsers';
import { readClassicYarnLock } from './yarn-classic';

/** parseSyml's shape: one key per descriptor. */
function byDescriptor(entries: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entries)) {
    for (const d of key.split(',')) out[d.trim().replace(/^"|"$/g, '')] = value;
  }
  return out;
}

describe('readClassicYarnLock', () => {
  it('reads what parseSyml reads from a yarn 1.22 lockfile', () => {
    const text = readFileSync(join(__dirname, 'testdata/yarn-v1/yarn.lock'), 'utf8');
    const fast = readClassicYarnLock(text);
    expect(fast).toBeDefined();
    expect(byDescriptor(fast as Record<string, unknown>)).toEqual(parseSyml(text));
  });

  it('reads quoted keys and values with escapes, CRLF line ends and optionalDependencies', () => {
    const text = '# yarn lockfile v1\r\n\r\n"@s/a@^1.0.0", "@s/a@npm:@s/b@^1":\r\n  version "1.0.0"\r\n  resolved "https://r/a-1.0.0.tgz#x\\"y"\r\n  optionalDependencies:\r\n    "@s/c" "^2 || ^3"\r\n';
    expect(readClassicYarnLock(text)).toEqual({
      '"@s/a@^1.0.0", "@s/a@npm:@s/b@^1"': { version: '1.0.0', resolved: 'https://r/a-1.0.0.tgz#x"y', optionalDependencies: { '@s/c': '^2 || ^3' } },
    });
    expect(byDescriptor(readClassicYarnLock(text) as Record<string, unknown>)).toEqual(parseSyml(text));
  });

  it.each([
    ['a field before any header', '# yarn lockfile v1\n  version "1.0.0"\n'],
    ['a header without its colon', '# yarn lockfile v1\na@^1\n  version "1.0.0"\n'],
    ['three-space indentation', '# yarn lockfile v1\na@^1:\n   version "1.0.0"\n'],
    ['six-space indentation', '# yarn lockfile v1\na@^1:\n  dependencies:\n      b "1"\n'],
    ['a dependency line outside a map', '# yarn lockfile v1\na@^1:\n  version "1.0.0"\n    b "1"\n'],
    ['an unterminated quote', '# yarn lockfile v1\na@^1:\n  version "1.0.0\n'],
    ['a field without a value', '# yarn lockfile v1\na@^1:\n  version\n'],
  ])('gives up on %s (the caller falls back to parseSyml)', (_name, text) => {
    expect(readClassicYarnLock(text)).toBeUndefined();
  });
});
