// Database credentials: connection URLs (PostgreSQL, MySQL, MongoDB, Redis, AMQP), ADO.NET /
// ODBC connection strings (SQL Server, Azure SQL), JDBC URLs.
import { BASE62, randomToken, inSyntax, inSyntaxes, notSecrets, lazyExamples } from '../examples';
import { isPlaceholder } from '../allowlist';
import type { MatchContext, SecretRule } from '../rule';

const REMEDIATION = 'Change the database user\'s password (ALTER USER / ALTER LOGIN, or the server\'s admin password reset), review its activity, and load the connection string from Key Vault or a secret variable; prefer Entra ID / managed identity authentication where the database supports it.';
const password = 'Qz7' + randomToken('db-pass', BASE62, 17);

/** Default and sample passwords, and the same for the user names they come with. */
function realPassword({ secret }: MatchContext): boolean {
  return !isPlaceholder(secret, true) && !/^%[sv]$|^\{[^}]*\}$|^:/.test(secret) && secret.length >= 4;
}

/**
 * The connection string pattern needs a ';' at most 600 bytes before its `Password=` (the
 * keyword, at most 10 bytes), with no quote, '<', '>' or newline in between.
 */
function semicolonBefore(bytes: Uint8Array, at: number): boolean {
  for (let i = at - 1, stop = Math.max(0, at - 611); i >= stop; i--) {
    const b = bytes[i];
    if (b === 59 /* ; */) return true;
    if (b === 10 || b === 34 || b === 39 || b === 60 || b === 62) return false;
  }
  return false;
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
    pattern: new RegExp(`(?:${schemes})://(?<user>[^:@/\\s"'<>\`]{1,128}):(?<secret>[^@/\\s"'<>\`]{1,256})@(?<host>[A-Za-z0-9._-]{1,253})`, 'gi'),
    window: 'token',
    priority: 1,
    validate: realPassword,
    describe: ({ match }) => `for user '${match.groups?.user}' on '${match.groups?.host}'`,
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
    keywords: ['password=', 'pwd=', 'password =', 'pwd ='],
    pattern: /(?:Server|Data Source|Host|Address|Addr|Network Address)\s?=\s?(?<host>[^;"'<>\n]{1,256});[^"'<>\n]{0,600}?(?:Password|Pwd)\s?=\s?(?<secret>[^;"'<>\n]{1,128}?)\s?(?:;|"|'|<|$)/gim,
    follows: semicolonBefore,
    window: 'line',
    priority: 1,
    validate: (ctx) => realPassword(ctx) && !/^\$\(|^\{\{|^%/.test(ctx.secret),
    describe: ({ match }) => `for server '${(match.groups?.host ?? '').trim()}'`,
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
    pattern: /jdbc:[a-z0-9]{2,20}:[^\s"'<>]{0,400}?[;?&:]password=(?<secret>[^;&\s"'<>]{1,128})/gi,
    window: 'line',
    priority: 1,
    validate: realPassword,
    examples: lazyExamples(() => ({
      mustFlag: inSyntaxes('spring.datasource.url', `jdbc:sqlserver://contoso-sql.database.windows.net:1433;database=orders;user=app@contoso-sql;password=${password};encrypt=true`, ['yaml', 'env', 'ini', 'xml']),
      mustNotFlag: [inSyntax('ini', 'spring.datasource.url', 'jdbc:postgresql://pg:5432/orders?user=app&password=${DB_PASSWORD}'), inSyntax('ini', 'url', 'jdbc:h2:mem:testdb')],
    })),
  },
];
