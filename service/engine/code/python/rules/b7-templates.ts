// B701–B704: templates and markup that skip HTML escaping (Jinja2 autoescape off, Mako, Django
// mark_safe and markupsafe.Markup on values that are not literals).
import type { PyFile, PyRule } from '../context';
import { callOf, importsModule, isFalse, isTrue, lastPart, mentions, qualifiedName } from '../context';
import type { SyntaxNode } from '../../../tree-sitter';
import { argument, assignedValues, calledName, hasKwargsSplat, isConstant, isStringLiteral, unwrap } from './util-py';

const BANDIT_DOCS = 'https://bandit.readthedocs.io/en/latest/plugins';

export const jinja2AutoescapeFalse: PyRule = {
  rule: {
    id: 'CODE-PY-JINJA2-AUTOESCAPE-FALSE',
    language: 'python',
    title: 'Jinja2 environment without HTML autoescaping',
    severity: 'high',
    confidence: 'high',
    description:
      'A jinja2.Environment escapes nothing unless autoescape is turned on (its default is False). Values rendered into HTML templates then keep their <, > and quotes, so data from users can inject script (cross-site scripting).',
    remediation: 'Pass autoescape=select_autoescape(["html", "htm", "xml"]) (or autoescape=True), and mark only trusted fragments with |safe.',
    remediationSnippet: 'env = Environment(loader=FileSystemLoader("templates"), autoescape=select_autoescape(["html", "htm", "xml"]))\n',
    cwe: ['CWE-94'],
    upstream: { type: 'bandit', id: 'B701' },
    helpUri: `${BANDIT_DOCS}/b701_jinja2_autoescape_false.html`,
    examples: {
      fail: [
        'import jinja2\nenv = jinja2.Environment(loader=jinja2.FileSystemLoader("templates"), autoescape=False)\n',
        'from jinja2 import Environment, PackageLoader\nenv = Environment(loader=PackageLoader("app"))\n',
        'from jinja2 import Environment as Env\nenv = Env(loader=loader, autoescape=settings.ESCAPE)\n',
      ],
      pass: [
        'from jinja2 import Environment, select_autoescape\nenv = Environment(loader=loader, autoescape=select_autoescape(["html", "xml"]))\n',
        'import jinja2\nenv = jinja2.Environment(autoescape=True)\n',
        'from mylib import Environment\nenv = Environment()\n',
      ],
    },
  },
  relevant: mentions('jinja2'),
  on: {
    call(node, file, report) {
      const call = callOf(node, file);
      if (!call.name || lastPart(call.name) !== 'Environment' || !call.name.split('.').includes('jinja2')) return;
      const value = unwrap(call.kwargs.get('autoescape'));
      if (!value) {
        if (!hasKwargsSplat(call)) report(node, 'jinja2.Environment without autoescape: nothing rendered is HTML-escaped');
        return;
      }
      if (isFalse(value)) return report(node, 'jinja2.Environment with autoescape=False: nothing rendered is HTML-escaped');
      if (isTrue(value) || (value.type === 'call' && calledName(value) === 'select_autoescape')) return;
      report(node, 'jinja2.Environment with an autoescape setting that may be off', undefined, { confidence: 'medium' });
    },
  },
};

/** default_filters holds Mako's "h" (HTML escape) filter. */
const escapesByDefault = (filters: SyntaxNode | undefined): boolean =>
  (filters?.type === 'list' || filters?.type === 'tuple') && filters.namedChildren.some((c) => c?.text === '"h"' || c?.text === "'h'");

export const makoTemplates: PyRule = {
  rule: {
    id: 'CODE-PY-MAKO-TEMPLATES',
    language: 'python',
    title: 'Mako template without default HTML escaping',
    severity: 'medium',
    confidence: 'high',
    description:
      'Mako renders ${...} expressions as they are, with no escaping unless each one is filtered. A template that outputs data from users into HTML is open to cross-site scripting wherever a |h filter is missing.',
    remediation: 'Create templates with default_filters=["h"] (or a TemplateLookup with it), so every expression is HTML-escaped unless marked |n.',
    remediationSnippet: 'template = Template(text, default_filters=["h"])\n',
    cwe: ['CWE-80'],
    upstream: { type: 'bandit', id: 'B702' },
    helpUri: `${BANDIT_DOCS}/b702_use_of_mako_templates.html`,
    examples: {
      fail: ['from mako.template import Template\nt = Template("<p>Hello ${name}</p>")\n', 'import mako.template\nhtml = mako.template.Template(filename="page.html").render(user=user)\n'],
      pass: ['from mako.template import Template\nt = Template("<p>${name}</p>", default_filters=["h"])\n', 'from string import Template\nt = Template("$who likes $what")\n'],
    },
  },
  relevant: mentions('mako'),
  on: {
    call(node, file, report) {
      const call = callOf(node, file);
      if (!call.name || lastPart(call.name) !== 'Template' || !call.name.split('.').includes('mako')) return;
      const filters = unwrap(call.kwargs.get('default_filters'));
      if (escapesByDefault(filters) || (!filters && hasKwargsSplat(call))) return;
      report(node, 'Mako Template renders expressions without HTML escaping unless each is filtered');
    },
  },
};

/** Calls whose result is escaped (or sanitised) markup. */
const ESCAPERS = new Set([
  'django.utils.html.escape',
  'django.utils.html.conditional_escape',
  'django.utils.html.format_html',
  'django.utils.html.format_html_join',
  'django.utils.html.json_script',
  'django.utils.html.strip_tags',
  'html.escape',
  'markupsafe.escape',
  'flask.escape',
  'bleach.clean',
  'bleach.linkify',
  'nh3.clean',
]);

/**
 * Whether a value is built only from literals and escaped values: string literals, names assigned
 * only such values earlier in the same function (not parameters), "…".format / % / f-strings / +
 * of those, and escaping calls.
 */
function isSafeMarkup(node: SyntaxNode | null | undefined, file: PyFile, depth = 0): boolean {
  const n = unwrap(node);
  if (!n || depth > 8) return false;
  if (isConstant(n) && n.type !== 'tuple' && n.type !== 'list') return true;
  switch (n.type) {
    case 'identifier': {
      const values = assignedValues(n.text, n);
      return !!values && values.every((v) => isSafeMarkup(v, file, depth + 1));
    }
    case 'string':
      return n.namedChildren.every((c) => c?.type !== 'interpolation' || isSafeMarkup(c.childForFieldName('expression') ?? c.namedChild(0), file, depth + 1));
    case 'concatenated_string':
      return n.namedChildren.every((c) => !c || c.type === 'comment' || isSafeMarkup(c, file, depth + 1));
    case 'tuple':
    case 'list':
      return n.namedChildren.every((c) => !c || c.type === 'comment' || isSafeMarkup(c, file, depth + 1));
    case 'binary_operator': {
      const op = n.childForFieldName('operator')?.text;
      if (op === '+') return isSafeMarkup(n.childForFieldName('left'), file, depth + 1) && isSafeMarkup(n.childForFieldName('right'), file, depth + 1);
      if (op === '%') return isStringLiteral(n.childForFieldName('left')) && isSafeMarkup(n.childForFieldName('right'), file, depth + 1);
      return false;
    }
    case 'call': {
      if (ESCAPERS.has(qualifiedName(n.childForFieldName('function'), file.imports) ?? '')) return true;
      const fn = n.childForFieldName('function');
      if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'format' || !isStringLiteral(fn.childForFieldName('object'))) return false;
      return (n.childForFieldName('arguments')?.namedChildren ?? []).every((a) => {
        if (!a || a.type === 'comment') return true;
        return isSafeMarkup(a.type === 'keyword_argument' ? a.childForFieldName('value') : a, file, depth + 1);
      });
    }
    default:
      return false;
  }
}

const MARK_SAFE = new Set(['mark_safe', 'SafeText', 'SafeUnicode', 'SafeString', 'SafeBytes']);

export const djangoMarkSafe: PyRule = {
  rule: {
    id: 'CODE-PY-DJANGO-MARK-SAFE',
    language: 'python',
    title: 'Django mark_safe on a value that is not a literal',
    severity: 'medium',
    confidence: 'high',
    description:
      'mark_safe() tells Django templates not to escape a string. Applied to text built from variables, any user data in it reaches the page unescaped (cross-site scripting).',
    remediation: 'Build HTML with format_html() (which escapes its arguments) or escape() each variable part before mark_safe.',
    remediationSnippet: 'from django.utils.html import format_html\nlink = format_html(\'<a href="{}">{}</a>\', url, title)\n',
    cwe: ['CWE-80'],
    upstream: { type: 'bandit', id: 'B703' },
    helpUri: `${BANDIT_DOCS}/b703_django_mark_safe.html`,
    examples: {
      fail: [
        'from django.utils.safestring import mark_safe\ndef render_name(user):\n    return mark_safe("<b>%s</b>" % user.name)\n',
        'from django.utils.safestring import mark_safe\ndef badge(request):\n    html = f"<span>{request.GET[\'label\']}</span>"\n    return mark_safe(html)\n',
        'from django.utils import safestring\ndef cell(value):\n    return safestring.mark_safe(value)\n',
      ],
      pass: [
        'from django.utils.safestring import mark_safe\nSEPARATOR = mark_safe("<hr>")\n',
        'from django.utils.safestring import mark_safe\nfrom django.utils.html import escape\ndef cell(value):\n    return mark_safe("<td>%s</td>" % escape(value))\n',
        'from django.utils.safestring import mark_safe\ndef icon():\n    html = "<i class=\'icon\'></i>"\n    return mark_safe(html)\n',
      ],
    },
  },
  relevant: mentions(...MARK_SAFE),
  on: {
    call(node, file, report) {
      const name = calledName(node);
      if (!name || !MARK_SAFE.has(name)) return;
      const call = callOf(node, file);
      if (!call.name?.startsWith('django.utils.safestring.') && !importsModule(file, 'django.utils.safestring')) return;
      const value = argument(call, 0, 's');
      if (value && value.type !== 'list_splat' && !isSafeMarkup(value, file)) report(node, `${name}() on a value built at run time: it reaches the page unescaped`);
    },
  },
};

export const markupsafeMarkupXss: PyRule = {
  rule: {
    id: 'CODE-PY-MARKUPSAFE-MARKUP-XSS',
    language: 'python',
    title: 'markupsafe.Markup on a value that is not a literal',
    severity: 'medium',
    confidence: 'high',
    description:
      'Markup(text) marks text as safe HTML without escaping it. Built from variables, f-strings or formatting, any user data in it reaches the page unescaped (cross-site scripting).',
    remediation: 'Keep the Markup string literal and interpolate into it: Markup("<b>{}</b>").format(value) escapes value; or call markupsafe.escape() on each part.',
    remediationSnippet: 'from markupsafe import Markup\nhtml = Markup("<b>{}</b>").format(username)\n',
    cwe: ['CWE-79'],
    upstream: { type: 'bandit', id: 'B704' },
    helpUri: `${BANDIT_DOCS}/b704_markupsafe_markup_xss.html`,
    examples: {
      fail: [
        'from markupsafe import Markup\ndef greet(name):\n    return Markup(f"<b>Hello {name}</b>")\n',
        'import flask\nbanner = flask.Markup("<div>{}</div>".format(request.args["msg"]))\n',
        'import markupsafe\ndef row(cells):\n    return markupsafe.Markup("".join(cells))\n',
      ],
      pass: [
        'from markupsafe import Markup\nhtml = Markup("<b>{}</b>").format(username)\n',
        'from markupsafe import Markup, escape\ndef greet(name):\n    return Markup("<b>%s</b>" % escape(name))\n',
        'from markupsafe import Markup\nICON = Markup("<i class=\'icon\'></i>")\n',
      ],
    },
  },
  relevant: mentions('Markup'),
  on: {
    call(node, file, report) {
      const call = callOf(node, file);
      if (call.name !== 'markupsafe.Markup' && call.name !== 'flask.Markup') return;
      const value = call.args[0];
      if (value && value.type !== 'list_splat' && !isSafeMarkup(value, file)) report(node, `${call.name}() on a value built at run time: it is not escaped`);
    },
  },
};

export const templateRules: readonly PyRule[] = [jinja2AutoescapeFalse, makoTemplates, djangoMarkSafe, markupsafeMarkupXss];
