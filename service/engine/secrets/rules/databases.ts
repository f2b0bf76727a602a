// Database credentials: connection URLs (PostgreSQL, MySQL, MongoDB, Redis, AMQP), ADO.NET /
// ODBC connection strings (SQL Server, Azure SQL), JDBC URLs.
import { BASE62, randomToken, inSyntax, inSyntaxes, notSecrets, lazyExamples } from '../examples';
import { isPlaceholder } from '../allowlist';
import type { MatchContext, RawHit, SecretRule } from '../rule';

const REMEDIATION = 'Change the database user\'s password (ALTER USER / ALTER LOGIN, or the server\'s admin password reset), review its activity, and load the connection string from Key Vault or a secret variable; prefer Entra ID / managed identity authentication where the database supports it.';
const password = 'Qz7' + randomToken('db-pass', BASE62, 17);

/** Default and sample passwords, and the same for the user names they come with. */
function realPassword({ secret }: Pick<MatchContext, 'secret'>): boolean {
  return !isPlaceholder(secret, true) && !/^%[sv]$|^\{[^}]*\}$|^:/.test(secret) && secret.length >= 4;
}

/**
 * A connection string has a ';' in the same string as its `Password=` (before it, or after its
 * value): at most 600 bytes either side of the keyword, not crossing a quote, '<', '>' or a line
 * end. Most `password =` in code and prose fail here before the finder runs.
 */
function semicolonNear(bytes: Uint8Array, at: number): boolean {
  for (let i = at - 1, stop = Math.max(0, at - 611); i >= stop; i--) {
    const b = bytes[i];
    if (b === 59 /* ; */) return true;
    if (b === 10 || b === 34 || b === 60 || b === 62 || b === 96) break;
  }
  for (let i = at, stop = Math.min(bytes.length, at + 600); i < stop; i++) {
    const b = bytes[i];
    if (b === 59) return true;
    if (b === 10 || b === 60 || b === 62) return false;
  }
  return false;
}

/** Keys of an ADO.NET / ODBC / Npgsql connection string that name the server. */
const HOST_KEYS = /^(?:server|data source|host|hostname|address|addr|network address|server name|datasource)$/i;
/**
 * `Password=` / `Pwd=`; what precedes the key (the text's start, or one of ; " ' ` > and blanks) is
 * tested apart: a regex opening with that class would be tried at every offset of the window.
 */
const PASSWORD_KEY = /(?:password|pwd)[ \t]{0,8}=/gi;
const KEY_OPENER = /[;"'`\s>]/;

interface Pair { key: string; value: string; valueStart: number }

/**
 * The `key=value;` pairs of the connection string starting at `s` (a value may be quoted with '
 * or ", or braced as ODBC does: Pwd={a;b}), up to a line end, '<', '>' or the quote the string
 * sits in (`closing`).
 */
function pairsFrom(text: string, s: number, closing: string): Pair[] {
  const pairs: Pair[] = [];
  let i = s;
  const stop = Math.min(text.length, s + 2048);
  while (i < stop && pairs.length < 32) {
    while (i < stop && (text[i] === ';' || text[i] === ' ' || text[i] === '\t')) i++;
    const eq = text.indexOf('=', i);
    if (eq < 0 || eq >= stop || eq - i > 40) break;
    const key = text.slice(i, eq).trim();
    if (!/^[A-Za-z][A-Za-z0-9 _.-]*$/.test(key)) break;
    i = eq + 1;
    while (i < stop && (text[i] === ' ' || text[i] === '\t')) i++;
    const open = text[i];
    const close = open === '{' ? '}' : (open === "'" || open === '"') && open !== closing ? open : undefined;
    let valueStart = i;
    let valueEnd: number;
    if (close) {
      valueStart = i + 1;
      valueEnd = text.indexOf(close, valueStart);
      if (valueEnd < 0 || valueEnd >= stop || text.slice(valueStart, valueEnd).includes('\n')) break;
      i = valueEnd + 1;
    } else {
      while (i < stop && text[i] !== ';' && text[i] !== '\n' && text[i] !== '<' && text[i] !== '>' && text[i] !== closing) i++;
      valueEnd = i;
      while (valueEnd > valueStart && (text[valueEnd - 1] === ' ' || text[valueEnd - 1] === '\t' || text[valueEnd - 1] === '\r')) valueEnd--;
    }
    pairs.push({ key, value: text.slice(valueStart, valueEnd), valueStart });
    if (i >= stop || (text[i] !== ';' && !close)) break;
  }
  return pairs;
}

/**
 * ADO.NET, ODBC and Npgsql connection strings holding a password, in any key order and with
 * any spacing: `Server=…;User ID=…;Password=…`, `Password=…;Data Source=…`, `Pwd={…}`.
 */
export function findConnectionStrings(window: string): RawHit[] {
  const hits: RawHit[] = [];
  PASSWORD_KEY.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = PASSWORD_KEY.exec(window)) !== null) {
    const keyAt = m.index;
    if (keyAt > 0 && !KEY_OPENER.test(window[keyAt - 1])) continue;
    // The string's start: the quote, tag or line it sits in (single quotes may quote values).
    let s = keyAt;
    while (s > 0 && keyAt - s < 1024 && !'"\n<>`'.includes(window[s - 1])) s--;
    const closing = window[s - 1] === '"' || window[s - 1] === '`' ? window[s - 1] : '\n';
    // The string may follow a name on its line (NAME=Server=…, name: 'Server=…'): try each start.
    for (let start = s; start < keyAt; start++) {
      if (start > s && !"'=: ".includes(window[start - 1])) continue;
      const pairs = pairsFrom(window, start, closing);
      const host = pairs.find((p) => HOST_KEYS.test(p.key));
      const secret = pairs.find((p) => p.valueStart > keyAt && /^(?:password|pwd)$/i.test(p.key));
      if (!host || !secret) continue;
      if (realPassword({ secret: secret.value }) && !/^\$\(|^\{\{|^%|^\$\{/.test(secret.value)) {
        hits.push({ index: secret.valueStart, value: secret.value, detail: `for server '${host.value.trim()}'` });
      }
      break;
    }
  }
  return hits;
}

const JDBC_PASSWORD = /jdbc:[a-z0-9]{2,20}:[^\s"'<>]{0,400}?[;?&:]password=(?<secret>[^;&\s"'<>]{1,128})/gi;
/** Oracle's thin driver: jdbc:oracle:thin:user/password@host:port:sid */
const JDBC_ORACLE_THIN = /jdbc:oracle:thin:(?<user>[^/@\s"'<>:]{1,64})\/(?<secret>[^@\s"'<>]{1,128})@(?<host>[A-Za-z0-9._-]{1,253})/gi;

/** JDBC URLs with a password parameter, or Oracle's user/password@host form. */
export function findJdbcPasswords(window: string): RawHit[] {
  const hits: RawHit[] = [];
  for (const re of [JDBC_PASSWORD, JDBC_ORACLE_THIN]) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(window)) !== null) {
      const secret = m.groups?.secret ?? '';
      // scott/tiger: Oracle's demo schema.
      if (!realPassword({ secret }) || secret === 'tiger') continue;
      const at = m.index + (re === JDBC_PASSWORD ? m[0].length - secret.length : m[0].indexOf('/', 17) + 1);
      hits.push({ index: at, value: secret, ...(m.groups?.user ? { detail: `for user '${m.groups.user}'` } : {}) });
    }
  }
  return hits;
}

interface UrlSpec { id: string; title: string; schemes: string[]; port: number; db: string; notFlag?: string[] }

function urlRule(spec: UrlSpec): SecretRule {
  const schemes = spec.schemes.map((s) => s.replace(/[+.]/g, '\\$&')).join('|');
  const url = `${spec.schemes[0]}://app_user:${password}@${spec.db}.contoso.internal:${spec.port}/orders`;
  return {
    id: spec.id,
    title: spec.title,
    description: `A ${spec.title.toLowerCase()}: the password logs in to the database as that user.`,
    severity: 'critical',
    confidence: 'high',
    remediation: REMEDIATION,
    keywords: spec.schemes.map((s) => s + '://'),
    pattern: new RegExp(`(?:${schemes})://(?<user>[^:@/\\s"'<>\`]{0,128}):(?<secret>[^@/\\s"'<>\`]{1,256})@(?<host>[A-Za-z0-9._-]{1,253})`, 'gi'),
    window: 'token',
    priority: 1,
    validate: realPassword,
    describe: ({ match }) => (match.groups?.user ? `for user '${match.groups.user}' on '${match.groups?.host}'` : `on '${match.groups?.host}'`),
    examples: lazyExamples(() => ({
      mustFlag: [
        ...inSyntaxes('DATABASE_URL', url, ['json', 'yaml', 'env', 'xml', 'pipeline', 'python']),
        `engine = create_engine("${url}")\n`,
      ],
      mustNotFlag: [
        ...notSecrets('DATABASE_URL', url),
        inSyntax('env', 'DATABASE_URL', `${spec.schemes[0]}://app_user:\${DB_PASSWORD}@${spec.db}:${spec.port}/orders`),
        inSyntax('env', 'DATABASE_URL', `${spec.schemes[0]}://app_user:password@localhost:${spec.port}/orders`),
        inSyntax('env', 'DATABASE_URL', `${spec.schemes[0]}://user:<password>@host:${spec.port}/db`),
        inSyntax('env', 'DATABASE_URL', `${spec.schemes[0]}://${spec.db}.contoso.internal:${spec.port}/orders`),
        ...(spec.notFlag ?? []),
      ],
    })),
  };
}

const sqlServer = `Server=tcp:contoso-sql.database.windows.net,1433;Initial Catalog=orders;Persist Security Info=False;User ID=sqladmin;Password=${password};MultipleActiveResultSets=False;Encrypt=True;`;

export const rules: SecretRule[] = [
  urlRule({ id: 'SEC-POSTGRES-URL', title: 'PostgreSQL connection URL with password', schemes: ['postgres', 'postgresql', 'postgresql+psycopg2', 'postgresql+asyncpg', 'pgsql'], port: 5432, db: 'pg' }),
  urlRule({ id: 'SEC-MYSQL-URL', title: 'MySQL / MariaDB connection URL with password', schemes: ['mysql', 'mysql2', 'mysql+pymysql', 'mariadb', 'mysqlx'], port: 3306, db: 'mysql' }),
  urlRule({ id: 'SEC-MONGODB-URL', title: 'MongoDB connection URL with password', schemes: ['mongodb', 'mongodb+srv'], port: 27017, db: 'mongo' }),
  urlRule({ id: 'SEC-REDIS-URL', title: 'Redis connection URL with password', schemes: ['redis', 'rediss'], port: 6380, db: 'cache' }),
  urlRule({ id: 'SEC-AMQP-URL', title: 'AMQP (RabbitMQ) connection URL with password', schemes: ['amqp', 'amqps'], port: 5672, db: 'rabbit' }),
  urlRule({ id: 'SEC-MSSQL-URL', title: 'SQL Server connection URL with password', schemes: ['mssql', 'sqlserver', 'mssql+pyodbc'], port: 1433, db: 'sql' }),
  {
    id: 'SEC-SQL-CONNECTION-STRING',
    title: 'SQL Server / ADO.NET connection string with password',
    description: 'An ADO.NET or ODBC connection string (SQL Server, Azure SQL, Synapse, PostgreSQL via Npgsql …) carrying a password.',
    severity: 'critical',
    confidence: 'high',
    remediation: REMEDIATION,
    helpUri: 'https://learn.microsoft.com/azure/azure-sql/database/authentication-aad-overview',
    keywords: ['password=', 'pwd=', 'password =', 'pwd =', 'password\t=', 'password  ='],
    find: findConnectionStrings,
    follows: semicolonNear,
    window: 'line',
    priority: 1,
    examples: lazyExamples(() => ({
      mustFlag: [
        ...inSyntaxes('ConnectionStrings__Orders', sqlServer, ['json', 'yaml', 'env', 'xml', 'pipeline', 'code']),
        `<connectionStrings>\n  <add name="Orders" connectionString="Data Source=sql01;Initial Catalog=Orders;User Id=app;Password=${password};" providerName="System.Data.SqlClient" />\n</connectionStrings>\n`,
        inSyntax('json', 'Npgsql', `Host=pg.contoso.internal;Database=orders;Username=app;Password=${password}`),
      ],
      mustNotFlag: [
        ...notSecrets('ConnectionStrings__Orders', sqlServer),
        inSyntax('json', 'Orders', 'Server=(localdb)\\\\mssqllocaldb;Database=Orders;Trusted_Connection=True;'),
        inSyntax('json', 'Orders', 'Server=tcp:contoso-sql.database.windows.net;Database=orders;Authentication=Active Directory Default;'),
        inSyntax('json', 'Orders', 'Server=sql01;Database=orders;User Id=app;Password={your_password};'),
        inSyntax('json', 'Orders', 'Server=sql01;Database=orders;User Id=app;Password=$(SqlPassword);'),
      ],
    })),
  },
  {
    id: 'SEC-JDBC-URL-PASSWORD',
    title: 'JDBC URL with password',
    description: 'A JDBC connection URL with a password parameter.',
    severity: 'critical',
    confidence: 'high',
    remediation: REMEDIATION,
    keywords: ['jdbc:'],
    find: findJdbcPasswords,
    window: 'line',
    priority: 1,
    validate: realPassword,
    examples: lazyExamples(() => ({
      mustFlag: [
        ...inSyntaxes('spring.datasource.url', `jdbc:sqlserver://contoso-sql.database.windows.net:1433;database=orders;user=app@contoso-sql;password=${password};encrypt=true`, ['yaml', 'env', 'ini', 'xml']),
        inSyntax('properties', 'datasource.url', `jdbc:postgresql://pg.contoso.internal:5432/orders?user=app&password=${password}&ssl=true`),
        inSyntax('yaml', 'url', `jdbc:oracle:thin:app/${password}@db.contoso.internal:1521:ORCL`),
        inSyntax('yaml', 'url', `jdbc:mysql://db.contoso.internal:3306/orders?user=app&password=${password}&useSSL=true`),
      ],
      mustNotFlag: [
        inSyntax('ini', 'spring.datasource.url', 'jdbc:postgresql://pg:5432/orders?user=app&password=${DB_PASSWORD}'),
        inSyntax('ini', 'url', 'jdbc:h2:mem:testdb'),
        inSyntax('yaml', 'url', 'jdbc:oracle:thin:@db.contoso.internal:1521:ORCL'),
        inSyntax('yaml', 'url', 'jdbc:oracle:thin:scott/tiger@localhost:1521:XE'),
      ],
    })),
  },
];
