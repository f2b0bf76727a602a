import { randomToken, BASE64, HEX } from './examples';
import { scanText } from './testdata/scan-text';

const keyId = 'AKIA' + randomToken('pair-id', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16);
const secret = randomToken('pair-secret', BASE64, 40);

describe('paired credentials', () => {
  it('reports an AWS key id and its secret as one finding that names the id', () => {
    const { findings } = scanText(`[default]\naws_access_key_id = ${keyId}\naws_secret_access_key = ${secret}\n`, '.aws/credentials');
    expect(findings.map((f) => f.ruleId)).toEqual(['SEC-AWS-SECRET-ACCESS-KEY']);
    expect(findings[0].message).toContain('paired with access key id AKIA');
    expect(findings[0].message).not.toContain(keyId);
    expect(findings[0].location.line).toBe(3);
  });

  it('still reports a lone key id', () => {
    expect(scanText(`aws_access_key_id = ${keyId}\n`).findings.map((f) => f.ruleId)).toEqual(['SEC-AWS-ACCESS-KEY-ID']);
  });

  it('does not pair identifiers that are far apart', () => {
    const filler = 'x = 1\n'.repeat(600);
    const ids = scanText(`aws_access_key_id = ${keyId}\n${filler}aws_secret_access_key = ${secret}\n`).findings.map((f) => f.ruleId);
    expect(ids.sort()).toEqual(['SEC-AWS-ACCESS-KEY-ID', 'SEC-AWS-SECRET-ACCESS-KEY']);
  });

  it('pairs a Twilio account SID with its auth token', () => {
    const sid = 'AC' + randomToken('pair-sid', HEX, 32);
    const token = randomToken('pair-token', HEX, 32);
    const { findings } = scanText(`TWILIO_ACCOUNT_SID=${sid}\nTWILIO_AUTH_TOKEN=${token}\n`);
    expect(findings.map((f) => f.ruleId)).toEqual(['SEC-TWILIO-AUTH-TOKEN']);
    expect(findings[0].message).toMatch(/paired with account SID AC/);
  });

  it('names the storage account of a connection string in one finding', () => {
    const key = Buffer.from(Array.from({ length: 64 }, (_, i) => (i * 217 + 31) & 0xff)).toString('base64');
    const { findings } = scanText(`AzureWebJobsStorage=DefaultEndpointsProtocol=https;AccountName=contosodata;AccountKey=${key};EndpointSuffix=core.windows.net\n`);
    expect(findings.map((f) => f.ruleId)).toEqual(['SEC-AZURE-STORAGE-CONNECTION-STRING']);
    expect(findings[0].message).toContain("account 'contosodata'");
  });
});
