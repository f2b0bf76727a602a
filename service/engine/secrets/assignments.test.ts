import { assignmentAt, childAssignments, type AssignmentForm } from './assignments';
import { ALL_SYNTAXES, inSyntax } from './examples';
import { SECRET_RULES } from './rules';
import { SecretScanner } from './scanner';
import { Detector } from './detect';
import { keyedRule } from './rules/helpers';

/** The assignment read at the `nth` occurrence of `keyword` in `text`: [name, value, form] or undefined. */
function read(text: string, keyword: string, nth = 0): [string, string, AssignmentForm] | undefined {
  let at = -1;
  for (let k = 0; k <= nth; k++) at = text.toLowerCase().indexOf(keyword, at + 1);
  if (at < 0) throw new Error(`no ${keyword} in ${text}`);
  const a = assignmentAt(Buffer.from(text, 'latin1'), at, at + keyword.length);
  return a && [text.slice(a.nameStart, a.nameEnd), text.slice(a.valueStart, a.valueEnd), a.form];
}

const V = 'Zq8v2Lm9pQ7wRt4K';

type Row = [text: string, name: string, value: string, form?: AssignmentForm];

describe('assignmentAt reads a literal assigned to the name holding a keyword', () => {
  const rows: Row[] = [
    // .env, shell, INI, .properties, TOML
    [`DB_PASSWORD=${V}\n`, 'DB_PASSWORD', V],
    [`export DB_PASSWORD="${V}"\n`, 'DB_PASSWORD', V],
    [`set DB_PASSWORD=${V}\r\n`, 'DB_PASSWORD', V],
    [`[db]\npassword = ${V}\n`, 'password', V],
    [`spring.datasource.password: ${V}\n`, 'spring.datasource.password', V],
    [`db.password=${V}\n`, 'db.password', V],
    [`db.password:${V}\n`, 'db.password', V],
    [`[database]\npassword = "${V}"\n`, 'password', V],
    // YAML: block and flow mappings, quoted and bare, block scalars, list items
    [`service:\n  password: ${V}\n`, 'password', V],
    [`service:\n  password: '${V}'\n`, 'password', V],
    [`service:\n  password: "${V}" # prod\n`, 'password', V],
    [`db: {user: app, password: ${V}, port: 5432}\n`, 'password', V],
    [`password: |\n  ${V}\n`, 'password', V],
    [`password: >-\n    ${V}\n`, 'password', V],
    [`env:\n  - name: DB_PASSWORD\n    value: "${V}"\n`, 'DB_PASSWORD', V, 'pair'],
    [`variables:\n- name: apiToken\n  value: ${V}\n`, 'apiToken', V, 'pair'],
    [`Parameters:\n  - ParameterKey: DbPassword\n    ParameterValue: ${V}\n`, 'DbPassword', V, 'pair'],
    // JSON, JSON held in a string (escaped quotes, escaped newlines), ARM parameter files
    [`{"db_password": "${V}"}`, 'db_password', V],
    [`{"db_password":"${V}"}`, 'db_password', V],
    [`"config": "{\\"password\\": \\"${V}\\"}"`, 'password', V],
    [`"config": "{\\n  \\"password\\": \\"${V}\\"\\n}"`, 'password', V],
    [`"env": "DB_PASSWORD=${V}\\nPORT=80"`, 'DB_PASSWORD', V],
    [`[{"name": "DB_PASSWORD", "value": "${V}"}]`, 'DB_PASSWORD', V, 'pair'],
    [`"adminPassword": {\n  "value": "${V}"\n}`, 'adminPassword', V, 'nested'],
    // XML: attributes, elements, the value on the next line, .NET settings
    [`<add key="DbPassword" value="${V}" />`, 'DbPassword', V, 'pair'],
    [`<property name="password" value="${V}"/>`, 'password', V, 'pair'],
    [`<Password>${V}</Password>`, 'Password', V, 'element'],
    [`<password>\n      ${V}\n    </password>`, 'password', V, 'element'],
    [`<entry key="password">${V}</entry>`, 'password', V, 'pair'],
    [`<setting name="Password" serializeAs="String">\n  <value>${V}</value>\n</setting>`, 'Password', V, 'pair'],
    // Makefile
    [`PASSWORD := ${V}\n`, 'PASSWORD', V],
    [`PASSWORD ?= ${V}\n`, 'PASSWORD', V],
    [`PASSWORD += ${V}\n`, 'PASSWORD', V],
    [`export PASSWORD ::= ${V}\n`, 'PASSWORD', V],
    [`PASSWORD != echo ${V}\n`, 'PASSWORD', V],
    [`PASSWORD != printf '${V}'\n`, 'PASSWORD', V],
    [`PASSWORD := $(shell echo ${V})\n`, 'PASSWORD', V],
    // Go, JavaScript, TypeScript, Python
    [`password := "${V}"\n`, 'password', V],
    ['password := `' + V + '`\n', 'password', V],
    [`var jwtKey = []byte("${V}")\n`, 'jwtKey', V],
    [`const password: string = "${V}";\n`, 'password', V],
    [`const cfg = { password: "${V}" };\n`, 'password', V],
    [`this.password ||= '${V}';\n`, 'this.password', V],
    [`password: str = "${V}"\n`, 'password', V],
    [`PASSWORD = r'${V}'\n`, 'PASSWORD', V],
    [`PASSWORD = """${V}"""\n`, 'PASSWORD', V],
    [`connect(host="db", password="${V}")\n`, 'password', V],
    [`if password == "${V}":\n`, 'password', V],
    [`if (token !== '${V}') {\n`, 'token', V],
    // PHP, Ruby, logstash, Perl
    [`$password = "${V}";\n`, 'password', V],
    [`$password = '${V}' . $suffix;\n`, 'password', V],
    [`'password' => '${V}',\n`, 'password', V],
    [`$db = array("password" => "${V}");\n`, 'password', V],
    [`$cfg['password'] = '${V}';\n`, 'password', V],
    [`['name' => 'DB_PASSWORD', 'value' => '${V}']`, 'DB_PASSWORD', V, 'pair'],
    [`define('DB_PASSWORD', '${V}');\n`, 'DB_PASSWORD', V, 'comma'],
    [`config.password = "${V}"\n`, 'config.password', V],
    [`  password => "${V}"\n`, 'password', V],
    [`:password => "${V}",\n`, 'password', V],
    // Kotlin, Scala, Swift, Java, C#
    [`val password = "${V}"\n`, 'password', V],
    [`val password: String = "${V}"\n`, 'password', V],
    [`let password: String? = "${V}"\n`, 'password', V],
    [`private static final String PASSWORD = "${V}";\n`, 'PASSWORD', V],
    [`public string Password { get; set; } = "${V}";\n`, 'Password', V],
    [`var password = @"${V}";\n`, 'password', V],
    [`props.put("password", "${V}");\n`, 'password', V, 'comma'],
    [`builder.username("app").password("${V}").build();\n`, 'password', V, 'call'],
    [`ds.setPassword("${V}");\n`, 'ds.setPassword', V, 'call'],
    // PowerShell, Dockerfile, HCL, R, Gradle, .netrc, .npmrc, command lines
    [`$env:API_TOKEN = "${V}"\n`, 'API_TOKEN', V],
    [`$pw = ConvertTo-SecureString "${V}" -AsPlainText -Force\n`, 'pw', V],
    [`ENV DB_PASSWORD=${V}\n`, 'DB_PASSWORD', V],
    [`ENV DB_PASSWORD ${V}\n`, 'DB_PASSWORD', V],
    [`ARG DB_PASSWORD=${V}\n`, 'DB_PASSWORD', V],
    [`resource "x" "y" {\n  password = "${V}"\n}\n`, 'password', V],
    [`variable "db_password" {\n  type    = string\n  default = "${V}"\n}\n`, 'db_password', V, 'pair'],
    [`password <- "${V}"\n`, 'password', V],
    [`credentials {\n    password '${V}'\n}\n`, 'password', V],
    [`machine api.contoso.com login deploy password ${V}\n`, 'password', V],
    [`//npm.pkg.github.com/:_authToken=${V}\n`, '_authToken', V],
    [`mysql -u app --password=${V} orders\n`, 'password', V, 'flag'],
    [`vault login --token ${V}\n`, 'token', V, 'flag'],
    [`java -Djavax.net.ssl.keyStorePassword=${V} -jar app.jar\n`, 'Djavax.net.ssl.keyStorePassword', V, 'flag'],
    [`https://api.contoso.com/v1/orders?page=2&token=${V}&sort=asc`, 'token', V],
    [`contraseña = "${V}"\n`, 'contraseña', V],
    // Defaults after a lookup, .NET section keys
    [`const dbPassword: string = process.env.DB_PASSWORD ?? '${V}';\n`, 'dbPassword', V],
    [`const token = process.env.API_TOKEN || "${V}";\n`, 'token', V],
    [`PASSWORD = os.getenv("DB_PASSWORD") or "${V}"\n`, 'PASSWORD', V],
    [`password = os.environ.get("DB_PASSWORD", "${V}")\n`, 'password', V],
    [`api_token = ENV.fetch("API_TOKEN", "${V}")\n`, 'api_token', V],
    [`$password = $_ENV['DB_PASSWORD'] ?: '${V}';\n`, 'password', V],
    [`<add key="Admin:Password" value="${V}" />`, 'Admin:Password', V, 'pair'],
    [`{ "Smtp:Password": "${V}" }`, 'Smtp:Password', V],
    // C, Objective-C, Rust, Perl, Lua, Dart, SQL, Elixir, Compose environment lists
    [`static const char password[] = "${V}";\n`, 'password', V],
    [`#define API_TOKEN "${V}"\n`, 'API_TOKEN', V],
    [`NSString *password = @"${V}";\n`, 'password', V],
    [`const API_TOKEN: &str = "${V}";\n`, 'API_TOKEN', V],
    [`static API_TOKEN: &'static str = "${V}";\n`, 'API_TOKEN', V],
    [`my $password = "${V}";\n`, 'password', V],
    [`local password = "${V}"\n`, 'password', V],
    [`final String password = '${V}';\n`, 'password', V],
    [`CREATE USER app WITH PASSWORD '${V}';\n`, 'PASSWORD', V],
    [`config :app, Repo, password: "${V}"\n`, 'password', V],
    [`environment:\n  - DB_PASSWORD=${V}\n`, 'DB_PASSWORD', V],
  ];
  it.each(rows.map(([text, name, value, form]) => [text, name, value, form ?? 'operator'] as const))('%j', (text, name, value, form) => {
    const keyword = /password|token|pwd|jwtkey|contrase|pw/i.exec(name.replace(/^.*\./, ''))![0].toLowerCase();
    expect(read(text, keyword, occurrence(text, name, keyword))).toEqual([name, value, form]);
  });

  it.each([
    ['prose', 'The password is required for every login.'],
    ['prose with login before password', 'Open the account page, login handler password profile.'],
    ['a phrase in quotes', '"Enter your password"'],
    ['a reference left to the rule filters, but a call is no literal', 'password = getPassword();'],
    ['a comparison with a name', 'if password == other_password:'],
    ['a member after the name', 'userPassword.length > 8'],
    ['a getter call', `getPassword("${V}")`],
    ['a JS object key without a literal', 'e.exports={token:t.token,password:n.password}'],
    ['an HTML input type', '<input type="password" name="pw">'],
    ['an empty value', 'client_secret: \n'],
    ['an empty string', 'API_TOKEN=""\n'],
    ['a placeholder element in a command', 'curl -H "Authorization: Bearer <token>" https://api.contoso.com'],
    ['a Go struct tag', 'Password string `json:"password"`'],
    ['a Kubernetes secretKeyRef', 'env:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef:\n        name: db\n        key: password\n'],
    ['a name list', 'const fields = ["password"];'],
    ['a lookup without a default', 'password = os.environ.get("DB_PASSWORD")\n'],
    ['a nested mapping', 'password:\n  min_length: 12\n'],
    ['a Makefile shell command', 'PASSWORD != cat ~/.pw\n'],
    ['a long random run holding the keyword', '"tuSGFd5KiUCyUZCAS383VmAMRbrvNpWdxgAlk4N2wa4932HIUCKODxq9yTmxMgaZ", "kmsW0mCywL4eVAM0QecvMHeK0L6j2ewQU5kWMU9Ad3FziJie4uCLJr"'],
  ])('%s: nothing', (_label, text) => {
    const keyword = /password|token|secret|pwd/i.exec(text)![0].toLowerCase();
    expect(read(text, keyword)).toBeUndefined();
  });
});

/** Which occurrence of `keyword` lies inside the expected name. */
function occurrence(text: string, name: string, keyword: string): number {
  const nameAt = text.indexOf(name);
  const lower = text.toLowerCase();
  let k = 0;
  for (let at = lower.indexOf(keyword); at >= 0; at = lower.indexOf(keyword, at + 1), k++) {
    if (at >= nameAt && at < nameAt + name.length) return k;
  }
  return 0;
}

describe('the generic rules read every syntax of the examples generator', () => {
  const scanner = new SecretScanner(SECRET_RULES.filter((r) => r.id === 'SEC-GENERIC-PASSWORD' || r.id === 'SEC-GENERIC-SECRET'));
  const scan = (text: string, path = 'settings.txt'): { ruleId: string; confidence: string }[] =>
    scanner.scan({ path, size: text.length, content: Buffer.from(text, 'utf8') }, { options: { salt: 's' }, warn: () => undefined });

  it.each(ALL_SYNTAXES)('%s: a password and an API key, at medium confidence', (syntax) => {
    expect(scan(inSyntax(syntax, 'smtp_password', 'Hn4!rT8@wQ2#zL6'))).toEqual([expect.objectContaining({ ruleId: 'SEC-GENERIC-PASSWORD', confidence: 'medium' })]);
    expect(scan(inSyntax(syntax, 'billing_api_key', 'Zk3Lq9Rm2Vx7Pt5Nw8Ys4Jb6'))).toEqual([expect.objectContaining({ ruleId: 'SEC-GENERIC-SECRET', confidence: 'medium' })]);
  });

  it.each(ALL_SYNTAXES)('%s: references and placeholders stay quiet', (syntax) => {
    for (const value of ['${SMTP_PASSWORD}', '$(SmtpPassword)', '{{ .Values.smtp }}', '<your-password>', 'changeme', '********', 'process.env.SMTP_PASSWORD']) {
      expect([value, scan(inSyntax(syntax, 'smtp_password', value))]).toEqual([value, []]);
    }
  });

  it('reports a random value holding a placeholder-like word at low confidence', () => {
    expect(scan(inSyntax('yaml', 'billing_api_key', 'mock_9Fq2LmX7pR4vT8wZ'))).toEqual([expect.objectContaining({ ruleId: 'SEC-GENERIC-SECRET', confidence: 'low' })]);
  });

  it.each([
    ['a list of names', `const keys = ['DOCKER_PASSWORD', 'dockerHubToken', 'serviceprincipalkey'];\n`, 'keys.ts'],
    ['a seed passed to a function', `const token = randomToken('high-entropy-b64url', BASE64URL, 43);\n`, 'gen.ts'],
    ['a concatenation', `const sessionToken = 'IQoJb3JpZ2luX2VjE' + suffix;\n`, 'aws.ts'],
    ['a slug', `secret_name: prod-db-password-secret-2024\n`, 'values.yml'],
    ['an image reference', `command: run('BRAINTREE_ACCESS_TOKEN', 'fabrikam/checkout:5.0.1')\n`, 'ci.yml'],
    ['a pagination token', `"continuationToken": "eyJjb250aW51YXRpb25Ub2tlbiI6WyJOb3RTdXBwb3J0ZWQiXX0="\n`, 'page.json'],
    ['an unquoted expression in code', `password = settings.DATABASES.default.password\n`, 'app.py'],
    ['a lookup whose default is a name', 'const password = process.env.DB_PASSWORD ?? defaultPassword;\n', 'db.ts'],
    ['a name that goes on past its keyword', 'const passwordField = "Zq8v2Lm9pQ7wRt4K";\nconst tokenizerModel = "bert-base-9x2q7z4w5v1k";\n', 'form.ts'],
  ])('%s is not a secret', (_label, text, path) => {
    expect(scan(text, path)).toEqual([]);
  });
});

describe('validation in doubt', () => {
  const scanner = new SecretScanner(SECRET_RULES.filter((r) => r.id === 'SEC-URL-BASIC-AUTH'));
  const scan = (text: string): string[] =>
    scanner.scan({ path: 'README.md', size: text.length, content: Buffer.from(text, 'utf8') }, { options: { salt: 's' }, warn: () => undefined }).map((f) => f.confidence);

  it("keeps a value the rule doubts ('low') at low confidence, and drops what it refuses", () => {
    expect(scan('FEED_URL=https://deploy:Kd82hQz1LmPw7Rt4@pkgs.contoso.com/feed\n')).toEqual(['medium']);
    expect(scan('FEED_URL=https://deploy:Kd82hQz1LmPw7Rt4@example.com/feed\n')).toEqual(['low']);
    expect(scan('FEED_URL=https://admin:s3cret@localhost:8080/feed\n')).toEqual([]);
  });
});

describe('childAssignments reads the keys under a mapping key', () => {
  it.each([
    ['YAML', `vercel:\n  # deploys\n  team: platform\n  token: ${V}\n  timeout: 30s\nother: 1\n`, 'vercel', ['team', 'token', 'timeout']],
    ['JSON', `{\n  "datadog": {\n    "site": "datadoghq.eu",\n    "apiKey": "${V}"\n  },\n  "x": 1\n}\n`, 'datadog', ['site', 'apiKey']],
    ['HCL', `datadog = {\n  api_key = "${V}"\n}\n`, 'datadog', ['api_key']],
  ])('%s', (_syntax, text, parent, names) => {
    const at = text.indexOf(parent);
    const children = childAssignments(Buffer.from(text, 'latin1'), at, at + parent.length);
    expect(children.map((c) => [c.parent, text.slice(c.nameStart, c.nameEnd)])).toEqual(names.map((n) => [parent, n]));
  });

  it('stops at the mapping end and reads nothing after a scalar', () => {
    const text = `vercel:\n  team: platform\nnext:\n  token: ${V}\n`;
    expect(childAssignments(Buffer.from(text, 'latin1'), 0, 6).map((c) => text.slice(c.nameStart, c.nameEnd))).toEqual(['team']);
    expect(childAssignments(Buffer.from(`vercel: enabled\n  token: ${V}\n`, 'latin1'), 0, 6)).toEqual([]);
  });
});

describe('keyed rules read the keys under a provider mapping', () => {
  const rule = keyedRule({
    id: 'SEC-TEST-NESTED', title: 'Test key', remediation: 'Rotate it.', keywords: ['acme'], keyPattern: 'acme[\\w.-]{0,20}(?:key|token)',
    value: '[A-Za-z0-9]{16}', sample: V, keys: ['ACME_API_KEY'],
  });
  const detector = new Detector([rule]);
  const found = (text: string): string[] => detector.detect(Buffer.from(text, 'latin1'), 'application.yml').map((c) => c.value);

  it('finds acme: / api_key: v and "acme": { "token": "v" }', () => {
    expect(found(`acme:\n  region: eu\n  api_key: ${V}\n`)).toEqual([V]);
    expect(found(`{\n  "acme": {\n    "token": "${V}"\n  }\n}\n`)).toEqual([V]);
  });

  it('does not read under a key that names the secret alone (an empty acme_api_key: is no provider mapping)', () => {
    expect(found(`acme_api_key:\n  "other": "${V}"\n`)).toEqual([]);
    expect(found(`acme:\n  region: ${V}\n`)).toEqual([]);
  });
});
