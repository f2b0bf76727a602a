// B105 hardcoded_password_string, B106 hardcoded_password_funcarg, B107 hardcoded_password_default:
// a string literal given to a name that says password, secret or token. The secrets family finds
// real secret values whatever they are called; these keep Bandit's name heuristic at low severity.
// Messages never repeat the value.
import type { SyntaxNode } from '../../../tree-sitter';
import type { CodeRule } from '../../types';
import { stringValue, type PyRule } from '../context';

const relevant = (text: string): boolean => MAYBE.test(text);

/**
 * Bandit's candidate words (pas+wo?r?d, pass(phrase)?, pwd, token, secrete?) as whole words of a
 * snake_case or camelCase name: db_password, PASSWD, apiToken, client_secret; not bypass or passenger.
 */
const CANDIDATE = /(?:^|_)(?:pas+wo?r?d|pass(?:phrase)?|pwd|token|secrete?)(?:_|$)/i;

/** A last word saying the name is about the secret, not the secret itself: token_type, password_url, passwordField. */
const ABOUT_THE_SECRET = /_(?:type|kind|url|uri|endpoint|path|file|field|name|label|prompt|hint|help|pattern|regex|length|len|policy|header|format|mode|template)$/i;

/** Cheap look at a node's text before reading its parts: could it name a password at all? */
const MAYBE = /pas|pwd|token|secret/i;

export function isPasswordName(name: string): boolean {
  const snake = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2');
  return CANDIDATE.test(snake) && !ABOUT_THE_SECRET.test(snake);
}

/** Candidate words other than "token": these names say credential on their own. */
const NOT_ONLY_TOKEN = /(?:^|_)(?:pas+wo?r?d|pass(?:phrase)?|pwd|secrete?)(?:_|$)/i;
/** Words that make a "token" name a credential rather than a tokenizer's token: api_token, AUTH_TOKEN, bearerToken. */
const CREDENTIAL_TOKEN = /(?:^|_)(?:auth|access|api|bearer|secret|refresh|session|oauth|bot|github|gh|slack|csrf|jwt|id)(?:_|$)|^(?:auth|access|api|bearer|oauth)token/i;

/** A value that could be a credential: 8+ characters, no whitespace, not only punctuation, not one lower-case word. */
export function looksLikeCredential(value: string): boolean {
  return value.length >= 8 && !/\s/.test(value) && /[A-Za-z0-9]/.test(value) && !/^[a-z]+$/.test(value);
}

/**
 * Whether a literal given to a password-like name is reported. "token" alone also names the tokens of
 * tokenizers and lexers (token == "(", split_token = "\t", DONE_TOKEN = "done"): such names are reported
 * only when they also say auth/access/api/bearer/secret … or the value looks like a credential.
 */
export function reportable(name: string, value: string): boolean {
  if (!isPasswordName(name)) return false;
  const snake = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2');
  return NOT_ONLY_TOKEN.test(snake) || CREDENTIAL_TOKEN.test(snake) || looksLikeCredential(value);
}

/** A non-empty plain string literal (an empty one is a placeholder, not a password). */
const literal = (node: SyntaxNode | null | undefined): string | undefined => {
  const v = stringValue(node);
  return v ? v : undefined;
};

/** The name a target says: password, self.password, config["password"]. */
function targetName(node: SyntaxNode | null | undefined): string | undefined {
  if (node?.type === 'identifier') return node.text;
  if (node?.type === 'attribute') return node.childForFieldName('attribute')?.text;
  if (node?.type === 'subscript') return stringValue(node.childForFieldName('subscript'));
  return undefined;
}

const PLUGINS = 'https://bandit.readthedocs.io/en/latest/plugins';

function passwordRule(bandit: string, id: string, slug: string, title: string, where: string, examples: CodeRule['examples']): CodeRule {
  return {
    id,
    language: 'python',
    title,
    severity: 'low',
    confidence: 'medium',
    description: `A string literal ${where} whose name says password, secret or token (Bandit's name heuristic). A password in source code is readable by everyone with the code and its history, and cannot be changed without a release. Empty strings, and names about the secret rather than the secret (token_type, password_url, password_field …), are not reported.`,
    remediation: 'Read secrets at run time from the environment or a secret store (Azure Key Vault, AWS Secrets Manager), and rotate any that were committed.',
    remediationSnippet: 'import os\npassword = os.environ["DB_PASSWORD"]',
    cwe: ['CWE-259'],
    upstream: { type: 'bandit', id: bandit },
    helpUri: `${PLUGINS}/${bandit.toLowerCase()}_${slug}.html`,
    examples,
  };
}

export const hardcodedPasswordString: PyRule = {
  rule: passwordRule('B105', 'CODE-PY-HARDCODED-PASSWORD-STRING', 'hardcoded_password_string', 'Hard-coded password string', 'assigned to, or compared with, a name', {
    fail: [
      'DB_PASSWORD = "s3cr3t-Pa55"\n',
      'class Config:\n    def __init__(self):\n        self.api_token = "tok_live_51H8"\n',
      'settings["password"] = "hunter2"\n',
      'def login(user, password):\n    if password == "letmein":\n        return True\n',
      'clientSecret: str = "abc123xyz"\n',
      'GITHUB_TOKEN = "ghp_16C7e42F292c6912E7710c838347Ae178B4a"\n',
      'def call(api, token):\n    if token == "dev-secret-token-1":\n        return api.admin()\n',
    ],
    pass: ['import os\nDB_PASSWORD = os.environ["DB_PASSWORD"]\n', 'password = ""\n', 'bypass = "yes"\npassenger = "Ann"\n', 'password = f"{prefix}{suffix}"\n',
      'def read_group(token, tokens):\n    if token == "(":\n        return parse(tokens)\n',
      'class Remote:\n    def fetch(self, line):\n        split_token = "\\t"\n        return line.split(split_token)\n',
      'DONE_TOKEN = "done"\nTOKEN_SEPARATOR = ", "\n',
    ],
  }),
  relevant,
  on: {
    assignment(node, _file, report) {
      const left = node.childForFieldName('left');
      if (!left || !MAYBE.test(left.text)) return;
      const value = node.childForFieldName('right');
      const text = literal(value);
      if (!text) return;
      const name = targetName(left);
      if (name && reportable(name, text)) report(value!, `Possible hard-coded password assigned to ${name}.`);
    },
    comparison_operator(node, _file, report) {
      if (!MAYBE.test(node.text)) return;
      const [left, right] = [node.namedChild(0), node.namedChild(1)];
      const text = literal(right);
      if (node.namedChildCount !== 2 || !text) return;
      const name = left?.type === 'identifier' || left?.type === 'attribute' ? targetName(left) : undefined;
      if (name && reportable(name, text)) report(right!, `Possible hard-coded password compared with ${name}.`);
    },
  },
};

export const hardcodedPasswordFuncarg: PyRule = {
  rule: passwordRule('B106', 'CODE-PY-HARDCODED-PASSWORD-FUNCARG', 'hardcoded_password_funcarg', 'Hard-coded password passed as an argument', 'passed as a keyword argument', {
    fail: [
      'import psycopg2\nconn = psycopg2.connect(host="db", user="app", password="Sup3rS3cret")\n',
      'client = ApiClient(base_url=URL, token="ghp_example_token_value")\n',
      'smtp.login(user="mailer", passwd="mail-pass-1")\n',
    ],
    pass: ['import os\nconn = psycopg2.connect(host="db", password=os.environ["PGPASSWORD"])\n', 'form.add_field(name="password", label="Password")\n', 'conn = connect(password="")\n', 'lexer.emit(token="(", pos=3)\n'],
  }),
  relevant,
  on: {
    keyword_argument(node, _file, report) {
      const name = node.childForFieldName('name')?.text;
      if (!name || !isPasswordName(name)) return;
      const text = literal(node.childForFieldName('value'));
      if (text && reportable(name, text) && node.parent?.parent?.type === 'call') report(node, `Possible hard-coded password passed as ${name}=.`);
    },
  },
};

export const hardcodedPasswordDefault: PyRule = {
  rule: passwordRule('B107', 'CODE-PY-HARDCODED-PASSWORD-DEFAULT', 'hardcoded_password_default', 'Hard-coded password as a parameter default', 'given as the default of a parameter', {
    fail: [
      'def connect(host, user="admin", password="admin123"):\n    return Db(host, user, password)\n',
      'class Client:\n    def __init__(self, url, *, api_token: str = "dev-token-42"):\n        self.api_token = api_token\n',
    ],
    pass: ['def connect(host, user="admin", password=None):\n    password = password or os.environ["DB_PASSWORD"]\n', 'def reset(user, token_type="bearer_header"):\n    pass\n', 'def connect(password=""):\n    pass\n', 'def tokenize(text, end_token="eof"):\n    pass\n'],
  }),
  relevant,
  on: {
    default_parameter: reportDefault,
    typed_default_parameter: reportDefault,
  },
};

function reportDefault(node: SyntaxNode, _file: unknown, report: (node: SyntaxNode, message: string) => void): void {
  const name = node.childForFieldName('name')?.text;
  // Not lambdas, as Bandit.
  const text = literal(node.childForFieldName('value'));
  if (name && text && reportable(name, text) && node.parent?.parent?.type === 'function_definition') report(node, `Possible hard-coded password as the default of ${name}.`);
}
