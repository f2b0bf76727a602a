// B505 weak RSA/DSA/EC keys generated with cryptography or PyCrypto(dome); B506 yaml.load without a safe loader.
import type { HitLevel, PyRule } from '../context';
import { callOf, callsAny, intValue, lastPart, mentions } from '../context';
import { argument, endName, hasKwargsSplat } from './util-py';

const BANDIT_DOCS = 'https://bandit.readthedocs.io/en/latest/plugins';

type KeyType = 'RSA' | 'DSA' | 'EC';

/** Generator -> key type, and where its size argument is (position, keyword). */
const GENERATORS: Record<string, { type: KeyType; position: number; keyword: string }> = {
  'cryptography.hazmat.primitives.asymmetric.rsa.generate_private_key': { type: 'RSA', position: 1, keyword: 'key_size' },
  'cryptography.hazmat.primitives.asymmetric.dsa.generate_private_key': { type: 'DSA', position: 0, keyword: 'key_size' },
  'cryptography.hazmat.primitives.asymmetric.ec.generate_private_key': { type: 'EC', position: 0, keyword: 'curve' },
  'Crypto.PublicKey.RSA.generate': { type: 'RSA', position: 0, keyword: 'bits' },
  'Crypto.PublicKey.DSA.generate': { type: 'DSA', position: 0, keyword: 'bits' },
  'Cryptodome.PublicKey.RSA.generate': { type: 'RSA', position: 0, keyword: 'bits' },
  'Cryptodome.PublicKey.DSA.generate': { type: 'DSA', position: 0, keyword: 'bits' },
};

/** Below the first size: breakable (high); below the second: too weak for new keys (medium). */
const LIMITS: Record<KeyType, [number, number]> = { RSA: [1024, 2048], DSA: [1024, 2048], EC: [160, 224] };

const WEAK_CURVES: Record<string, number> = { SECP192R1: 192, SECT163K1: 163, SECT163R2: 163 };

export const weakCryptographicKey: PyRule = {
  rule: {
    id: 'CODE-PY-WEAK-CRYPTOGRAPHIC-KEY',
    language: 'python',
    title: 'Cryptographic key too short',
    severity: 'high',
    confidence: 'high',
    description:
      'RSA and DSA keys below 2048 bits and elliptic-curve keys below 224 bits are too weak for new keys (NIST SP 800-131A); RSA/DSA keys of 1024 bits or less can be factored with today\'s resources.',
    remediation: 'Generate RSA/DSA keys of at least 2048 bits (3072 for data that must stay secret past 2030) and use curves of 256 bits or more (SECP256R1, Ed25519).',
    remediationSnippet: 'key = rsa.generate_private_key(public_exponent=65537, key_size=3072)\n',
    cwe: ['CWE-326'],
    upstream: { type: 'bandit', id: 'B505' },
    helpUri: `${BANDIT_DOCS}/b505_weak_cryptographic_key.html`,
    examples: {
      fail: [
        'from cryptography.hazmat.primitives.asymmetric import rsa\nkey = rsa.generate_private_key(public_exponent=65537, key_size=1024)\n',
        'from cryptography.hazmat.primitives.asymmetric import dsa\nkey = dsa.generate_private_key(512)\n',
        'from cryptography.hazmat.primitives.asymmetric import ec\nkey = ec.generate_private_key(ec.SECP192R1())\n',
        'from Crypto.PublicKey import RSA\nkey = RSA.generate(bits=1024)\n',
        'from Cryptodome.PublicKey import DSA as D\nkey = D.generate(1024)\n',
      ],
      pass: [
        'from cryptography.hazmat.primitives.asymmetric import rsa\nkey = rsa.generate_private_key(65537, 2048)\n',
        'from cryptography.hazmat.primitives.asymmetric import ec\nkey = ec.generate_private_key(ec.SECP256R1())\n',
        'from Crypto.PublicKey import RSA\nkey = RSA.generate(KEY_BITS)\n',
        'key = generator.generate(512)\n',
      ],
    },
  },
  relevant: callsAny(Object.keys(GENERATORS)),
  on: {
    call(node, file, report) {
      const call = callOf(node, file);
      const gen = call.name ? GENERATORS[call.name] : undefined;
      if (!gen) return;
      const arg = argument(call, gen.position, gen.keyword);
      const size = gen.type === 'EC' ? WEAK_CURVES[endName(arg) ?? ''] : intValue(arg, file.imports);
      if (size === undefined) return;
      const [breakable, weak] = LIMITS[gen.type];
      if (size >= weak) return;
      const level: HitLevel = size < breakable ? {} : { severity: 'medium' };
      report(node, `${gen.type} key of ${size} bits: ${gen.type} keys below ${size < breakable ? breakable : weak} bits are considered breakable`, undefined, level);
    },
  },
};

const SAFE_LOADERS = new Set(['SafeLoader', 'CSafeLoader', 'BaseLoader', 'CBaseLoader']);

export const yamlLoad: PyRule = {
  rule: {
    id: 'CODE-PY-YAML-LOAD',
    language: 'python',
    title: 'yaml.load without a safe loader',
    severity: 'medium',
    confidence: 'high',
    description:
      'yaml.load with the default, Full or Unsafe loader can build arbitrary Python objects from tags in the document (!!python/object/apply). A YAML file or request body from outside then runs code in the process.',
    remediation: 'Use yaml.safe_load() (or Loader=yaml.SafeLoader / yaml.CSafeLoader), which builds only plain data types.',
    remediationSnippet: 'config = yaml.safe_load(stream)\n',
    cwe: ['CWE-20'],
    upstream: { type: 'bandit', id: 'B506' },
    helpUri: `${BANDIT_DOCS}/b506_yaml_load.html`,
    examples: {
      fail: [
        'import yaml\nwith open(path) as f:\n    config = yaml.load(f)\n',
        'import yaml\ndata = yaml.load(request.data, Loader=yaml.Loader)\n',
        'from yaml import load, FullLoader\ndoc = load(text, FullLoader)\n',
      ],
      pass: [
        'import yaml\nconfig = yaml.safe_load(stream)\n',
        'import yaml\nconfig = yaml.load(stream, Loader=yaml.SafeLoader)\n',
        'import yaml\nfrom yaml import CSafeLoader\nconfig = yaml.load(stream, CSafeLoader)\n',
        'import json\nconfig = json.load(stream)\n',
      ],
    },
  },
  relevant: mentions('yaml'),
  on: {
    call(node, file, report) {
      const call = callOf(node, file);
      if (!call.name || lastPart(call.name) !== 'load' || !call.name.split('.').includes('yaml')) return;
      const loader = argument(call, 1, 'Loader');
      if (loader ? SAFE_LOADERS.has(endName(loader) ?? '') : hasKwargsSplat(call)) return;
      report(node, loader ? `yaml.load with ${endName(loader) ?? 'a loader that is not SafeLoader'} can build arbitrary Python objects` : 'yaml.load without Loader=SafeLoader can build arbitrary Python objects');
    },
  },
};
