// Per-finding levels and value tracking in the B5xx and B7xx rules: B505 by key size, B502 by where
// the protocol is passed, B701 by what autoescape holds, B703/B704 following local assignments.
import { codeFindings } from '../../finding';
import type { CodeRule } from '../../types';
import { makePythonAnalyzer } from '../index';
import { cryptoTlsRules } from './crypto-tls';
import { templatingRules } from './templating';

const all = [...cryptoTlsRules, ...templatingRules];
const analyzer = makePythonAnalyzer(all);
const rules = new Map<string, CodeRule>(all.map((r) => [r.rule.id, r.rule]));

/** [line, severity, confidence] of each finding of one rule. */
async function levels(code: string, ruleId: string): Promise<[number, string, string][]> {
  const hits = await analyzer.analyze([{ path: 'app.py', text: code }], { warn: () => undefined, only: new Set([ruleId]) });
  return codeFindings(hits, rules).map((f) => [f.location.kind === 'file' ? f.location.line ?? 0 : 0, f.severity, f.confidence]);
}

test('B505: below the breakable size high, below the recommended size medium, variables and strong sizes not reported', async () => {
  const code = [
    'from cryptography.hazmat.primitives.asymmetric import rsa, dsa, ec',
    'from Crypto.PublicKey import RSA',
    'rsa.generate_private_key(65537, 512)', // 3
    'rsa.generate_private_key(public_exponent=65537, key_size=1024)', // 4
    'dsa.generate_private_key(key_size=2048)',
    'ec.generate_private_key(ec.SECT163K1())', // 6
    'ec.generate_private_key(curve=ec.SECP384R1())',
    'RSA.generate(768)', // 8
    'RSA.generate(bits)',
    'rsa.generate_private_key(65537, 4_096)',
    '',
  ].join('\n');
  expect(await levels(code, 'CODE-PY-WEAK-CRYPTOGRAPHIC-KEY')).toEqual([
    [3, 'high', 'high'],
    [4, 'medium', 'high'],
    [6, 'medium', 'high'],
    [8, 'high', 'high'],
  ]);
});

test('B502: ssl and pyOpenSSL calls high; another function given method=/ssl_version= medium', async () => {
  const code = [
    'import ssl',
    'from OpenSSL import SSL',
    'ssl.wrap_socket(s, ssl_version=ssl.PROTOCOL_SSLv2)', // 3
    'SSL.Context(method=SSL.SSLv3_METHOD)', // 4
    'my_connect(host, method=SSL.TLSv1_METHOD)', // 5
    'ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)',
    'herp_derp(ssl_version=ssl.PROTOCOL_TLSv1_2)',
    '',
  ].join('\n');
  expect(await levels(code, 'CODE-PY-SSL-BAD-VERSION')).toEqual([
    [3, 'high', 'high'],
    [4, 'high', 'high'],
    [5, 'medium', 'medium'],
  ]);
});

test('B701: autoescape False or missing is certain; an expression other than select_autoescape is medium confidence', async () => {
  const code = [
    'import jinja2',
    'jinja2.Environment(autoescape=False)', // 2
    'jinja2.Environment(loader=loader)', // 3
    'jinja2.Environment(autoescape=should_escape)', // 4
    'jinja2.Environment(autoescape=jinja2.select_autoescape())',
    'jinja2.Environment(autoescape=True)',
    'jinja2.Environment(**options)',
    '',
  ].join('\n');
  expect(await levels(code, 'CODE-PY-JINJA2-AUTOESCAPE-FALSE')).toEqual([
    [2, 'high', 'high'],
    [3, 'high', 'high'],
    [4, 'high', 'medium'],
  ]);
});

test('B703: a name assigned only literals (or escaped values) in its function is safe; parameters and reassigned names are not', async () => {
  const code = [
    'from django.utils.safestring import mark_safe',
    'from django.utils.html import escape',
    'def a():',
    '    html = "<br>"',
    '    return mark_safe(html)',
    'def b(html):',
    '    return mark_safe(html)', // 7: a parameter
    'def c(request):',
    '    html = "<b>"',
    '    html += request.GET["x"]',
    '    return mark_safe(html)', // 11: appended to
    'def d(name):',
    '    html = "<b>{}</b>".format(escape(name))',
    '    return mark_safe(html)',
    'def e(rows):',
    '    for html in rows:',
    '        mark_safe(html)', // 17: bound by a loop
    'def f(name):',
    '    return mark_safe(f"<i>{name}</i>")', // 19
    '',
  ].join('\n');
  expect((await levels(code, 'CODE-PY-DJANGO-MARK-SAFE')).map(([line]) => line)).toEqual([7, 11, 17, 19]);
});

test('B704: Markup of a literal or of escaped parts passes; of anything built from variables it does not', async () => {
  const code = [
    'from markupsafe import Markup, escape',
    'Markup("<hr>")',
    'Markup("<b>{}</b>").format(name)',
    'Markup("<b>%s</b>" % escape(name))',
    'Markup(name)', // 5
    'Markup("<b>" + name + "</b>")', // 6
    '',
  ].join('\n');
  expect((await levels(code, 'CODE-PY-MARKUPSAFE-MARKUP-XSS')).map(([line]) => line)).toEqual([5, 6]);
});
