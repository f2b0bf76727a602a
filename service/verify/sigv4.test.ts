import { amzDate, signV4 } from './sigv4';

// The worked example of AWS's "Create a signed AWS API request" documentation (IAM ListUsers).
const example = {
  method: 'GET',
  host: 'iam.amazonaws.com',
  path: '/',
  query: { Version: '2010-05-08', Action: 'ListUsers' },
  headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' },
  body: '',
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  region: 'us-east-1',
  service: 'iam',
  now: new Date('2015-08-30T12:36:00Z'),
};

describe('signV4', () => {
  it('signs the documented example to its documented signature', () => {
    const signed = signV4(example);
    expect(signed.stringToSign).toBe(
      ['AWS4-HMAC-SHA256', '20150830T123600Z', '20150830/us-east-1/iam/aws4_request', 'f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59'].join('\n'),
    );
    expect(signed.signature).toBe('5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7');
    expect(signed.headers).toEqual({
      'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8',
      'X-Amz-Date': '20150830T123600Z',
      Authorization:
        'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7',
    });
  });

  it('signs another body, secret or time differently', () => {
    const base = signV4(example).signature;
    expect(signV4({ ...example, body: 'Action=GetCallerIdentity' }).signature).not.toBe(base);
    expect(signV4({ ...example, secretAccessKey: example.secretAccessKey.replace('K', 'k') }).signature).not.toBe(base);
    expect(signV4({ ...example, now: new Date('2015-08-30T12:36:01Z') }).signature).not.toBe(base);
  });

  it('formats the time as AWS does', () => {
    expect(amzDate(new Date('2024-02-29T23:59:59.999Z'))).toBe('20240229T235959Z');
  });
});
