// Cryptography and TLS: weak hashes and ciphers, ECB, System.Random for secrets, certificate
// validation switched off.
import type { SyntaxNode } from '../../../tree-sitter';
import { alwaysTrue, argument, assignedMember, declarationsNamed, enclosing, excerpt, literalValue, readCall, typeOf, unwrap, type CsFile, type CsRule } from '../context';

const WEAK_HASH_TYPES = new Set(['MD5CryptoServiceProvider', 'MD5Cng', 'SHA1Managed', 'SHA1CryptoServiceProvider', 'SHA1Cng']);
const WEAK_HASH_NAMES = /^(?:(?:System\.Security\.Cryptography\.)?(?:MD5|SHA1|SHA)|http:\/\/www\.w3\.org\/2000\/09\/xmldsig#sha1)$/i;

export const weakHash: CsRule = {
  rule: {
    id: 'CODE-CS-WEAK-HASH',
    language: 'csharp',
    title: 'Weak hash algorithm: MD5 or SHA-1',
    severity: 'medium',
    confidence: 'high',
    description: 'MD5 and SHA-1 are broken: collisions can be made on purpose, and both are fast enough to brute-force passwords hashed with them. Signatures, integrity checks and password storage built on them can be forged or cracked.',
    remediation: 'Use SHA-256 or better for integrity (SHA256.HashData), HMACSHA256 for message authentication, and a password hasher (PasswordHasher<T>, Rfc2898DeriveBytes.Pbkdf2 with many iterations) for passwords.',
    remediationSnippet: 'byte[] digest = SHA256.HashData(data);',
    cwe: ['CWE-328'],
    upstream: { type: 'scs', id: 'SCS0006' },
    helpUri: 'https://security-code-scan.github.io/#SCS0006',
    examples: {
      fail: [
        'using System.Security.Cryptography;\nclass Passwords {\n  public byte[] Hash(byte[] pw) { using var md5 = MD5.Create(); return md5.ComputeHash(pw); }\n}\n',
        'using System.Security.Cryptography;\nclass Etag {\n  public string Of(byte[] body) => Convert.ToHexString(SHA1.HashData(body));\n}\n',
        'class Legacy {\n  public byte[] Hash(byte[] data) => new System.Security.Cryptography.SHA1CryptoServiceProvider().ComputeHash(data);\n}\n',
        'using System.Security.Cryptography;\nclass Legacy {\n  public HashAlgorithm Algo() => HashAlgorithm.Create("MD5");\n}\n',
      ],
      pass: [
        'using System.Security.Cryptography;\nclass Digest {\n  public byte[] Of(byte[] data) => SHA256.HashData(data);\n}\n',
        'using System.Security.Cryptography;\nclass Digest {\n  public HashAlgorithm Algo() => HashAlgorithm.Create("SHA256");\n}\n',
      ],
    },
  },
  on: {
    invocation_expression(node, file, report) {
      const call = readCall(node, file);
      if (!call) return;
      if ((call.type === 'MD5' || call.type === 'SHA1') && /^(?:Create|HashData|HashDataAsync|TryHashData)$/.test(call.name)) report(node, `${call.type}.${call.name}: ${call.type === 'MD5' ? 'MD5' : 'SHA-1'} is a broken hash`);
      else if ((call.type === 'HashAlgorithm' && call.name === 'Create') || (call.type === 'CryptoConfig' && call.name === 'CreateFromName')) {
        const name = literalValue(argument(call, 0));
        if (name && WEAK_HASH_NAMES.test(name)) report(node, `${call.type}.${call.name}("${name}"): a broken hash`);
      }
    },
    object_creation_expression(node, file, report) {
      const call = readCall(node, file);
      if (call && WEAK_HASH_TYPES.has(call.name)) report(node, `new ${call.name}(): ${call.name.startsWith('MD5') ? 'MD5' : 'SHA-1'} is a broken hash`);
    },
  },
};

const WEAK_CIPHER_STATIC = new Set(['DES', 'TripleDES', 'RC2']);
const WEAK_CIPHER_TYPES = new Set(['DESCryptoServiceProvider', 'TripleDESCryptoServiceProvider', 'TripleDESCng', 'RC2CryptoServiceProvider']);
const WEAK_CIPHER_NAMES = /^(?:(?:System\.Security\.Cryptography\.)?(?:DES|TripleDES|3DES|RC2))$/i;

export const weakCipher: CsRule = {
  rule: {
    id: 'CODE-CS-WEAK-CIPHER',
    language: 'csharp',
    title: 'Weak cipher: DES, Triple DES or RC2',
    severity: 'high',
    confidence: 'high',
    description: 'DES and RC2 keys are short enough to brute-force; Triple DES has a 64-bit block (Sweet32) and is deprecated. Data encrypted with them should be treated as readable.',
    remediation: 'Use AES-GCM (AesGcm) with a 256-bit key and a unique nonce per message, or AES-CBC with an HMAC over the ciphertext.',
    remediationSnippet: 'using var aes = new AesGcm(key, 16);\naes.Encrypt(nonce, plaintext, ciphertext, tag);',
    cwe: ['CWE-327'],
    upstream: { type: 'scs', id: 'SCS0010' },
    helpUri: 'https://security-code-scan.github.io/#SCS0010',
    examples: {
      fail: [
        'using System.Security.Cryptography;\nclass Vault {\n  public ICryptoTransform Enc(byte[] k, byte[] iv) { var des = DES.Create(); return des.CreateEncryptor(k, iv); }\n}\n',
        'using System.Security.Cryptography;\nclass Vault {\n  SymmetricAlgorithm Algo() => new TripleDESCryptoServiceProvider();\n}\n',
        'using System.Security.Cryptography;\nclass Vault {\n  SymmetricAlgorithm Algo() => SymmetricAlgorithm.Create("RC2");\n}\n',
      ],
      pass: [
        'using System.Security.Cryptography;\nclass Vault {\n  public ICryptoTransform Enc(byte[] k, byte[] iv) { var aes = Aes.Create(); return aes.CreateEncryptor(k, iv); }\n}\n',
        'class Codes {\n  public string Describe() => Descriptions.Create("DES");\n}\n',
      ],
    },
  },
  on: {
    invocation_expression(node, file, report) {
      const call = readCall(node, file);
      if (!call || call.name !== 'Create') return;
      if (call.type && WEAK_CIPHER_STATIC.has(call.type)) report(node, `${call.type}.Create(): a weak cipher`);
      else if (call.type === 'SymmetricAlgorithm') {
        const name = literalValue(argument(call, 0));
        if (name && WEAK_CIPHER_NAMES.test(name)) report(node, `SymmetricAlgorithm.Create("${name}"): a weak cipher`);
      }
    },
    object_creation_expression(node, file, report) {
      const call = readCall(node, file);
      if (call && WEAK_CIPHER_TYPES.has(call.name)) report(node, `new ${call.name}(): a weak cipher`);
    },
  },
};

export const ecbMode: CsRule = {
  rule: {
    id: 'CODE-CS-ECB-MODE',
    language: 'csharp',
    title: 'Block cipher in ECB mode',
    severity: 'medium',
    confidence: 'high',
    description: 'ECB encrypts equal blocks to equal ciphertext, so patterns in the data show through and blocks can be cut, reordered or replayed without the key.',
    remediation: 'Use AES-GCM (AesGcm), which also authenticates the data; or CBC with a random IV and an HMAC over IV and ciphertext.',
    remediationSnippet: 'using var aes = new AesGcm(key, 16);',
    cwe: ['CWE-327'],
    upstream: { type: 'scs', id: 'SCS0013' },
    helpUri: 'https://security-code-scan.github.io/#SCS0013',
    examples: {
      fail: [
        'using System.Security.Cryptography;\nclass Tokens {\n  byte[] Enc(byte[] key, byte[] data) {\n    using var aes = Aes.Create();\n    aes.Key = key;\n    aes.Mode = CipherMode.ECB;\n    return aes.CreateEncryptor().TransformFinalBlock(data, 0, data.Length);\n  }\n}\n',
        'using System.Security.Cryptography;\nclass Tokens {\n  byte[] Enc(Aes aes, byte[] data) => aes.EncryptEcb(data, PaddingMode.PKCS7);\n}\n',
      ],
      pass: ['using System.Security.Cryptography;\nclass Tokens {\n  void Setup(Aes aes) { aes.Mode = CipherMode.CBC; }\n}\n'],
    },
  },
  on: {
    member_access_expression(node, file, report) {
      if (node.childForFieldName('name')?.text === 'ECB' && typeOf(node.childForFieldName('expression'), file) === 'CipherMode') report(node, 'CipherMode.ECB: identical blocks encrypt identically');
    },
    invocation_expression(node, file, report) {
      const call = readCall(node, file);
      if (call?.receiver && /^(?:EncryptEcb|DecryptEcb)$/.test(call.name)) report(node, `${call.name}: ECB mode`);
    },
  },
};

// ---------------------------------------------------------------------------------------------
// System.Random where the value is a secret: only when the value's name (or the method's) says so.

const SECRET_WORDS = new Set(['token', 'password', 'passwd', 'pwd', 'secret', 'salt', 'nonce', 'otp', 'csrf', 'xsrf', 'passcode', 'passphrase', 'totp']);
const SECRET_NAMES = new Set(['key', 'iv', 'pin', 'apikey', 'sessionid', 'sessionkey', 'secretkey', 'privatekey', 'encryptionkey', 'signingkey', 'aeskey', 'hmackey', 'resetcode', 'verificationcode', 'confirmationcode', 'otpcode', 'authcode', 'twofactorcode', 'mfacode', 'recoverycode']);

function words(name: string): string[] {
  return name.replace(/^_+/, '').replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase().split(' ').filter(Boolean);
}

/** A name that says it holds a secret: resetToken, tempPassword, salt, apiKey, verificationCode (not cacheKey, not retryCount). */
export function isSecretName(name: string): boolean {
  const w = words(name);
  if (w.some((x) => SECRET_WORDS.has(x))) return true;
  const last2 = w.slice(-2).join('');
  return SECRET_NAMES.has(w.join('')) || SECRET_NAMES.has(last2);
}

const SECRET_METHOD = /^(?:Generate|Create|New|Make|Get|Random|Issue)\w*$/;

const isRandom = (receiver: SyntaxNode | undefined, file: CsFile) => {
  const r = unwrap(receiver);
  if (!r) return false;
  if (r.type === 'member_access_expression' && r.text.replace(/\s+/g, '') === 'Random.Shared') return true;
  return typeOf(r, file) === 'Random';
};

/** Where a value ends up: the name it is stored under, or a cookie it is written to. */
function destination(node: SyntaxNode, file: CsFile): string | undefined {
  for (let n: SyntaxNode | null = node, i = 0; n && i < 24; n = n.parent, i++) {
    const p = n.parent;
    if (!p) return undefined;
    if (p.type === 'variable_declarator') {
      const name = p.childForFieldName('name')?.text ?? '';
      return isSecretName(name) ? name : undefined;
    }
    if (p.type === 'assignment_expression' && p.childForFieldName('right')?.id === n.id) {
      const left = p.childForFieldName('left');
      const name = left?.type === 'member_access_expression' ? left.childForFieldName('name')?.text : left?.type === 'element_access_expression' ? left.text : left?.text;
      return name && isSecretName(name.replace(/\W+/g, ' ').trim().split(' ').pop() ?? '') ? name : undefined;
    }
    if (p.type === 'return_statement' || p.type === 'arrow_expression_clause') {
      const fn = enclosing(p, ['method_declaration', 'local_function_statement', 'property_declaration']);
      const name = fn?.childForFieldName('name')?.text ?? '';
      return fn && (isSecretName(name) && (fn.type === 'property_declaration' || SECRET_METHOD.test(name))) ? `${name}()` : undefined;
    }
    if (p.type === 'argument_list') {
      // Into a call: a cookie is a destination; other calls (ToString, Convert.ToBase64String, new string) pass the value on.
      const call = p.parent ? readCall(p.parent, file) : undefined;
      if (call && ((call.name === 'Append' && /Cookies$/.test(call.receiver?.text ?? '')) || call.name === 'HttpCookie' || call.name === 'Cookie')) return 'a cookie';
    }
    if (/statement$|^block$|declaration$/.test(p.type)) return undefined;
  }
  return undefined;
}

export const weakRandom: CsRule = {
  rule: {
    id: 'CODE-CS-WEAK-RANDOM',
    language: 'csharp',
    title: 'System.Random used for a secret value',
    severity: 'medium',
    confidence: 'medium',
    description: 'System.Random is predictable: from a few outputs (or the seed) the next values can be computed. Tokens, passwords, salts, keys and codes made with it can be guessed. Reported only where the value is named as a secret or written to a cookie.',
    remediation: 'Use RandomNumberGenerator (GetBytes, GetInt32, GetHexString) for anything that must not be guessed.',
    remediationSnippet: 'string token = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));',
    cwe: ['CWE-338'],
    upstream: { type: 'scs', id: 'SCS0005' },
    helpUri: 'https://security-code-scan.github.io/#SCS0005',
    examples: {
      fail: [
        'class Reset {\n  private readonly Random _rng = new Random();\n  public void Issue(User u) {\n    var resetToken = _rng.Next(100000, 999999).ToString();\n    u.Save(resetToken);\n  }\n}\n',
        'class Keys {\n  public byte[] NewKey() {\n    var key = new byte[32];\n    new Random().NextBytes(key);\n    return key;\n  }\n}\n',
        'class Passwords {\n  public string GenerateTemporaryPassword() {\n    var rnd = new Random();\n    return new string(Enumerable.Range(0, 10).Select(_ => Chars[rnd.Next(Chars.Length)]).ToArray());\n  }\n}\n',
        'class Session {\n  void Start(HttpResponse response) {\n    response.Cookies.Append("sid", Random.Shared.NextInt64().ToString());\n  }\n}\n',
        'class Accounts {\n  public string NewResetToken() {\n    var bytes = new byte[16];\n    new Random().NextBytes(bytes);\n    return Convert.ToHexString(bytes);\n  }\n}\n',
        'class Invites {\n  private readonly Random _rng = new Random();\n  public void Send(Invite invite) {\n    var buffer = new byte[24];\n    _rng.NextBytes(buffer);\n    var inviteToken = Convert.ToBase64String(buffer);\n    invite.Save(inviteToken);\n  }\n}\n',
      ],
      pass: [
        'class Retry {\n  private readonly Random _rng = new Random();\n  public TimeSpan Backoff(int attempt) {\n    var jitter = _rng.Next(0, 250);\n    return TimeSpan.FromMilliseconds(100 * attempt + jitter);\n  }\n}\n',
        'using System.Security.Cryptography;\nclass Reset {\n  public string Issue() { var resetToken = RandomNumberGenerator.GetInt32(100000, 999999).ToString(); return resetToken; }\n}\n',
        'class Game {\n  public int Roll() { var rnd = new Random(); return rnd.Next(1, 7); }\n}\n',
        'class Fixtures {\n  public byte[] NewPayload() {\n    var bytes = new byte[1024];\n    new Random(42).NextBytes(bytes);\n    return bytes;\n  }\n}\n',
      ],
    },
  },
  on: {
    invocation_expression(node, file, report) {
      const call = readCall(node, file);
      if (!call || !/^(?:Next|NextBytes|NextDouble|NextInt64|NextSingle|GetItems|Shuffle)$/.test(call.name) || !isRandom(call.receiver, file)) return;
      if (call.name === 'NextBytes') {
        const buf = unwrap(argument(call, 0));
        if (buf?.type === 'identifier' && isSecretName(buf.text)) return report(node, `System.Random fills ${buf.text}: predictable`);
        // `new Random().NextBytes(bytes); return Convert.ToHexString(bytes);`: where the filled buffer goes next.
        const fn = buf?.type === 'identifier' ? enclosing(node, ['method_declaration', 'local_function_statement', 'constructor_declaration', 'lambda_expression']) : undefined;
        for (const use of fn?.descendantsOfType('identifier') ?? []) {
          if (!use || use.text !== buf!.text || use.startIndex <= node.endIndex) continue;
          const to = destination(use, file);
          if (to) return report(node, `System.Random fills ${buf!.text}, which makes ${to}: predictable`);
        }
      }
      const to = destination(node, file);
      if (to) report(node, `System.Random makes ${to}: predictable`);
    },
  },
};

// ---------------------------------------------------------------------------------------------

const CERT_CALLBACKS = new Set(['ServerCertificateValidationCallback', 'ServerCertificateCustomValidationCallback', 'RemoteCertificateValidationCallback', 'CertificateValidationCallback', 'ServerCertificateSelectionCallback']);

/** A callback that accepts any certificate: a lambda returning true, a method that only returns true, the Dangerous… validator. */
function acceptsAny(value: SyntaxNode | undefined, file: CsFile): boolean {
  const v = unwrap(value);
  if (!v) return false;
  if (alwaysTrue(v)) return true;
  if (/DangerousAcceptAnyServerCertificateValidator$/.test(v.text)) return true;
  if (v.type === 'object_creation_expression') {
    const args = v.childForFieldName('arguments')?.namedChildren.filter((c) => c?.type === 'argument') ?? [];
    return args.length === 1 && acceptsAny(args[0]!.namedChild(args[0]!.namedChildCount - 1) ?? undefined, file);
  }
  if (v.type === 'identifier' || v.type === 'member_access_expression') {
    const name = v.type === 'identifier' ? v.text : v.childForFieldName('name')?.text ?? '';
    if (declarationsNamed(name, file).length) return false;
    for (const m of file.root.descendantsOfType(['method_declaration', 'local_function_statement'])) {
      if (m?.childForFieldName('name')?.text !== name) continue;
      const body = m.childForFieldName('body') ?? m.namedChildren.find((c) => c?.type === 'arrow_expression_clause');
      if (!body) continue;
      if (body.type === 'arrow_expression_clause') return body.namedChild(0)?.text === 'true';
      const statements = body.namedChildren.filter((c) => c && c.type !== 'comment');
      return statements.length === 1 && statements[0]!.type === 'return_statement' && statements[0]!.namedChild(0)?.text === 'true';
    }
  }
  return false;
}

export const certificateValidationDisabled: CsRule = {
  rule: {
    id: 'CODE-CS-CERT-VALIDATION-DISABLED',
    language: 'csharp',
    title: 'TLS certificate validation disabled',
    severity: 'high',
    confidence: 'high',
    description: 'A certificate validation callback accepts every certificate (returns true, or is HttpClientHandler.DangerousAcceptAnyServerCertificateValidator). Anyone on the network path can present their own certificate and read or change the traffic.',
    remediation: 'Remove the callback and let the platform validate the chain. For a private CA, trust that CA (X509ChainPolicy.CustomTrustStore) or pin its thumbprint inside the callback, and return false otherwise.',
    remediationSnippet: 'var handler = new HttpClientHandler(); // default validation',
    cwe: ['CWE-295'],
    upstream: { type: 'scs', id: 'SCS0004' },
    helpUri: 'https://security-code-scan.github.io/#SCS0004',
    examples: {
      fail: [
        'using System.Net;\nclass Boot {\n  static void Main() {\n    ServicePointManager.ServerCertificateValidationCallback += (sender, cert, chain, errors) => true;\n  }\n}\n',
        'class Clients {\n  HttpClient Make() {\n    var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator };\n    return new HttpClient(handler);\n  }\n}\n',
        'class Clients {\n  HttpClient Make() {\n    var handler = new HttpClientHandler();\n    handler.ServerCertificateCustomValidationCallback = delegate { return true; };\n    return new HttpClient(handler);\n  }\n}\n',
        'using System.Net;\nclass Boot {\n  static bool AcceptAll(object s, X509Certificate c, X509Chain ch, SslPolicyErrors e) { return true; }\n  static void Main() { ServicePointManager.ServerCertificateValidationCallback = new RemoteCertificateValidationCallback(AcceptAll); }\n}\n',
      ],
      pass: [
        'class Clients {\n  HttpClient Make(string thumb) {\n    var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (m, cert, chain, errors) => errors == SslPolicyErrors.None || cert?.GetCertHashString() == thumb };\n    return new HttpClient(handler);\n  }\n}\n',
        'class Clients {\n  HttpClient Make() => new HttpClient(new HttpClientHandler());\n}\n',
      ],
    },
  },
  on: {
    assignment_expression(node, file, report) {
      const a = assignedMember(node);
      if (a && CERT_CALLBACKS.has(a.name) && acceptsAny(a.value, file)) report(node, `${a.name} accepts every certificate (${excerpt(a.value, 50)})`);
    },
    object_creation_expression(node, file, report) {
      const call = readCall(node, file);
      if (call?.name === 'SslStream' && acceptsAny(argument(call, 2, 'userCertificateValidationCallback'), file)) report(node, 'SslStream with a validation callback that accepts every certificate');
    },
  },
};

export const cryptoRules: readonly CsRule[] = [weakHash, weakCipher, ecbMode, weakRandom, certificateValidationDisabled];
