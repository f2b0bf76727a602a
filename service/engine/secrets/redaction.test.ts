import { fingerprint, secretHash } from '../fingerprint';
import { Detector } from './detect';
import { maskSecret } from './redact';
import { SECRET_RULES } from './rules';
import { scanText } from './testdata/scan-text';

describe('maskSecret', () => {
  it('keeps 4 + 2 characters of long values and nothing of short ones', () => {
    expect(maskSecret('ghp_abcdefghijklmnopqrstuvwxyz0123456789')).toBe('ghp_\u202689');
    expect(maskSecret('hunter2pass')).toBe('********');
    expect(maskSecret('abc')).toBe('****');
  });

  it('shows only visible characters of a multi-line value, and never more of it', () => {
    const pem = '\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nBKcwggSjAgEAAoIBAQC7h\n';
    expect(maskSecret(pem)).toBe('MII\u2026h');
    // An inner line break reads as a symbol; surrounding ones are dropped.
    expect(maskSecret('ab\ncdefghijklmnopqrs\nt')).toBe('ab\u23cec\u2026t');
    expect(maskSecret('ab\r\ncdefghijklmnopqrst')).toBe('ab\u2026st');
    expect(maskSecret('\r\n\r\nabcdefghijklmnopqrstuvwxyz\r\n')).toBe('\u2026');
    // Escaped line breaks (a PEM key inside a JSON string) read the same way.
    expect(maskSecret(String.raw`\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nBKcwggSjAgEAAoIBAQC7h\n`)).toBe('MI\u2026');
    expect(maskSecret(String.raw`a\nbcdefghijklmnopqrstuv`)).toBe('a\u23ceb\u2026uv');
    for (const value of [pem, 'ab\r\ncdefghijklmnopqrs\nt', `\t${'x'.repeat(30)}\t`]) {
      const shown = maskSecret(value).replace(/[\u2026\u23ce ]/g, '');
      expect(shown.length).toBeLessThanOrEqual(6);
      expect([...maskSecret(value)].some((ch) => ch.charCodeAt(0) < 0x20)).toBe(false);
    }
  });
});

describe('the raw value never leaves the scanner', () => {
  // Every rule's own must-flag examples are the planted secrets.
  const detector = new Detector(SECRET_RULES);
  const planted = SECRET_RULES.flatMap((rule) => rule.examples.mustFlag.map((text) => ({ rule, text })));

  it('no finding field carries a planted value', () => {
    let checked = 0;
    for (const { rule, text } of planted) {
      const path = rule.examplePath ?? 'example.txt';
      const values = detector.detect(Buffer.from(text), path).map((c) => c.value).filter((v) => v.length >= 6);
      const { findings } = scanText(text, path);
      const json = JSON.stringify(findings);
      for (const v of values) {
        expect(json.includes(v)).toBe(false);
        // Nor a long piece of it (8+ characters past the provider prefix).
        if (v.length >= 24) expect(json.includes(v.slice(8, 20))).toBe(false);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(SECRET_RULES.length);
  });

  it('fills the fingerprint from rule, path and salted hash, not the line', () => {
    const text = 'token: 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\n';
    const a = scanText(text, 'a.yml', 'salt-1').findings[0];
    const shifted = scanText('\n\n' + text, 'a.yml', 'salt-1').findings[0];
    const hash = secretHash('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', 'salt-1');
    // The hash is kept once, in the group key (one credential, one thing to rotate); details hold the preview only.
    expect(a.groupKey).toBe(`secret:${hash}`);
    expect(a.details).toEqual({ secret: { preview: 'ghp_\u2026Fb' } });
    expect(a.fingerprint).toBe(fingerprint('SEC-GITHUB-PAT', 'a.yml', hash));
    expect(shifted.fingerprint).toBe(a.fingerprint);
    expect(shifted.groupKey).toBe(a.groupKey);
    expect(shifted.location.line).toBe(3);
    expect(scanText(text, 'a.yml', 'salt-2').findings[0].groupKey).toBe(`secret:${secretHash('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', 'salt-2')}`);
    expect(scanText(text, 'a.yml', 'salt-2').findings[0].groupKey).not.toBe(a.groupKey);
  });

  it('produces complete findings', () => {
    const f = scanText('GITHUB_TOKEN=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\n', 'ci/.env.ci').findings[0];
    expect(f).toMatchObject({
      ruleId: 'SEC-GITHUB-PAT', category: 'secret', severity: 'critical', confidence: 'high',
      message: 'GitHub personal access token found', location: { kind: 'file', path: 'ci/.env.ci', line: 1, column: 14 },
      details: { secret: { preview: 'ghp_\u2026Fb' } }, cwe: ['CWE-798'],
    });
    expect(f.details).toEqual({ secret: { preview: 'ghp_\u2026Fb' } });
    expect(f.remediation).toMatch(/^Revoke the token/);
    expect(f.remediation).toMatch(/Rotate first/);
    expect(f.helpUri).toMatch(/^https:\/\//);
  });

  it('counts columns in characters when the line has multi-byte UTF-8 before the secret', () => {
    const f = scanText('clé = "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"\n').findings[0];
    expect(f.location.column).toBe(8);
  });
});
