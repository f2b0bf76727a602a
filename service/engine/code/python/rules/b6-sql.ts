// B608 SQL built from strings (%, .format, f-strings, +); B610/B611 Django's extra() and RawSQL with
// values that are not literals.
import type { PyFile, PyRule, Report } from '../context';
import { callOf, importsModule, mentions } from '../context';
import type { SyntaxNode } from '../../../tree-sitter';
import { argument, calledName, isConstant, isStringLiteral, unwrap } from './util-py';

const BANDIT_DOCS = 'https://bandit.readthedocs.io/en/latest/plugins';

/** Bandit's statement shapes. */
const SQL_SHAPE = /\b(?:select\s[\s\S]*\bfrom\s|delete\s+from\s|insert\s+into\s[\s\S]*\bvalues[\s(]|update\s[\s\S]*\bset\s)/i;
/** Starts like a statement, or carries an upper-case keyword: tells "SELECT … FROM %s" from "Select one from %s". */
const SQL_START = /^[\s(]*(?:select|delete|insert|update|with|replace|merge)\b/i;
const SQL_UPPER = /\b(?:SELECT|DELETE|INSERT|UPDATE)\b/;
/** In lower case, "update … set" is also prose ("update for {user} set at …"): then only UPDATE <table> SET. */
const UPDATE_START = /^[\s(]*update\b/i;
const UPDATE_TABLE_SET = /\bupdate\s+[\w.?"`[\]]+\s+set\s/i;
/** Lower-case text that reads as English: "Select one from the list: {}". */
const PROSE = /\b(?:select|from|into)\s+(?:a|an|the|one|this|that|these|those|your|our|my|which)\s/i;

/** Statements are read up to this length: bounds the regular expressions' work on huge strings. */
const MAX_SQL_TEXT = 8000;

function looksLikeSql(whole: string): boolean {
  const text = whole.length > MAX_SQL_TEXT ? whole.slice(0, MAX_SQL_TEXT) : whole;
  if (!SQL_SHAPE.test(text)) return false;
  if (SQL_UPPER.test(text)) return true;
  if (!SQL_START.test(text) || PROSE.test(text)) return false;
  return !UPDATE_START.test(text) || UPDATE_TABLE_SET.test(text);
}

interface Built {
  /** The literal text, run-time parts left out. */
  text: string;
  /** Some part is computed at run time. */
  dynamic: boolean;
}

const isFormatCall = (n: SyntaxNode): boolean => {
  const fn = n.type === 'call' ? n.childForFieldName('function') : null;
  return fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'format' && !!composes(fn.childForFieldName('object'));
};

const isJoiningOperator = (n: SyntaxNode): boolean => {
  if (n.type !== 'binary_operator') return false;
  const op = n.childForFieldName('operator')?.text;
  return op === '+' || op === '%';
};

/** An expression that builds a string from parts (the ones this rule reads). */
function composes(node: SyntaxNode | null | undefined): boolean {
  const n = unwrap(node);
  return !!n && (n.type === 'string' || n.type === 'concatenated_string' || isJoiningOperator(n) || isFormatCall(n));
}

/** What a string expression is made of. */
function built(node: SyntaxNode | null | undefined, depth = 0): Built {
  const n = unwrap(node);
  if (!n || depth > 100) return { text: '', dynamic: true };
  if (n.type === 'string') {
    let text = '';
    let dynamic = false;
    for (const c of n.namedChildren) {
      if (c?.type === 'string_content' || c?.type === 'escape_sequence') text += c.text;
      else if (c?.type === 'interpolation') {
        text += ' ? ';
        dynamic = true;
      }
    }
    return { text, dynamic };
  }
  if (n.type === 'concatenated_string') return join(n.namedChildren.filter((c): c is SyntaxNode => !!c && c.type !== 'comment').map((c) => built(c, depth + 1)));
  if (isJoiningOperator(n)) {
    const left = built(n.childForFieldName('left'), depth + 1);
    const right = n.childForFieldName('right');
    if (n.childForFieldName('operator')?.text === '%') return { text: left.text, dynamic: left.dynamic || !isConstant(right) };
    return join([left, built(right, depth + 1)]);
  }
  if (isFormatCall(n)) {
    const self = built(n.childForFieldName('function')?.childForFieldName('object'), depth + 1);
    const args = n.childForFieldName('arguments')?.namedChildren ?? [];
    const values = args.filter((a): a is SyntaxNode => !!a && a.type !== 'comment').map((a) => (a.type === 'keyword_argument' ? a.childForFieldName('value') : a));
    return { text: self.text, dynamic: self.dynamic || values.some((v) => !isConstant(v)) };
  }
  return { text: '', dynamic: true };
}

function join(parts: Built[]): Built {
  return { text: parts.map((p) => p.text).join(''), dynamic: parts.some((p) => p.dynamic) };
}

/** True when the node is a part of a larger string expression (that one is judged instead). */
function isPart(node: SyntaxNode): boolean {
  let child = node;
  let parent = node.parent;
  while (parent?.type === 'parenthesized_expression') {
    child = parent;
    parent = parent.parent;
  }
  if (!parent) return false;
  if (parent.type === 'concatenated_string' || isJoiningOperator(parent)) return true;
  return parent.type === 'attribute' && parent.childForFieldName('object')?.id === child.id && !!parent.parent && isFormatCall(parent.parent);
}

/** The call a string expression is the first argument of, if any (execute, executemany, …). */
function consumer(node: SyntaxNode): string | undefined {
  let n = node;
  while (n.parent?.type === 'parenthesized_expression') n = n.parent;
  const call = n.parent?.type === 'argument_list' ? n.parent.parent : null;
  const fn = call?.type === 'call' ? call.childForFieldName('function') : null;
  return fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn?.text;
}

/** Calls that run their first argument as SQL: Bandit's execute/executemany, plus Django's raw() and pandas' read_sql. */
const EXECUTE = new Set(['execute', 'executemany', 'executescript', 'mogrify', 'raw', 'read_sql', 'read_sql_query']);

function checkSql(node: SyntaxNode, report: Report): void {
  if (isPart(node)) return;
  const b = built(node);
  if (!b.dynamic || !looksLikeSql(b.text)) return;
  const sink = consumer(node);
  const inExecute = !!sink && EXECUTE.has(sink);
  report(node, inExecute ? `SQL built from strings and passed to ${sink}(): use query parameters` : 'SQL statement built from strings: use query parameters', undefined, inExecute ? { confidence: 'medium' } : undefined);
}

/** A cheap test per file before any tree is read: the statement words are there at all. */
const VERB = /\b(?:select|delete|insert|update)\s/i;
const CLAUSE = /\b(?:from|into|set)\s/i;
/** A file without a verb and a clause holds no statement: its strings are not even collected. */
const mayHoldSql = (text: string): boolean => VERB.test(text) && CLAUSE.test(text);

/** An f-string, told by its prefix in the source (f"…", rF'…') without reading its children. */
function isFString(node: SyntaxNode, file: PyFile): boolean {
  for (let i = node.startIndex; i < node.startIndex + 3 && i < file.text.length; i++) {
    const c = file.text[i];
    if (c === 'f' || c === 'F') return true;
    if (c === '"' || c === "'") return false;
  }
  return false;
}

export const hardcodedSqlExpressions: PyRule = {
  rule: {
    id: 'CODE-PY-SQL-STRING-BUILT',
    language: 'python',
    title: 'SQL statement built with string formatting',
    severity: 'medium',
    confidence: 'low',
    description:
      'A SQL statement is built with %, str.format, an f-string or + from values computed at run time. If any of them comes from outside the program, quotes in it change the statement (SQL injection). Reported with medium confidence when the string goes straight to execute().',
    remediation: 'Keep the statement constant and pass the values as query parameters (cursor.execute(sql, params)); for identifiers, pick from an allow-list.',
    remediationSnippet: 'cursor.execute("SELECT * FROM users WHERE name = %s", (name,))\n',
    cwe: ['CWE-89'],
    upstream: { type: 'bandit', id: 'B608' },
    helpUri: `${BANDIT_DOCS}/b608_hardcoded_sql_expressions.html`,
    examples: {
      fail: [
        'query = "SELECT * FROM users WHERE id = %s" % user_id\ncursor.execute(query)\n',
        'cursor.execute(f"DELETE FROM sessions WHERE token = \'{token}\'")\n',
        'sql = "UPDATE accounts SET balance = {} WHERE id = {}".format(amount, account_id)\n',
        'cur.execute("SELECT name FROM " + table + " WHERE active = 1")\n',
        'q = """\n    INSERT INTO audit (user, action)\n    VALUES (\'%s\', \'%s\')\n""" % (user, action)\n',
      ],
      pass: [
        'cursor.execute("SELECT * FROM users WHERE id = %s", (user_id,))\n',
        'cursor.execute("SELECT * FROM t WHERE a = " + "1")\n',
        'msg = "Please select one from the list: %s" % choices\n',
        'LOG.info("updated %s set to %s", name, value)\n',
        'sql = "SELECT id FROM users WHERE name = :name"\nsession.execute(text(sql), {"name": name})\n',
      ],
    },
  },
  relevant: mayHoldSql,
  on: {
    binary_operator(node, _file, report) {
      if (isJoiningOperator(node)) checkSql(node, report);
    },
    string(node, file, report) {
      if (isFString(node, file)) checkSql(node, report);
    },
    concatenated_string(node, _file, report) {
      checkSql(node, report);
    },
    call(node, _file, report) {
      if (isFormatCall(node)) checkSql(node, report);
    },
  },
};

/** Every element of a list/tuple literal is a plain string. */
const isStringList = (n: SyntaxNode | undefined): boolean =>
  (n?.type === 'list' || n?.type === 'tuple') && n.namedChildren.every((c) => !c || c.type === 'comment' || isStringLiteral(c));

/** A dict literal whose keys and values are all plain strings. */
const isStringDict = (n: SyntaxNode | undefined): boolean =>
  n?.type === 'dictionary' &&
  n.namedChildren.every((p) => !p || p.type === 'comment' || (p.type === 'pair' && isStringLiteral(p.childForFieldName('key')) && isStringLiteral(p.childForFieldName('value'))));

export const djangoExtraUsed: PyRule = {
  rule: {
    id: 'CODE-PY-DJANGO-EXTRA',
    language: 'python',
    title: 'Django QuerySet.extra() with SQL that is not a literal',
    severity: 'medium',
    confidence: 'medium',
    description:
      'QuerySet.extra() puts its select, where and tables strings into the SQL as written. Built from values computed at run time, they are open to SQL injection; Django plans to deprecate extra().',
    remediation: 'Express the query with the ORM (annotate, filter with F/Q expressions, Func); for the SQL that remains, keep it literal and pass values in params.',
    remediationSnippet: 'Entry.objects.extra(where=["headline = %s"], params=[headline])\n',
    cwe: ['CWE-89'],
    upstream: { type: 'bandit', id: 'B610' },
    helpUri: `${BANDIT_DOCS}/b610_django_extra_used.html`,
    examples: {
      fail: [
        'from django.contrib.auth.models import User\nUser.objects.extra(where=["username = \'%s\'" % name])\n',
        'from django.db import models\nqs = Entry.objects.all().extra(select={"is_recent": recent_sql})\n',
        'rows = Order.objects.extra(tables=[table_name])\n',
      ],
      pass: [
        'from django.db import models\nEntry.objects.extra(where=["headline = %s"], params=[headline])\n',
        'from django.db import models\nEntry.objects.extra(select={"is_recent": "pub_date > \'2006-01-01\'"})\n',
        'parser.extra(where_clause)\n',
      ],
    },
  },
  relevant: mentions('extra'),
  on: {
    call(node, file, report) {
      const call = callOf(node, file);
      if (calledName(node) !== 'extra') return;
      const fn = node.childForFieldName('function');
      const receiver = fn?.type === 'attribute' ? fn.childForFieldName('object')?.text ?? '' : '';
      if (!importsModule(file, 'django') && !/\bobjects\b/.test(receiver)) return;
      const where = unwrap(argument(call, 1, 'where'));
      const tables = unwrap(argument(call, 3, 'tables'));
      const select = unwrap(argument(call, 0, 'select'));
      const unsafe = (where && !isStringList(where)) || (tables && !isStringList(tables)) || (select && !isStringDict(select));
      if (unsafe) report(node, 'QuerySet.extra() with SQL that is not a literal');
    },
  },
};

export const djangoRawSqlUsed: PyRule = {
  rule: {
    id: 'CODE-PY-DJANGO-RAWSQL',
    language: 'python',
    title: 'Django RawSQL with SQL that is not a literal',
    severity: 'medium',
    confidence: 'medium',
    description: 'RawSQL puts its first argument into the query as written. Built from values computed at run time, it is open to SQL injection.',
    remediation: 'Keep the SQL literal and pass the values in the params list (RawSQL("… %s", [value])), or use ORM expressions.',
    remediationSnippet: 'User.objects.annotate(val=RawSQL("SELECT col FROM t WHERE id = %s", [obj_id]))\n',
    cwe: ['CWE-89'],
    upstream: { type: 'bandit', id: 'B611' },
    helpUri: `${BANDIT_DOCS}/b611_django_rawsql_used.html`,
    examples: {
      fail: [
        'from django.db.models.expressions import RawSQL\nqs = User.objects.annotate(val=RawSQL("SELECT col FROM t WHERE id = %s" % obj_id, []))\n',
        'from django.db.models.expressions import RawSQL\nqs = User.objects.annotate(val=RawSQL(raw_sql, params))\n',
      ],
      pass: [
        'from django.db.models.expressions import RawSQL\nqs = User.objects.annotate(val=RawSQL("SELECT col FROM t WHERE id = %s", [obj_id]))\n',
        'from mylib import RawSQL\nRawSQL(q)\n',
      ],
    },
  },
  relevant: mentions('RawSQL'),
  on: {
    call(node, file, report) {
      const call = callOf(node, file);
      if (calledName(node) !== 'RawSQL' || !importsModule(file, 'django.db.models')) return;
      const sql = argument(call, 0, 'sql');
      if (sql && !isStringLiteral(sql)) report(node, 'RawSQL with SQL that is not a literal');
    },
  },
};

export const sqlRules: readonly PyRule[] = [hardcodedSqlExpressions, djangoExtraUsed, djangoRawSqlUsed];
