// AWS: STS GetCallerIdentity, signed (SigV4) with the secret key and the access key id found beside
// it, names the caller's ARN; no permission can deny it. 403 InvalidClientTokenId (no such key id)
// or SignatureDoesNotMatch (another secret) = invalid.
// https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html
import { signV4 } from '../sigv4';
import type { Verifier } from '../types';
import { invalid, readStatus, unknown, verified } from './common';

const HOST = 'sts.amazonaws.com';
const BODY = 'Action=GetCallerIdentity&Version=2011-06-15';
const REFUSED: Record<string, string> = {
  InvalidClientTokenId: 'the access key id is not valid (InvalidClientTokenId)',
  SignatureDoesNotMatch: 'the secret does not match the access key id (SignatureDoesNotMatch)',
  ExpiredToken: 'expired (ExpiredToken)',
};

const tag = (xml: string, name: string): string | undefined => new RegExp(`<${name}>([^<]{1,256})</${name}>`).exec(xml)?.[1];

export const aws: Verifier = {
  provider: 'AWS',
  host: HOST,
  ruleIds: ['SEC-AWS-SECRET-ACCESS-KEY'],
  docs: 'https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html',
  request(s, _ctx, now) {
    if (!s.paired) return { cannot: 'no access key id found beside the secret' };
    if (!/^AKIA[A-Z2-7]{16}$/.test(s.paired)) return { cannot: 'a temporary or unusual access key id: it needs its session token' };
    const signed = signV4({
      method: 'POST',
      host: HOST,
      path: '/',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: BODY,
      accessKeyId: s.paired,
      secretAccessKey: s.value,
      region: 'us-east-1',
      service: 'sts',
      now,
    });
    return { method: 'POST', path: '/', headers: signed.headers, body: BODY };
  },
  read(a) {
    if (a.status === 200) return verified(tag(a.body, 'Arn'));
    if (a.status === 403) {
      const code = tag(a.body, 'Code') ?? '';
      return REFUSED[code] ? invalid(REFUSED[code]) : unknown(`AWS said ${code.slice(0, 60) || 'HTTP 403'}`);
    }
    return readStatus(a, () => undefined, []);
  },
};
