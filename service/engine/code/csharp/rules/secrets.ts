// A password written into a connection string literal. The secrets family reports the value itself
// (SEC-SQL-CONNECTION-STRING and others, with its own identity and verification): this rule says where
// the code carries it, at lower severity, so the two are read together rather than counted twice.
import { literalValue, type CsRule } from '../context';

const CONNECTION = /(?:^|;)\s*(?:Server|Data Source|Host|Address|Addr|Initial Catalog|Database|User ID|UID|User Name|Username)\s*=/i;
const PASSWORD = /(?:^|;)\s*(?:Password|Pwd)\s*=\s*([^;]*)/i;
/** Placeholders and empty values are not passwords. */
const PLACEHOLDER = /^(?:|\s+|[{<$%[].*|\*+|x+|\.\.\.|#+|password|your[-_ ]?password|<.*>|\?)$/i;

export const connectionStringPassword: CsRule = {
  rule: {
    id: 'CODE-CS-CONNECTION-STRING-PASSWORD',
    language: 'csharp',
    title: 'Password hard-coded in a connection string',
    severity: 'medium',
    confidence: 'medium',
    description: 'A connection string literal in the code carries a password (Password=… or Pwd=…). Everyone with the source or the compiled assembly has it, and changing it means a release. The secrets family reports the value itself; this finding marks the code that embeds it.',
    remediation: 'Read the connection string from configuration backed by a secret store (Key Vault, user secrets in development), or use managed identity / integrated authentication so no password is needed.',
    remediationSnippet: 'var cs = builder.Configuration.GetConnectionString("Orders");',
    cwe: ['CWE-259'],
    upstream: { type: 'scs', id: 'SCS0015' },
    helpUri: 'https://security-code-scan.github.io/#SCS0015',
    tags: ['secret'],
    examples: {
      fail: [
        'class Db {\n  const string Orders = "Server=sql01;Database=orders;User ID=app;Password=Winter2024!;";\n}\n',
        'class Db {\n  public SqlConnection Open() => new SqlConnection(@"Data Source=.\\SQLEXPRESS;Initial Catalog=shop;uid=sa;pwd=s3cr3t");\n}\n',
      ],
      pass: [
        'class Db {\n  const string Orders = "Server=sql01;Database=orders;Integrated Security=true;";\n}\n',
        'class Db {\n  string Cs(string pw) => $"Server=sql01;Database=orders;User ID=app;Password={pw};";\n}\n',
        'class Db {\n  const string Template = "Server=<server>;Database=orders;User ID=<user>;Password=<password>;";\n}\n',
      ],
    },
  },
  on: {
    string_literal: check,
    verbatim_string_literal: check,
  },
};

function check(node: Parameters<NonNullable<CsRule['on']['string_literal']>>[0], _file: unknown, report: Parameters<NonNullable<CsRule['on']['string_literal']>>[2]) {
  const value = literalValue(node);
  if (!value || value.length > 2000 || !CONNECTION.test(value)) return;
  const m = PASSWORD.exec(value);
  if (!m || PLACEHOLDER.test(m[1].trim())) return;
  report(node, 'A connection string with a hard-coded password (the secrets family reports the value itself)');
}
