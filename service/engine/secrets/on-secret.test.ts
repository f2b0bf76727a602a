// SecretsOptions.onSecret: the one opt-in way a raw value leaves the scanner (secret verification).
import { scanFiles } from '../scan';
import { BASE64, randomToken } from './examples';
import { secretsScanner } from './index';
import type { FoundSecret } from './scanner';

const ghp = 'ghp_' + randomToken('on-secret-ghp', 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 36);
const keyId = 'AKIA' + randomToken('on-secret-id', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16);
const awsSecret = randomToken('on-secret-aws', BASE64, 40);

function scanWith(text: string, onSecret?: (s: FoundSecret) => void, path = 'src/config.js') {
  const content = Buffer.from(text, 'utf8');
  return secretsScanner.scan({ path, size: content.length, content }, { options: { salt: 's', ...(onSecret ? { onSecret } : {}) }, warn: () => undefined });
}

describe('onSecret', () => {
  it('hands each finding its raw value, with the finding fingerprint and rule', () => {
    const seen: FoundSecret[] = [];
    const findings = scanWith(`const token = "${ghp}";\n`, (s) => seen.push(s));
    expect(findings).toHaveLength(1);
    expect(seen).toEqual([{ fingerprint: findings[0].fingerprint, ruleId: 'SEC-GITHUB-PAT', value: ghp }]);
    // The finding itself still carries no raw value.
    expect(JSON.stringify(findings)).not.toContain(ghp);
  });

  it('hands a paired credential its raw partner (AWS access key id)', () => {
    const seen: FoundSecret[] = [];
    const findings = scanWith(`[default]\naws_access_key_id = ${keyId}\naws_secret_access_key = ${awsSecret}\n`, (s) => seen.push(s), '.aws/credentials');
    expect(findings.map((f) => f.ruleId)).toEqual(['SEC-AWS-SECRET-ACCESS-KEY']);
    expect(seen).toEqual([{ fingerprint: findings[0].fingerprint, ruleId: 'SEC-AWS-SECRET-ACCESS-KEY', value: awsSecret, paired: keyId }]);
    expect(JSON.stringify(findings)).not.toContain(keyId);
  });

  it('finds the same findings with and without the hook', () => {
    const text = `a = ${ghp}\naws_access_key_id = ${keyId}\naws_secret_access_key = ${awsSecret}\n`;
    const found = scanWith(text, () => undefined, '.aws/credentials');
    expect(found.length).toBeGreaterThanOrEqual(2);
    expect(found).toEqual(scanWith(text, undefined, '.aws/credentials'));
  });

  it('reaches the scanner through the engine options, per scan', async () => {
    const seen: FoundSecret[] = [];
    const result = await scanFiles([{ path: 'a/b.txt', content: `token: ${ghp}\n` }], {
      scanners: [secretsScanner],
      options: { secrets: { salt: 'x', onSecret: (s: FoundSecret) => seen.push(s) } },
    });
    expect(result.findings).toHaveLength(1);
    expect(seen.map((s) => [s.fingerprint, s.value])).toEqual([[result.findings[0].fingerprint, ghp]]);
    // A later scan without it hands nothing to the earlier scan's hook.
    await scanFiles([{ path: 'a/b.txt', content: `token: ${ghp}\n` }], { scanners: [secretsScanner], options: { secrets: { salt: 'x' } } });
    expect(seen).toHaveLength(1);
  });
});
