// B324's per-finding severity: medium for protocol-mandated or cache uses, high for password/secret/token hashes.
import { codeFindings } from '../../finding';
import { makePythonAnalyzer } from '../index';
import { hashlibWeakHash } from './blacklist-hashlib';

const analyzer = makePythonAnalyzer([hashlibWeakHash]);
const rules = new Map([[hashlibWeakHash.rule.id, hashlibWeakHash.rule]]);

async function severities(code: string): Promise<[number, string][]> {
  const hits = await analyzer.analyze([{ path: 'app.py', text: code }], { warn: () => undefined });
  return codeFindings(hits, rules).map((f) => [f.location.kind === 'file' ? f.location.line ?? 0 : 0, f.severity]);
}

test('B324: high only when stored or compared under a secret name or hashed in a password function', async () => {
  const code = [
    'import hashlib',
    'def uuid3(namespace, name):',
    '    digest = hashlib.md5(namespace.bytes + name).digest()', // 3 medium
    'def key_identifier(public_key):',
    '    return hashlib.sha1(public_key).digest()', // 5 medium
    'def hash_password(pw):',
    '    return hashlib.md5(pw.encode()).hexdigest()', // 7 high
    'def issue(user):',
    '    reset_token = hashlib.sha1(user.email.encode()).hexdigest()', // 9 high
    '    if stored_pwd == hashlib.new("md5", body).hexdigest():', // 10 high
    '        return True',
    'cache_name = hashlib.md5(url.encode()).hexdigest()', // 12 medium
    '',
  ].join('\n');
  expect(await severities(code)).toEqual([
    [3, 'medium'],
    [5, 'medium'],
    [7, 'high'],
    [9, 'high'],
    [10, 'high'],
    [12, 'medium'],
  ]);
});
