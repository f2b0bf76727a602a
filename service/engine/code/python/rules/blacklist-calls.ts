// Bandit's blacklisted calls (B301–B323), one rule per Bandit id with the qualified names Bandit lists.
import { callArg, qualifiedName, stringPrefix } from '../context';
import type { SyntaxNode } from '../../../tree-sitter';
import { callBlacklistRule, type CallBlacklistSpec } from './blacklist-spec';

/** A value directly inside a dict, tuple, list or set literal (also as a dict pair's key or value). */
function inLiteralTable(node: SyntaxNode): boolean {
  const parent = node.parent?.type === 'pair' ? node.parent.parent : node.parent;
  return parent?.type === 'dictionary' || parent?.type === 'tuple' || parent?.type === 'list' || parent?.type === 'set';
}

const XML_MESSAGE = '{name} parses XML with the standard library, which is open to entity expansion (billion laughs) and, in older versions, external entities. Use the defusedxml equivalent.';
const XML_REMEDIATION = 'Parse untrusted XML with defusedxml (defusedxml.ElementTree, defusedxml.minidom, defusedxml.sax …), or call defusedxml.defuse_stdlib() at start-up.';

function xmlSpec(bandit: string, name: string, id: string, library: string, names: string[], fail: string[], pass: string[]): CallBlacklistSpec {
  return {
    bandit,
    name,
    id,
    title: `XML parsed with ${library}`,
    severity: 'medium',
    cwe: 'CWE-20',
    names,
    message: XML_MESSAGE,
    description: `${library} does not guard against XML attacks such as entity expansion ("billion laughs") or quadratic blow-up; a document from outside the program can exhaust memory and CPU.`,
    remediation: XML_REMEDIATION,
    fail,
    pass,
  };
}

/** urlopen of a literal http(s) URL: the scheme is fixed, so file:// cannot be smuggled in. */
const literalHttpUrl = (call: Parameters<NonNullable<CallBlacklistSpec['allow']>>[0]): boolean =>
  /^https?:\/\//i.test(stringPrefix(callArg(call, 0, 'url') ?? call.kwargs.get('fullurl')) ?? '');

export const callBlacklist: readonly CallBlacklistSpec[] = [
  {
    bandit: 'B301',
    name: 'pickle',
    id: 'CODE-PY-PICKLE',
    title: 'Deserialisation with pickle',
    severity: 'medium',
    cwe: 'CWE-502',
    names: [
      'pickle.loads', 'pickle.load', 'pickle.Unpickler', '_pickle.loads', '_pickle.load', '_pickle.Unpickler',
      'cPickle.loads', 'cPickle.load', 'cPickle.Unpickler', 'dill.loads', 'dill.load', 'dill.Unpickler',
      'shelve.open', 'shelve.DbfilenameShelf', 'jsonpickle.decode', 'jsonpickle.unpickler.decode', 'jsonpickle.unpickler.Unpickler', 'pandas.read_pickle',
    ],
    message: '{name} deserialises with pickle: loading data from outside the program can run arbitrary code.',
    description: 'Unpickling runs code chosen by whoever wrote the data (a pickle can call any function through __reduce__). pickle, dill, shelve, jsonpickle and pandas.read_pickle all unpickle.',
    remediation: 'Deserialise untrusted data with a data-only format (json, msgpack) and validate it; keep pickle for data this program wrote and nobody else could change (or sign it with hmac and check before loading).',
    remediationSnippet: 'import json\nsession = json.loads(raw)',
    fail: [
      'import pickle\n\ndef load_session(raw):\n    return pickle.loads(raw)\n',
      'import pickle as p\nwith open(path, "rb") as f:\n    model = p.load(f)\n',
      'from dill import loads\nobj = loads(blob)\n',
      'import shelve\ndb = shelve.open("cache.db")\n',
      'import jsonpickle\nstate = jsonpickle.decode(request.data)\n',
      'import pandas as pd\ndf = pd.read_pickle(upload_path)\n',
    ],
    pass: ['import pickle\nblob = pickle.dumps(model)\n', 'import json\nsession = json.loads(raw)\n', 'from .pickle import loads\nloads(x)\n'],
  },
  {
    bandit: 'B302',
    name: 'marshal',
    id: 'CODE-PY-MARSHAL',
    title: 'Deserialisation with marshal',
    severity: 'medium',
    cwe: 'CWE-502',
    names: ['marshal.load', 'marshal.loads'],
    message: '{name} deserialises with marshal, which is not meant for data from outside the program.',
    description: 'marshal is Python\'s internal format for compiled code. It is not secure against erroneous or malicious data and can load code objects.',
    remediation: 'Exchange data as JSON (or another data-only format) and validate it.',
    fail: ['import marshal\ncode = marshal.loads(payload)\n', 'from marshal import load\nwith open(p, "rb") as f:\n    obj = load(f)\n'],
    pass: ['import marshal\ndata = marshal.dumps(obj)\n', 'import json\nobj = json.load(f)\n'],
  },
  {
    bandit: 'B303',
    name: 'md5',
    id: 'CODE-PY-WEAK-HASH',
    title: 'Weak hash function (MD2, MD4, MD5, SHA-1) from a crypto library',
    severity: 'medium',
    cwe: 'CWE-327',
    names: [
      'Crypto.Hash.MD2.new', 'Crypto.Hash.MD4.new', 'Crypto.Hash.MD5.new', 'Crypto.Hash.SHA.new',
      'Cryptodome.Hash.MD2.new', 'Cryptodome.Hash.MD4.new', 'Cryptodome.Hash.MD5.new', 'Cryptodome.Hash.SHA.new',
      'cryptography.hazmat.primitives.hashes.MD5', 'cryptography.hazmat.primitives.hashes.SHA1',
    ],
    message: '{name} is a broken hash function (collisions can be computed).',
    description: 'MD2, MD4, MD5 and SHA-1 are broken: collisions are practical, so they must not protect integrity, signatures or passwords. (hashlib\'s md5 and sha1 are CODE-PY-HASHLIB-WEAK-HASH.)',
    remediation: 'Use SHA-256 or better (hashes.SHA256(), Crypto.Hash.SHA256); for passwords use a password hash (argon2, bcrypt, scrypt, PBKDF2).',
    remediationSnippet: 'from cryptography.hazmat.primitives import hashes\ndigest = hashes.Hash(hashes.SHA256())',
    fail: [
      'from cryptography.hazmat.primitives import hashes\ndigest = hashes.Hash(hashes.MD5())\n',
      'from cryptography.hazmat.primitives.hashes import SHA1, Hash\nh = Hash(SHA1())\n',
      'from Crypto.Hash import MD5\nh = MD5.new(data)\n',
      'from Cryptodome.Hash import SHA\nsig = SHA.new(message)\n',
    ],
    pass: [
      'from cryptography.hazmat.primitives import hashes\ndigest = hashes.Hash(hashes.SHA256())\n',
      'from Crypto.Hash import SHA256\nh = SHA256.new(data)\n',
      'from cryptography.hazmat.primitives import hashes\n_SIG_OIDS_TO_HASH = {\n    "1.2.840.113549.1.1.4": hashes.MD5(),\n    "1.2.840.113549.1.1.5": hashes.SHA1(),\n}\n',
      'from cryptography.hazmat.primitives import hashes\nSUPPORTED = (hashes.SHA1(), hashes.SHA256())\n',
    ],
    // A hash object as an element of a dict, tuple, list or set literal is a lookup table (OID → algorithm), not hashing.
    allow: (call) => call.name?.startsWith('cryptography.') === true && inLiteralTable(call.node),
  },
  {
    bandit: 'B304',
    name: 'ciphers',
    id: 'CODE-PY-WEAK-CIPHER',
    title: 'Insecure cipher (DES, RC2, RC4, Blowfish, IDEA, XOR)',
    severity: 'high',
    cwe: 'CWE-327',
    names: [
      'Crypto.Cipher.ARC2.new', 'Crypto.Cipher.ARC4.new', 'Crypto.Cipher.Blowfish.new', 'Crypto.Cipher.DES.new', 'Crypto.Cipher.XOR.new',
      'Cryptodome.Cipher.ARC2.new', 'Cryptodome.Cipher.ARC4.new', 'Cryptodome.Cipher.Blowfish.new', 'Cryptodome.Cipher.DES.new', 'Cryptodome.Cipher.XOR.new',
      'cryptography.hazmat.primitives.ciphers.algorithms.ARC4', 'cryptography.hazmat.primitives.ciphers.algorithms.Blowfish', 'cryptography.hazmat.primitives.ciphers.algorithms.IDEA',
    ],
    message: 'Use of insecure cipher {name}. Replace it with a modern cipher such as AES-GCM.',
    description: 'DES, RC2, RC4, Blowfish, IDEA and XOR are broken or have block or key sizes too small for today: data they encrypt can be recovered.',
    remediation: 'Use AES in an authenticated mode (AES-GCM, ChaCha20-Poly1305), e.g. cryptography\'s AESGCM.',
    remediationSnippet: 'from cryptography.hazmat.primitives.ciphers.aead import AESGCM\nct = AESGCM(key).encrypt(nonce, data, None)',
    fail: [
      'from Crypto.Cipher import DES\ncipher = DES.new(key, DES.MODE_ECB)\n',
      'from Cryptodome.Cipher import ARC4\nrc4 = ARC4.new(key)\n',
      'from cryptography.hazmat.primitives.ciphers import Cipher, algorithms\nc = Cipher(algorithms.ARC4(key), mode=None)\n',
      'from cryptography.hazmat.primitives.ciphers.algorithms import Blowfish\nalg = Blowfish(key)\n',
    ],
    pass: ['from Crypto.Cipher import AES\ncipher = AES.new(key, AES.MODE_GCM)\n', 'from cryptography.hazmat.primitives.ciphers import algorithms\nalg = algorithms.AES(key)\n'],
  },
  {
    bandit: 'B305',
    name: 'cipher_modes',
    id: 'CODE-PY-ECB-MODE',
    title: 'Block cipher in ECB mode',
    severity: 'medium',
    cwe: 'CWE-327',
    names: ['cryptography.hazmat.primitives.ciphers.modes.ECB'],
    message: 'Use of insecure cipher mode {name}.',
    description: 'ECB encrypts equal blocks to equal ciphertext, so patterns in the data show through and blocks can be moved around undetected.',
    remediation: 'Use an authenticated mode (GCM) with a fresh nonce per message.',
    remediationSnippet: 'from cryptography.hazmat.primitives.ciphers import modes\nmode = modes.GCM(nonce)',
    fail: [
      'from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes\nc = Cipher(algorithms.AES(key), modes.ECB())\n',
      'from cryptography.hazmat.primitives.ciphers.modes import ECB\nmode = ECB()\n',
    ],
    pass: ['from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes\nc = Cipher(algorithms.AES(key), modes.GCM(iv))\n'],
  },
  {
    bandit: 'B306',
    name: 'mktemp_q',
    id: 'CODE-PY-MKTEMP',
    title: 'Temporary file name from tempfile.mktemp',
    severity: 'medium',
    cwe: 'CWE-377',
    names: ['tempfile.mktemp'],
    message: 'Use of insecure and deprecated function ({name}): another process can create the file between the name being chosen and the file being opened.',
    description: 'tempfile.mktemp returns a name, not a file. Between choosing it and opening it, another local user can create a file or symlink there (a race, CWE-377).',
    remediation: 'Use tempfile.mkstemp(), NamedTemporaryFile() or TemporaryDirectory(), which create the file atomically.',
    remediationSnippet: 'import tempfile\nfd, path = tempfile.mkstemp()',
    fail: ['import tempfile\npath = tempfile.mktemp(suffix=".csv")\nopen(path, "w").write(data)\n', 'from tempfile import mktemp\nout = mktemp()\n'],
    pass: ['import tempfile\nfd, path = tempfile.mkstemp(suffix=".csv")\n', 'import tempfile\nwith tempfile.NamedTemporaryFile() as f:\n    f.write(data)\n'],
  },
  {
    bandit: 'B307',
    name: 'eval',
    id: 'CODE-PY-EVAL',
    title: 'Use of eval',
    severity: 'medium',
    cwe: 'CWE-78',
    names: ['eval', 'builtins.eval'],
    message: 'eval() runs its argument as Python code; consider ast.literal_eval for data.',
    description: 'eval() runs a string as a Python expression. If any part of that string comes from outside the program, an attacker can run code of their choice.',
    remediation: 'Parse data with ast.literal_eval or json.loads; dispatch to known functions instead of building code.',
    remediationSnippet: 'import ast\nvalue = ast.literal_eval(text)',
    fail: ['value = eval(request.args["expr"])\n', 'import builtins\nresult = builtins.eval(line, {}, {})\n', 'def parse(text):\n    return eval(text)\n'],
    pass: ['import ast\nvalue = ast.literal_eval(text)\n', 'model.eval()\n', 'import torch\nnet = torch.nn.Linear(2, 2)\nnet.eval()\n'],
  },
  {
    bandit: 'B308',
    name: 'mark_safe',
    id: 'CODE-PY-MARK-SAFE-USED',
    title: 'Use of Django mark_safe',
    severity: 'medium',
    cwe: 'CWE-79',
    names: ['django.utils.safestring.mark_safe'],
    message: '{name} turns off HTML escaping for this value; review that nothing in it comes from users (cross-site scripting).',
    description: 'mark_safe tells Django templates not to escape a string. Any user-controlled part of it is then rendered as HTML and can run script in the browser.',
    remediation: 'Build HTML with django.utils.html.format_html (which escapes its arguments) or let the template escape the value.',
    remediationSnippet: 'from django.utils.html import format_html\nhtml = format_html("<b>{}</b>", name)',
    fail: [
      'from django.utils.safestring import mark_safe\n\ndef greeting(name):\n    return mark_safe("<b>%s</b>" % name)\n',
      'from django.utils import safestring\nlabel = safestring.mark_safe(html)\n',
    ],
    pass: ['from django.utils.html import format_html\n\ndef greeting(name):\n    return format_html("<b>{}</b>", name)\n'],
  },
  {
    bandit: 'B310',
    name: 'urllib_urlopen',
    id: 'CODE-PY-URLOPEN-SCHEME',
    title: 'URL opened with urllib without a fixed scheme',
    severity: 'medium',
    cwe: 'CWE-22',
    names: [
      'urllib.urlopen', 'urllib.request.urlopen', 'urllib.urlretrieve', 'urllib.request.urlretrieve',
      'urllib.URLopener', 'urllib.request.URLopener', 'urllib.FancyURLopener', 'urllib.request.FancyURLopener',
      'urllib2.urlopen', 'urllib2.Request',
      'six.moves.urllib.request.urlopen', 'six.moves.urllib.request.urlretrieve', 'six.moves.urllib.request.URLopener', 'six.moves.urllib.request.FancyURLopener',
    ],
    message: '{name} opens any scheme it is given, file:// included; audit that the URL is limited to the schemes you expect.',
    description: 'urllib\'s openers accept file:// and other schemes as well as http(s). A URL from outside the program can then read local files or reach internal services. (A literal http or https URL is not reported.)',
    remediation: 'Check the scheme (urllib.parse.urlparse(url).scheme in {"http", "https"}) before opening, or use an HTTP client such as requests that only speaks HTTP.',
    allow: literalHttpUrl,
    remediationSnippet: 'from urllib.parse import urlparse\nif urlparse(url).scheme not in ("http", "https"):\n    raise ValueError("unsupported URL")',
    fail: [
      'import urllib.request\n\ndef fetch(url):\n    return urllib.request.urlopen(url).read()\n',
      'from urllib.request import urlretrieve\nurlretrieve(source, "/srv/cache/file")\n',
      'from six.moves.urllib.request import urlopen\nbody = urlopen(feed_url)\n',
      'import urllib.request as ur\nur.urlopen(f"{base}/status")\n',
    ],
    pass: ['import urllib.request\nresp = urllib.request.urlopen("https://pypi.org/simple/")\n', 'import urllib.request\nurllib.request.urlopen(f"https://{host}/health", timeout=5)\n', 'import requests\nrequests.get(url, timeout=5)\n'],
  },
  {
    bandit: 'B311',
    name: 'random',
    id: 'CODE-PY-INSECURE-RANDOM',
    title: 'Pseudo-random generator (random) where security may need a secure one',
    severity: 'low',
    cwe: 'CWE-330',
    names: ['random.Random', 'random.random', 'random.randrange', 'random.randint', 'random.choice', 'random.choices', 'random.uniform', 'random.triangular', 'random.randbytes', 'random.getrandbits'],
    message: '{name} is a predictable pseudo-random generator, not suitable for security or cryptographic purposes.',
    description: 'The random module is a Mersenne Twister: its output can be predicted from earlier output. Tokens, passwords, keys or nonces made with it can be guessed.',
    remediation: 'Use the secrets module (secrets.token_urlsafe, secrets.choice, secrets.randbelow) for anything an attacker must not guess.',
    remediationSnippet: 'import secrets\ntoken = secrets.token_urlsafe(32)',
    fail: [
      'import random\nimport string\ntoken = "".join(random.choice(string.ascii_letters) for _ in range(32))\n',
      'from random import randint\notp = randint(100000, 999999)\n',
      'import random as rnd\nnonce = rnd.getrandbits(64)\n',
    ],
    pass: ['import secrets\ntoken = secrets.token_urlsafe(32)\n', 'import random\nrandom.seed(42)\nrandom.shuffle(rows)\n', 'import secrets\nrng = secrets.SystemRandom()\nrng.choice(items)\n'],
  },
  {
    bandit: 'B312',
    name: 'telnetlib',
    id: 'CODE-PY-TELNET',
    title: 'Telnet used',
    severity: 'high',
    cwe: 'CWE-319',
    names: ['telnetlib.*'],
    message: '{name}: Telnet sends everything, credentials included, in clear text. Use SSH or another encrypted protocol.',
    description: 'Telnet has no encryption or server authentication: anyone on the path can read the session, passwords included, and take it over.',
    remediation: 'Use SSH (paramiko, asyncssh) or another encrypted protocol.',
    fail: ['import telnetlib\ntn = telnetlib.Telnet(host, 23)\ntn.write(password.encode() + b"\\n")\n', 'from telnetlib import Telnet\nwith Telnet(switch) as tn:\n    tn.interact()\n'],
    pass: ['import paramiko\nclient = paramiko.SSHClient()\nclient.connect(host, username=user)\n'],
  },
  xmlSpec('B313', 'xml_bad_cElementTree', 'CODE-PY-XML-CELEMENTTREE', 'xml.etree.cElementTree', [
    'xml.etree.cElementTree.parse', 'xml.etree.cElementTree.iterparse', 'xml.etree.cElementTree.fromstring', 'xml.etree.cElementTree.XMLParser',
  ], ['import xml.etree.cElementTree as ET\ntree = ET.parse(upload)\n', 'from xml.etree.cElementTree import fromstring\nroot = fromstring(body)\n'], ['import defusedxml.cElementTree as ET\ntree = ET.parse(upload)\n']),
  xmlSpec('B314', 'xml_bad_ElementTree', 'CODE-PY-XML-ELEMENTTREE', 'xml.etree.ElementTree', [
    'xml.etree.ElementTree.parse', 'xml.etree.ElementTree.iterparse', 'xml.etree.ElementTree.fromstring', 'xml.etree.ElementTree.XMLParser',
  ], [
    'import xml.etree.ElementTree as ET\nroot = ET.fromstring(request.data)\n',
    'from xml.etree.ElementTree import parse\ndoc = parse(path)\n',
    'from xml.etree import ElementTree\nfor event, el in ElementTree.iterparse(stream):\n    handle(el)\n',
  ], ['import defusedxml.ElementTree as ET\nroot = ET.fromstring(request.data)\n', 'import xml.etree.ElementTree as ET\nel = ET.Element("item")\nxml = ET.tostring(el)\n']),
  xmlSpec('B315', 'xml_bad_expatreader', 'CODE-PY-XML-EXPATREADER', 'xml.sax.expatreader', ['xml.sax.expatreader.create_parser'], [
    'import xml.sax.expatreader\nparser = xml.sax.expatreader.create_parser()\n',
    'from xml.sax.expatreader import create_parser\np = create_parser()\n',
  ], ['import defusedxml.expatreader\nparser = defusedxml.expatreader.create_parser()\n']),
  xmlSpec('B316', 'xml_bad_expatbuilder', 'CODE-PY-XML-EXPATBUILDER', 'xml.dom.expatbuilder', ['xml.dom.expatbuilder.parse', 'xml.dom.expatbuilder.parseString'], [
    'from xml.dom import expatbuilder\ndom = expatbuilder.parseString(text)\n',
    'import xml.dom.expatbuilder as eb\ndoc = eb.parse(f)\n',
  ], ['import defusedxml.expatbuilder as eb\ndoc = eb.parse(f)\n']),
  xmlSpec('B317', 'xml_bad_sax', 'CODE-PY-XML-SAX', 'xml.sax', ['xml.sax.parse', 'xml.sax.parseString', 'xml.sax.make_parser'], [
    'import xml.sax\nxml.sax.parseString(payload, handler)\n',
    'from xml.sax import make_parser\nparser = make_parser()\nparser.parse(stream)\n',
  ], ['import defusedxml.sax\ndefusedxml.sax.parseString(payload, handler)\n', 'from xml.sax.handler import ContentHandler\nclass H(ContentHandler):\n    pass\n']),
  xmlSpec('B318', 'xml_bad_minidom', 'CODE-PY-XML-MINIDOM', 'xml.dom.minidom', ['xml.dom.minidom.parse', 'xml.dom.minidom.parseString'], [
    'from xml.dom import minidom\ndoc = minidom.parseString(body)\n',
    'import xml.dom.minidom\ndom = xml.dom.minidom.parse(path)\n',
  ], ['from defusedxml import minidom\ndoc = minidom.parseString(body)\n', 'from xml.dom import minidom\ndoc = minidom.Document()\n']),
  xmlSpec('B319', 'xml_bad_pulldom', 'CODE-PY-XML-PULLDOM', 'xml.dom.pulldom', ['xml.dom.pulldom.parse', 'xml.dom.pulldom.parseString'], [
    'from xml.dom import pulldom\nevents = pulldom.parseString(body)\n',
    'from xml.dom.pulldom import parse\nfor event, node in parse(stream):\n    pass\n',
  ], ['from defusedxml import pulldom\nevents = pulldom.parseString(body)\n']),
  xmlSpec('B320', 'xml_bad_etree', 'CODE-PY-XML-LXML', 'lxml.etree', [
    'lxml.etree.parse', 'lxml.etree.fromstring', 'lxml.etree.RestrictedElement', 'lxml.etree.GlobalParserTLS', 'lxml.etree.getDefaultParser', 'lxml.etree.check_docinfo',
  ], ['from lxml import etree\ntree = etree.fromstring(xml_bytes)\n', 'import lxml.etree as LET\ndoc = LET.parse(path)\n'], ['from lxml import etree\nroot = etree.Element("feed")\n', 'import defusedxml.lxml\ndoc = defusedxml.lxml.parse(path)\n']),
  {
    bandit: 'B321',
    name: 'ftplib',
    id: 'CODE-PY-FTP',
    title: 'FTP used',
    severity: 'high',
    cwe: 'CWE-319',
    names: ['ftplib.*'],
    message: '{name}: FTP sends credentials and data in clear text. Use SFTP/SCP or FTP over TLS.',
    description: 'Plain FTP has no encryption: the login and the files can be read and changed by anyone on the path.',
    remediation: 'Use SFTP or SCP (paramiko), or ftplib.FTP_TLS with prot_p() if FTP is required.',
    fail: ['import ftplib\nftp = ftplib.FTP("ftp.example.com")\nftp.login(user, password)\n', 'from ftplib import FTP\nwith FTP(host) as ftp:\n    ftp.retrbinary("RETR report.csv", out.write)\n'],
    pass: ['import paramiko\ntransport = paramiko.Transport((host, 22))\nsftp = paramiko.SFTPClient.from_transport(transport)\n'],
  },
  {
    bandit: 'B323',
    name: 'unverified_context',
    id: 'CODE-PY-UNVERIFIED-SSL-CONTEXT',
    title: 'TLS context that does not verify certificates',
    severity: 'medium',
    cwe: 'CWE-295',
    names: ['ssl._create_unverified_context'],
    message: '{name} makes a TLS context that checks neither the certificate nor the host name: connections can be intercepted.',
    description: 'ssl._create_unverified_context() (also when installed as ssl._create_default_https_context) turns off certificate and host name checks, so anyone on the path can impersonate the server.',
    remediation: 'Use ssl.create_default_context(); to trust a private CA, pass cafile= to it rather than turning verification off.',
    remediationSnippet: 'import ssl\nctx = ssl.create_default_context(cafile="/etc/ssl/internal-ca.pem")',
    fail: [
      'import ssl\nimport urllib.request\nctx = ssl._create_unverified_context()\nurllib.request.urlopen("https://intranet/api", context=ctx)\n',
      'import ssl\nssl._create_default_https_context = ssl._create_unverified_context\n',
    ],
    pass: ['import ssl\nctx = ssl.create_default_context(cafile="/etc/ssl/internal-ca.pem")\n'],
    more: {
      // ssl._create_default_https_context = ssl._create_unverified_context: every default HTTPS connection unverified.
      assignment(node, file, report) {
        const right = node.childForFieldName('right');
        if (right?.type !== 'attribute' || !right.text.endsWith('_create_unverified_context')) return;
        if (qualifiedName(right, file.imports) === 'ssl._create_unverified_context') {
          report(node, 'ssl._create_unverified_context installed as a default: HTTPS connections no longer check certificates or host names.');
        }
      },
    },
  },
];

export const callBlacklistRules = callBlacklist.map(callBlacklistRule);
