import { KeywordMatcher } from './prefilter';
import type { SecretRule } from './rule';
import { SECRET_RULES } from './rules';
import { CODE_FILE, classRun, keyedFollows } from './rules/helpers';

describe('classRun (the value bytes keyedFollows looks for)', () => {
  const sources = ['[A-Za-z0-9/+]{40}', '[0-9a-f]{40}', '[^\\s"\'`<>;,()[\\]{}]{6,128}', '[A-Za-z0-9+/=_.~:@!$%^*-]{16,256}', '[a\\-z]{3}', '[+--]{2,}'];
  it.each(sources)('agrees with the regex on every byte: %s', (source) => {
    const run = classRun(source, true)!;
    expect(run.min).toBe(Number(/\{(\d+)/.exec(source)![1]));
    const re = new RegExp(`^${source.replace(/\{[^}]*\}$/, '')}$`, 'i');
    for (let b = 0; b < 256; b++) expect([b, run.bytes[b] === 1]).toEqual([b, re.test(String.fromCharCode(b))]);
  });
  it('declines what it cannot read', () => {
    expect(classRun('[\\w]{4}', true)).toBeUndefined();
    expect(classRun('(?:ab|cd){4}', true)).toBeUndefined();
    expect(classRun('[a-z]+', true)).toBeUndefined();
  });
});

// `follows` may only skip keyword hits that no match of the pattern can use: check it against the
// pattern around every keyword occurrence in the rule's own examples and in random text.
describe('the follows byte test never rejects a match of the pattern', () => {
  const rules = SECRET_RULES.filter((r) => r.follows);

  it('exists for the URL credential rule and keyed rules on frequent words', () => {
    expect(rules.map((r) => r.id)).toEqual(expect.arrayContaining(['SEC-URL-BASIC-AUTH', 'SEC-AWS-SECRET-ACCESS-KEY', 'SEC-NPMRC-AUTH', 'SEC-SQL-CONNECTION-STRING']));
  });

  let seed = 5;
  const rnd = (n: number): number => Math.floor(((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x80000000) * n);
  const assignment = ['_', '-', 'x', 'Key', '_access_key', '.', 'Secret', '9', '        ', 'abcdefghijklmnopqrst', 'VALUE=', '"', "'", '`', ' ', '\t', ':', '=', ':=', '=>', '||=', '??=', '>', ' value=', 'Zq8#v!Lm2$pQ7wRt', '.', '(', '\n'];
  const url = ['deploy', 'a.b', '%40', '!', "'", ':', '@', '/', 'x'.repeat(60), 'Lm4Zq8v', 'pkgs.contoso.com', '.', ' ', '"', '\n', '8443', '+', ';', '='];
  const connection = ['Server=sql01', 'Data Source = tcp:sql01,1433', 'Host=pg', ';', ';', 'Database=orders', 'User Id=app', ' ', '=', '"', "'", '<', '>', '\n', ':', 'x'.repeat(300), 'Pwd=', '_', '//npm.pkg.github.com/:'];
  // A password, a 40-character base64 key and a 40-hex token: the values the rules with follows expect.
  const VALUES = ['Zq8v!Lm2$pQ7wRt9Kx4 ', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzq8v9Lm2pQ ', '3f9a1c07be5d42e8a6c1f0d97b2e4a5c8d1f6b03 '];
  const randomText = (keyword: string, pieces: string[]): string => {
    let s = '';
    for (let k = 0; k < 40; k++) {
      s += keyword;
      for (let p = rnd(8); p > 0; p--) s += pieces[rnd(pieces.length)];
      s += pieces === url ? '@git.contoso.net/x ' : VALUES[rnd(VALUES.length)];
    }
    return s;
  };
  const limits = (k: string): string =>
    // The patterns' limits exactly: 24 identifier characters, 8 blanks, a 128-character user name.
    `${k}${'a'.repeat(24)}="Zq8v!Lm2$pQ7wRt9Kx4"\n${k}${' '.repeat(8)}: Zq8v!Lm2$pQ7wRt9Kx4\n${k}"${'\t'.repeat(8)}value="Zq8v!Lm2$pQ7wRt9Kx4"\n` +
    `https${k}${'u'.repeat(128)}:Lm4Zq8vPw9@git.contoso.net/x\nhttps${k}a.b_~%!$&'*+,;=-:Lm4Zq8vPw9@git.contoso.net/x\n`;

  /** `keyword + tail + operator + value` lines: key names that end like the rules' keys. */
  const assignments = (k: string): string => {
    let s = '';
    for (const tail of ['Token', '_api_key', '.Secret', '-PAT', '_password', 'Key', '_secret_access_key', ''])
      for (const op of [' = ', ': ', '": "', '" value="', '>', ':=', ' => ', "='", ' ( '])
        for (const v of VALUES) s += `${k}${tail}${op}${v}\n`;
    return s;
  };

  /**
   * Keyword hit ends that a match of the pattern in `text` uses (anchored: starts right there).
   * With `validated`, only matches the rule's validation accepts in a file at `path` count: follows
   * may also skip what validation would refuse there (generic rules: unquoted values in code).
   */
  function usedHits(rule: SecretRule, text: string, hitEnds: number[], keywordLength: number[], path: string, validated: boolean): Set<number> {
    const used = new Set<number>();
    const accepts = (m: RegExpExecArray): boolean => {
      if (!validated || !rule.validate) return true;
      const secret = m.groups?.secret ?? m[1] ?? m[0];
      return rule.validate({ secret, match: m, window: text, path }) !== false;
    };
    if (rule.anchored) {
      const re = new RegExp(rule.pattern!.source, rule.pattern!.flags.replace(/[gy]/g, '') + 'y');
      hitEnds.forEach((end) => {
        re.lastIndex = end;
        const m = re.exec(text);
        if (m && accepts(m)) used.add(end);
      });
      return used;
    }
    const bytes = Buffer.from(text, 'latin1');
    if (!rule.pattern && rule.find) {
      // A finder's secret follows the keyword that names it (Password=…): the last occurrence
      // before the secret on its line is the one used.
      for (const hit of rule.find(text, path)) {
        const lineStart = text.lastIndexOf('\n', hit.index) + 1;
        const before = hitEnds.filter((end) => end <= hit.index && end > lineStart);
        if (before.length) used.add(before[before.length - 1]);
      }
      return used;
    }
    const re = new RegExp(rule.pattern!.source, rule.pattern!.flags.replace(/[gy]/g, '') + 'g');
    for (const m of text.matchAll(re)) {
      if (!accepts(m)) continue;
      // A match is lost only if every keyword occurrence inside it is rejected: then the first
      // one is reported as wrongly rejected.
      const inside = hitEnds.filter((end, i) => end - keywordLength[i] >= m.index && end <= m.index + m[0].length);
      const accepted = inside.filter((end) => rule.follows!(bytes, end, path));
      (accepted.length ? accepted : inside.slice(0, 1)).forEach((end) => used.add(end));
    }
    return used;
  }

  // A configuration file (every match counts) and a source file (only matches validation accepts).
  const PATHS: [string, boolean][] = [['config/settings.yml', false], ['src/settings.ts', true]];

  for (const rule of rules) {
    it(rule.id, () => {
      const matcher = new KeywordMatcher(rule.keywords);
      const pieces = rule.keywords.includes('://') ? url : rule.keywords.some((k) => k.endsWith('=')) ? connection : assignment;
      const texts = [...rule.examples.mustFlag, ...rule.examples.mustNotFlag].map((e) => (typeof e === 'string' ? e : (e as { text: string }).text));
      // The rule's own examples amid random pieces (token rules, whose values the pieces above never form).
      for (const e of rule.examples.mustFlag) {
        const text = typeof e === 'string' ? e : (e as { text: string }).text;
        for (let r = 0; r < 12; r++) texts.push(pieces[rnd(pieces.length)] + text + pieces[rnd(pieces.length)] + text.replace(/\n$/, ' ') + pieces[rnd(pieces.length)]);
      }
      for (const k of rule.keywords) {
        for (let r = 0; r < 60; r++) texts.push(randomText(k, pieces));
        texts.push(limits(k), assignments(k));
      }
      for (const [path, validated] of PATHS) {
        let matched = 0;
        let skipped = 0;
        for (const text of texts) {
          const bytes = Buffer.from(text, 'latin1');
          const hits = matcher.scan(bytes);
          const ends = Array.from(hits.end.subarray(0, hits.count));
          const lengths = Array.from(hits.keyword.subarray(0, hits.count), (k) => rule.keywords[k].length);
          const used = usedHits(rule, text, ends, lengths, path, validated);
          for (const end of ends) {
            const ok = rule.follows!(bytes, end, path);
            if (used.has(end)) matched++;
            if (!ok) skipped++;
            if (used.has(end) && !ok) throw new Error(`follows rejected a match at ${end} in ${path}: ${JSON.stringify(text.slice(0, 300))}`);
          }
        }
        // The source-file pass is an extra check: validation may leave few matches there (URLs).
        expect([path, matched > (validated ? 0 : 20)]).toEqual([path, true]);
        expect([path, skipped > 20]).toEqual([path, true]);
      }
    });
  }

  it('skips unquoted keyed assignments in source code but not in configuration', () => {
    const text = `password = Zq8v!Lm2$pQ7wRt9Kx4\npassword = "Zq8v!Lm2$pQ7wRt9Kx4"\n`;
    const follows = keyedFollows(24, false, '[^\\s"\'`<>;,()[\\]{}]{6,128}', CODE_FILE);
    const bytes = Buffer.from(text, 'latin1');
    const first = text.indexOf('password') + 8;
    const second = text.lastIndexOf('password') + 8;
    expect([follows(bytes, first, 'app/settings.py'), follows(bytes, first, 'app/settings.yml')]).toEqual([false, true]);
    expect(follows(bytes, second, 'app/settings.py')).toBe(true);
  });
});
