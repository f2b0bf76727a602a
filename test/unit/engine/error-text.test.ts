// The one helper that makes an error message fit for a warning (scanner errors, inventory parse
// errors, .vigil.yml): first line, short, without the input a parser quoted or named.
import { errorLine, errorSummary, inputFreeLine } from '../../../service/engine/error-text';

describe('error text', () => {
  it('keeps the first line and masks quoted runs of 8+ characters, leaving short ones', () => {
    let parseError: unknown;
    try {
      JSON.parse('AKIAABCDEFGHIJKLMNOP');
    } catch (err) {
      parseError = err;
    }
    expect(errorSummary(parseError)).toMatch(/^SyntaxError: /);
    expect(errorSummary(parseError)).not.toContain('AKIAABCD');
    expect(inputFreeLine('bad "x" near "AKIAABCDEFGH"\nsecond line AKIA')).toBe('bad "x" near "…"');
  });

  it('masks one unquoted word of 8+ characters at the end after a colon, not ordinary words', () => {
    expect(inputFreeLine('Not a YAML token: ghp_Zk3Lq9Rm2Vx7')).toBe('Not a YAML token: …');
    expect(inputFreeLine('Cannot read: EACCES')).toBe('Cannot read: EACCES');
    expect(inputFreeLine('line 3: expected a mapping here')).toBe('line 3: expected a mapping here');
  });

  it('cuts at 160 characters, and takes what is not an Error as text', () => {
    expect(inputFreeLine('x '.repeat(200))).toBe(`${'x '.repeat(80)}…`);
    expect(errorLine('plain failure')).toBe('plain failure');
    expect(errorSummary(42)).toBe('Error: 42');
  });
});
