// Injection sinks given a string built from non-constant pieces (SQL, command, LDAP, XPath, HTML)
// or request data read in place (paths, redirects). Where request data reaches the same sink
// through variables or action parameters, the taint rules report it instead (see ../index.ts).
import type { SyntaxNode } from '../../../tree-sitter';
import type { CodeRule } from '../../types';
import { declarationOf, excerpt, isBuilt, literalValue, unwrap, type CsFile, type CsRule } from '../context';
import { SINK_NODE_TYPES, sinksAt, type Sink, type SinkKind, type SqlFamily } from '../sinks';
import { requestReadIn, isSafeRedirectPrefix } from '../sources';

type Judge = (value: SyntaxNode, file: CsFile) => string | undefined;

/** A rule reporting each sink of a kind (and SQL family) whose value the judge objects to. */
export function sinkRule(rule: CodeRule, kind: SinkKind, judge: Judge, sql?: SqlFamily): CsRule {
  const check = (node: SyntaxNode, file: CsFile, report: (n: SyntaxNode, m: string) => void) => {
    for (const sink of sinksAt(node, file)) {
      if (sink.kind !== kind || (sql && sink.sql !== sql)) continue;
      for (const v of sink.values) {
        const why = judge(v, file);
        if (why) {
          report(node, `${sink.label} ${why}`);
          break;
        }
      }
    }
  };
  return { rule, on: Object.fromEntries(SINK_NODE_TYPES.map((t) => [t, check])) };
}

export const builtJudge: Judge = (v, file) => (isBuilt(v, file) ? `is given a string built from non-constant pieces (${excerpt(v, 50)})` : undefined);

/** HTML built with an unencoded piece: an encoder anywhere in it is taken as the author's care. */
const unencodedJudge: Judge = (v, file) => (isBuilt(v, file) && !/Encode\w*\(|Sanitize\w*\(/.test(v.text) ? `writes HTML built from non-constant pieces without encoding (${excerpt(v, 50)})` : undefined);

const requestJudge: Judge = (v) => {
  const read = requestReadIn(unwrap(v));
  return read ? `is given request data (${excerpt(read, 50)})` : undefined;
};

/** The literal text a built string starts with (`"/login?next=" + x`, `$"/orders/{id}"`). */
function leadingText(node: SyntaxNode | undefined): string {
  let n = unwrap(node);
  for (let i = 0; n?.type === 'binary_expression' && n.childForFieldName('operator')?.text === '+' && i < 64; i++) n = unwrap(n.childForFieldName('left'));
  if (!n) return '';
  if (n.type === 'interpolated_string_expression') {
    const first = n.namedChildren.find((c) => c?.type === 'string_content' || c?.type === 'interpolation');
    return first?.type === 'string_content' ? first.text : '';
  }
  return literalValue(n) ?? '';
}

/** Request data after a local path or a fixed host does not choose where the redirect goes. */
const redirectJudge: Judge = (v, file) => (isSafeRedirectPrefix(leadingText(v)) ? undefined : requestJudge(v, file));

/** `IN (@p0, @p1)` built from parameter names is how parameterised lists are written: not injection. */
const PLACEHOLDERS = /["']@\w*["']\s*\+|\$"@\w*\{|"@p"|ParameterName/;

function buildsPlaceholders(v: SyntaxNode, file: CsFile): boolean {
  if (PLACEHOLDERS.test(v.text)) return true;
  const ids = v.type === 'identifier' ? [v] : v.descendantsOfType('identifier').filter((n): n is SyntaxNode => !!n).slice(0, 20);
  return ids.some((id) => {
    const d = declarationOf(id, file);
    return d?.kind === 'local' && !!d.value && PLACEHOLDERS.test(d.value.text);
  });
}

const sqlJudge: Judge = (v, file) => (buildsPlaceholders(v, file) ? undefined : builtJudge(v, file));

const sqlRemediation = 'Pass values as parameters (`@name` placeholders and `Parameters.Add`/`AddWithValue`); never build the SQL text from values.';
const sqlSnippet = 'var cmd = new SqlCommand("SELECT * FROM Users WHERE Name = @name", conn);\ncmd.Parameters.AddWithValue("@name", name);';

function sqlRule(id: string, family: SqlFamily, scs: string, title: string, helpPage: string, fail: string[], pass: string[]): CsRule {
  return sinkRule(
    {
      id,
      language: 'csharp',
      title,
      severity: 'high',
      confidence: 'medium',
      description: 'The SQL text of a query is built from non-constant pieces (concatenation, interpolation, string.Format or a StringBuilder). If any piece can come from a user, the query can be rewritten by them: SQL injection.',
      remediation: sqlRemediation,
      remediationSnippet: sqlSnippet,
      cwe: ['CWE-89'],
      upstream: { type: 'scs', id: scs },
      helpUri: `https://security-code-scan.github.io/#${scs}`,
      tags: ['sql', helpPage],
      examples: { fail, pass },
    },
    'sql',
    sqlJudge,
    family,
  );
}

const usingSql = 'using System.Data.SqlClient;\n';

export const sqlClient = sqlRule(
  'CODE-CS-SQLI-SQLCLIENT',
  'sqlclient',
  'SCS0026',
  'SQL injection: SqlCommand or SqlDataAdapter given a built query',
  'sqlclient',
  [
    `${usingSql}class Repo {\n  public User Find(SqlConnection conn, string name) {\n    var cmd = new SqlCommand("SELECT * FROM Users WHERE Name = '" + name + "'", conn);\n    return Map(cmd.ExecuteReader());\n  }\n}\n`,
    `using Microsoft.Data.SqlClient;\nclass Repo {\n  public void Delete(SqlConnection conn, string code) {\n    var sql = $"DELETE FROM Orders WHERE Code = '{code}'";\n    using var cmd = new SqlCommand(sql, conn);\n    cmd.ExecuteNonQuery();\n  }\n}\n`,
    `${usingSql}class Report {\n  DataTable Load(SqlConnection c, string region) {\n    var adapter = new SqlDataAdapter(string.Format("SELECT * FROM Sales WHERE Region = '{0}'", region), c);\n    var t = new DataTable(); adapter.Fill(t); return t;\n  }\n}\n`,
    `${usingSql}class Repo {\n  void Run(SqlConnection conn, string col) {\n    SqlCommand cmd = conn.CreateCommand();\n    var sb = new StringBuilder("SELECT ");\n    sb.Append(col).Append(" FROM T");\n    cmd.CommandText = sb.ToString();\n  }\n}\n`,
    `${usingSql}class Repo {\n  void Run(SqlConnection conn, string name) {\n    SqlCommand cmd = new SqlCommand();\n    cmd.CommandText = "SELECT * FROM Users WHERE Name = '" + name + "'";\n  }\n}\n`,
  ],
  [
    `${usingSql}class Repo {\n  public User Find(SqlConnection conn, string name) {\n    var cmd = new SqlCommand("SELECT * FROM Users WHERE Name = @name", conn);\n    cmd.Parameters.AddWithValue("@name", name);\n    return Map(cmd.ExecuteReader());\n  }\n}\n`,
    `${usingSql}class Repo {\n  const string Table = "Users";\n  public void Count(SqlConnection conn) {\n    var cmd = new SqlCommand("SELECT COUNT(*) FROM " + Table, conn);\n    cmd.ExecuteScalar();\n  }\n}\n`,
    `${usingSql}class Repo {\n  public void Run(SqlConnection conn, string storedQuery) {\n    var cmd = new SqlCommand(storedQuery, conn);\n    cmd.ExecuteNonQuery();\n  }\n}\n`,
    `${usingSql}class Repo {\n  public void Delete(SqlConnection conn, int id) {\n    using var cmd = new SqlCommand($"DELETE FROM Orders WHERE Id = {id}", conn);\n    cmd.ExecuteNonQuery();\n  }\n}\n`,
    `${usingSql}class UserRepository {\n  private const string Table = "Users";\n  private static readonly string[] Allowed = { "Email", "Country", "Plan" };\n  public int Distinct(SqlConnection conn, string column) {\n    if (!Allowed.Contains(column)) throw new ArgumentException("Unknown column", nameof(column));\n    using var cmd = new SqlCommand($"SELECT COUNT(DISTINCT {column}) FROM {Table}", conn);\n    return (int)cmd.ExecuteScalar();\n  }\n}\n`,
    `${usingSql}class Repo {\n  public SqlDataReader List(SqlConnection conn, string sort) {\n    var column = sort switch { "name" => "Name", "date" => "CreatedAt", _ => "Id" };\n    return new SqlCommand($"SELECT * FROM Items ORDER BY {column}", conn).ExecuteReader();\n  }\n}\n`,
  ],
);

export const oleDb = sqlRule(
  'CODE-CS-SQLI-OLEDB',
  'oledb',
  'SCS0020',
  'SQL injection: OleDbCommand given a built query',
  'oledb',
  [`using System.Data.OleDb;\nclass Legacy {\n  void Load(OleDbConnection conn, string id) {\n    var q = "SELECT OrderID FROM Orders WHERE CustomerID = '" + id + "'";\n    var cmd = new OleDbCommand(q, conn);\n    cmd.ExecuteReader();\n  }\n}\n`],
  [`using System.Data.OleDb;\nclass Legacy {\n  void Load(OleDbConnection conn, string id) {\n    var cmd = new OleDbCommand("SELECT OrderID FROM Orders WHERE CustomerID = ?", conn);\n    cmd.Parameters.AddWithValue("@p1", id);\n  }\n}\n`],
);

export const odbc = sqlRule(
  'CODE-CS-SQLI-ODBC',
  'odbc',
  'SCS0025',
  'SQL injection: OdbcCommand given a built query',
  'odbc',
  [`using System.Data.Odbc;\nclass Legacy {\n  void Load(OdbcConnection conn, string user) {\n    var cmd = new OdbcCommand($"SELECT * FROM [user] WHERE login = '{user}'", conn);\n    cmd.ExecuteReader();\n  }\n}\n`],
  [`using System.Data.Odbc;\nclass Legacy {\n  void Load(OdbcConnection conn, string user) {\n    var cmd = new OdbcCommand("SELECT * FROM [user] WHERE login = ?", conn);\n    cmd.Parameters.Add("@login", OdbcType.VarChar).Value = user;\n  }\n}\n`],
);

export const npgsql = sqlRule(
  'CODE-CS-SQLI-NPGSQL',
  'npgsql',
  'SCS0039',
  'SQL injection: NpgsqlCommand given a built query',
  'npgsql',
  [
    `using Npgsql;\nclass Store {\n  async Task<int> Count(NpgsqlConnection conn, string status) {\n    await using var cmd = new NpgsqlCommand($"SELECT count(*) FROM orders WHERE status = '{status}'", conn);\n    return (int)await cmd.ExecuteScalarAsync();\n  }\n}\n`,
    `using Npgsql;\nclass Store {\n  void Run(NpgsqlConnection conn, string name) {\n    var cmd = new NpgsqlCommand { Connection = conn, CommandText = "DELETE FROM t WHERE name = '" + name + "'" };\n  }\n}\n`,
  ],
  [`using Npgsql;\nclass Store {\n  async Task<int> Count(NpgsqlConnection conn, string status) {\n    await using var cmd = new NpgsqlCommand("SELECT count(*) FROM orders WHERE status = @status", conn);\n    cmd.Parameters.AddWithValue("status", status);\n    return (int)await cmd.ExecuteScalarAsync();\n  }\n}\n`],
);

export const entityFramework = sqlRule(
  'CODE-CS-SQLI-EF',
  'ef',
  'SCS0035',
  'SQL injection: Entity Framework raw SQL given a built query',
  'entity-framework',
  [
    `using Microsoft.EntityFrameworkCore;\nclass UsersService {\n  public Task<List<User>> Search(AppDbContext db, string name) =>\n    db.Users.FromSqlRaw($"SELECT * FROM Users WHERE Name LIKE '%{name}%'").ToListAsync();\n}\n`,
    `using Microsoft.EntityFrameworkCore;\nclass Admin {\n  public int Purge(AppDbContext db, string table) {\n    return db.Database.ExecuteSqlRaw("DELETE FROM " + table + " WHERE Archived = 1");\n  }\n}\n`,
    `class Legacy {\n  public void Touch(MyContext ctx, string user) {\n    var cmd = "UPDATE Users SET Seen = GETDATE() WHERE username = '" + user + "'";\n    ctx.Database.ExecuteSqlCommand(cmd);\n  }\n}\n`,
    `using Microsoft.EntityFrameworkCore;\nclass Q {\n  public IQueryable<Blog> Find(BlogContext db, string term) => db.Blogs.FromSql("SELECT * FROM Blogs WHERE Title = '" + term + "'");\n}\n`,
  ],
  [
    `using Microsoft.EntityFrameworkCore;\nclass UsersService {\n  public Task<List<User>> Search(AppDbContext db, string name) =>\n    db.Users.FromSqlInterpolated($"SELECT * FROM Users WHERE Name = {name}").ToListAsync();\n}\n`,
    `using Microsoft.EntityFrameworkCore;\nclass UsersService {\n  public Task<List<User>> Search(AppDbContext db, string name) =>\n    db.Users.FromSql($"SELECT * FROM Users WHERE Name = {name}").ToListAsync();\n}\n`,
    `using Microsoft.EntityFrameworkCore;\nclass Admin {\n  public int Purge(AppDbContext db, int days) => db.Database.ExecuteSqlRaw("DELETE FROM Logs WHERE Age > {0}", days);\n}\n`,
    `using Microsoft.EntityFrameworkCore;\nclass Products {\n  public Product? Get(ShopContext db, int id) => db.Products.FromSqlRaw("SELECT * FROM Products WHERE Id = " + id).FirstOrDefault();\n}\n`,
  ],
);

export const nhibernate = sqlRule(
  'CODE-CS-SQLI-NHIBERNATE',
  'nhibernate',
  'SCS0037',
  'SQL injection: NHibernate CreateSQLQuery given a built query',
  'nhibernate',
  [`using NHibernate;\nclass UserDao {\n  IList<User> ByName(ISession session, string name) =>\n    session.CreateSQLQuery("SELECT * FROM users WHERE username = '" + name + "'").List<User>();\n}\n`],
  [`using NHibernate;\nclass UserDao {\n  IList<User> ByName(ISession session, string name) =>\n    session.CreateSQLQuery("SELECT * FROM users WHERE username = :name").SetParameter("name", name).List<User>();\n}\n`],
);

export const enterpriseLibrary = sqlRule(
  'CODE-CS-SQLI-ENTLIB',
  'entlib',
  'SCS0036',
  'SQL injection: Enterprise Library Data given a built query',
  'enterprise-library',
  [`using Microsoft.Practices.EnterpriseLibrary.Data;\nclass Orders {\n  DataSet Load(Database db, string customer) =>\n    db.ExecuteDataSet(CommandType.Text, "SELECT * FROM Orders WHERE Customer = '" + customer + "'");\n}\n`],
  [`using Microsoft.Practices.EnterpriseLibrary.Data;\nclass Orders {\n  DataSet Load(Database db, string customer) {\n    DbCommand cmd = db.GetSqlStringCommand("SELECT * FROM Orders WHERE Customer = @c");\n    db.AddInParameter(cmd, "@c", DbType.String, customer);\n    return db.ExecuteDataSet(cmd);\n  }\n}\n`],
);

export const sqlOther = sqlRule(
  'CODE-CS-SQLI',
  'other',
  'SCS0002',
  'SQL injection: a query built from non-constant pieces (Dapper, MySQL, SQLite, Oracle, CommandText)',
  'ado-net',
  [
    `using Dapper;\nclass Repo {\n  public IEnumerable<Product> ByCategory(IDbConnection connection, string category) =>\n    connection.Query<Product>($"SELECT * FROM Products WHERE Category = '{category}'");\n}\n`,
    `using MySql.Data.MySqlClient;\nclass Repo {\n  void Save(MySqlConnection c, string name) {\n    var cmd = new MySqlCommand("INSERT INTO t(name) VALUES ('" + name + "')", c);\n    cmd.ExecuteNonQuery();\n  }\n}\n`,
    `class Repo {\n  void Run(DbConnection conn, string order) {\n    using var cmd = conn.CreateCommand();\n    cmd.CommandText = "SELECT * FROM Items ORDER BY " + order;\n    cmd.ExecuteReader();\n  }\n}\n`,
    `using Dapper;\nclass Repo {\n  public Task<int> Rename(SqlConnection conn, int id, string name) {\n    var sql = "UPDATE Users SET Name = '" + name + "' WHERE Id = " + id;\n    return conn.ExecuteAsync(sql);\n  }\n}\n`,
  ],
  [
    `using Dapper;\nclass Repo {\n  public IEnumerable<Product> ByCategory(IDbConnection connection, string category) =>\n    connection.Query<Product>("SELECT * FROM Products WHERE Category = @category", new { category });\n}\n`,
    `class Repo {\n  void Run(DbConnection conn) {\n    using var cmd = conn.CreateCommand();\n    cmd.CommandText = "SELECT * FROM Items ORDER BY Name";\n  }\n}\n`,
    `class Jobs {\n  void Run(JobQueue queue, string name) {\n    queue.Execute("job-" + name);\n  }\n}\n`,
    `class Repo {\n  void ByIds(DbConnection conn, int[] ids) {\n    using var cmd = conn.CreateCommand();\n    var names = ids.Select((id, i) => "@p" + i).ToArray();\n    cmd.CommandText = $"SELECT * FROM Items WHERE Id IN ({string.Join(", ", names)})";\n    for (var i = 0; i < ids.Length; i++) cmd.Parameters.Add(new SqlParameter("@p" + i, ids[i]));\n  }\n}\n`,
  ],
);

export const commandInjection = sinkRule(
  {
    id: 'CODE-CS-COMMAND-INJECTION',
    language: 'csharp',
    title: 'Command injection: a process started with a built command line',
    severity: 'high',
    confidence: 'medium',
    description: 'Process.Start or a ProcessStartInfo is given a file name or arguments built from non-constant pieces. A value containing spaces, quotes or shell operators (with cmd.exe or /bin/sh) runs other commands or passes other options.',
    remediation: 'Start a fixed executable and pass each value through ProcessStartInfo.ArgumentList (one item per argument, no shell); validate values against an allow-list.',
    remediationSnippet: 'var psi = new ProcessStartInfo("git") { UseShellExecute = false };\npsi.ArgumentList.Add("log");\npsi.ArgumentList.Add(branch);\nProcess.Start(psi);',
    cwe: ['CWE-78'],
    upstream: { type: 'scs', id: 'SCS0001' },
    helpUri: 'https://security-code-scan.github.io/#SCS0001',
    examples: {
      fail: [
        'using System.Diagnostics;\nclass Tools {\n  public void Ping(string host) {\n    Process.Start("cmd.exe", "/c ping " + host);\n  }\n}\n',
        'using P = System.Diagnostics.Process;\nclass Tools {\n  public void Open(string file) { P.Start($"notepad {file}"); }\n}\n',
        'class Tools {\n  public void Zip(string dir) { System.Diagnostics.Process.Start("/bin/sh", $"-c \\"tar czf out.tgz {dir}\\""); }\n}\n',
        'using System.Diagnostics;\nclass Tools {\n  public void Convert(string input) {\n    var psi = new ProcessStartInfo { FileName = "ffmpeg", Arguments = "-i " + input + " out.mp4" };\n    Process.Start(psi);\n  }\n}\n',
        'using System.Diagnostics;\nclass Tools {\n  public void Convert(string input) {\n    var p = new Process();\n    p.StartInfo.FileName = "convert";\n    p.StartInfo.Arguments = string.Format("{0} out.png", input);\n    p.Start();\n  }\n}\n',
        'using static System.Diagnostics.Process;\nclass Tools {\n  void Run(string arg) { Start("tool.exe", "--name " + arg); }\n}\n',
      ],
      pass: [
        'using System.Diagnostics;\nclass Tools {\n  public void Ping(string host) {\n    var psi = new ProcessStartInfo("ping") { UseShellExecute = false };\n    psi.ArgumentList.Add(host);\n    Process.Start(psi);\n  }\n}\n',
        'using System.Diagnostics;\nclass Tools {\n  const string Exe = "git";\n  public void Status() { Process.Start(Exe, "status --short"); }\n}\n',
        'class Jobs {\n  public void Start(string name) { Scheduler.Start("job " + name); }\n}\n',
      ],
    },
  },
  'command',
  builtJudge,
);

export const xss = sinkRule(
  {
    id: 'CODE-CS-XSS',
    language: 'csharp',
    title: 'Cross-site scripting: HTML built from non-constant pieces written without encoding',
    severity: 'high',
    confidence: 'medium',
    description: 'Html.Raw, HtmlString, MvcHtmlString.Create, Response.Write or Content(…, "text/html") is given HTML built from non-constant pieces that are not encoded. A piece holding user data runs script in other users\' browsers.',
    remediation: 'Let Razor encode values (`@value`), or encode each piece with HtmlEncoder.Default.Encode / HttpUtility.HtmlEncode before building HTML; keep Html.Raw for trusted, constant markup.',
    remediationSnippet: 'return new HtmlString($"<b>{HtmlEncoder.Default.Encode(name)}</b>");',
    cwe: ['CWE-79'],
    upstream: { type: 'scs', id: 'SCS0029' },
    helpUri: 'https://security-code-scan.github.io/#SCS0029',
    examples: {
      fail: [
        'using Microsoft.AspNetCore.Html;\npublic static class Badges {\n  public static IHtmlContent Badge(this IHtmlHelper html, string label) => new HtmlString("<span class=\\"badge\\">" + label + "</span>");\n}\n',
        'public static class Helpers {\n  public static IHtmlContent Title(this IHtmlHelper Html, string t) => Html.Raw($"<h1>{t}</h1>");\n}\n',
        'public partial class Search : System.Web.UI.Page {\n  protected void Page_Load(object sender, EventArgs e) {\n    Response.Write("<p>Results for " + Request.QueryString["q"] + "</p>");\n  }\n}\n',
        'public class HomeController : Controller {\n  public IActionResult Hello(string name) => Content($"<html><body>Hello {name}</body></html>", "text/html");\n}\n',
      ],
      pass: [
        'using Microsoft.AspNetCore.Html;\npublic static class Badges {\n  public static IHtmlContent Badge(string label) => new HtmlString("<span class=\\"badge\\">" + HtmlEncoder.Default.Encode(label) + "</span>");\n}\n',
        'public static class Helpers {\n  public static IHtmlContent Rule(this IHtmlHelper Html) => Html.Raw("<hr class=\\"sep\\" />");\n}\n',
        'public class HomeController : Controller {\n  public IActionResult Hello(string name) => Content($"Hello {name}");\n}\n',
      ],
    },
  },
  'xss',
  unencodedJudge,
);

export const pathTraversal = sinkRule(
  {
    id: 'CODE-CS-PATH-TRAVERSAL',
    language: 'csharp',
    title: 'Path traversal: a file path taken from request data',
    severity: 'high',
    confidence: 'high',
    description: 'A File, Directory, FileStream, StreamReader or PhysicalFile call is given a path that contains request data read in place (Request.Query, Request.Form, route values). `..\\` segments or an absolute path read or overwrite files outside the intended folder.',
    remediation: 'Take only a file name (Path.GetFileName), combine it with a fixed base folder, resolve it with Path.GetFullPath and check the result still starts with that folder; better, look files up by an id.',
    remediationSnippet: 'var full = Path.GetFullPath(Path.Combine(baseDir, Path.GetFileName(name)));\nif (!full.StartsWith(baseDir + Path.DirectorySeparatorChar)) return BadRequest();',
    cwe: ['CWE-22'],
    upstream: { type: 'scs', id: 'SCS0018' },
    helpUri: 'https://security-code-scan.github.io/#SCS0018',
    examples: {
      fail: [
        'public class DownloadController : Controller {\n  public IActionResult Get() {\n    var bytes = System.IO.File.ReadAllBytes(Path.Combine("/srv/files", Request.Query["name"]));\n    return File(bytes, "application/octet-stream");\n  }\n}\n',
        'public class Export : IHttpHandler {\n  public void ProcessRequest(HttpContext context) {\n    using var fs = new FileStream(@"C:\\exports\\" + context.Request.QueryString["f"], FileMode.Open);\n    fs.CopyTo(context.Response.OutputStream);\n  }\n}\n',
        'public class FilesController : ControllerBase {\n  public IActionResult Show() => PhysicalFile("/data/" + HttpContext.Request.RouteValues["file"], "text/plain");\n}\n',
      ],
      pass: [
        'public class DownloadController : Controller {\n  public IActionResult Manual() => PhysicalFile("/srv/files/manual.pdf", "application/pdf");\n}\n',
        'class Settings {\n  public string Load() => System.IO.File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "appsettings.json"));\n}\n',
      ],
    },
  },
  'path',
  requestJudge,
);

export const openRedirect = sinkRule(
  {
    id: 'CODE-CS-OPEN-REDIRECT',
    language: 'csharp',
    title: 'Open redirect: a redirect to a URL taken from request data',
    severity: 'medium',
    confidence: 'high',
    description: 'Redirect, RedirectPermanent, Response.Redirect or a RedirectResult is given a URL read from the request. Anyone can craft a link to this site that sends users on to a phishing page.',
    remediation: 'Use LocalRedirect (throws for non-local URLs) or check Url.IsLocalUrl(url) first; redirect elsewhere only to an allow-list of hosts.',
    remediationSnippet: 'return LocalRedirect(returnUrl);',
    cwe: ['CWE-601'],
    upstream: { type: 'scs', id: 'SCS0027' },
    helpUri: 'https://security-code-scan.github.io/#SCS0027',
    examples: {
      fail: [
        'public class AccountController : Controller {\n  public IActionResult LoggedIn() => Redirect(Request.Query["returnUrl"]);\n}\n',
        'public partial class Login : System.Web.UI.Page {\n  protected void Done() { Response.Redirect(Request.QueryString["ReturnUrl"]); }\n}\n',
        'public class GoController : Controller {\n  public IActionResult Go() => new RedirectResult(HttpContext.Request.Form["next"]);\n}\n',
      ],
      pass: [
        'public class AccountController : Controller {\n  public IActionResult LoggedIn() => LocalRedirect(Request.Query["returnUrl"]);\n}\n',
        'public class AccountController : Controller {\n  public IActionResult Out() => Redirect("/");\n}\n',
        'public partial class Secure : System.Web.UI.Page {\n  protected void Page_Load(object s, EventArgs e) { Response.Redirect("~/Login.aspx?ReturnUrl=" + Server.UrlEncode(Request.RawUrl)); }\n}\n',
      ],
    },
  },
  'redirect',
  redirectJudge,
);

export const ldapInjection = sinkRule(
  {
    id: 'CODE-CS-LDAP-INJECTION',
    language: 'csharp',
    title: 'LDAP injection: a directory filter or path built from non-constant pieces',
    severity: 'high',
    confidence: 'medium',
    description: 'A DirectorySearcher filter, a DirectoryEntry path or a SearchRequest filter is built from non-constant pieces. Characters such as `*`, `(`, `)` and `|` in a piece widen or rewrite the query (log in as anyone, list the directory).',
    remediation: 'Escape each value for its place (LDAP filter escaping of \\ * ( ) NUL; distinguished-name escaping for paths), e.g. Encoder.LdapFilterEncode, or validate against a strict pattern.',
    remediationSnippet: 'searcher.Filter = $"(&(objectClass=user)(sAMAccountName={Encoder.LdapFilterEncode(user)}))";',
    cwe: ['CWE-90'],
    upstream: { type: 'scs', id: 'SCS0031' },
    helpUri: 'https://security-code-scan.github.io/#SCS0031',
    examples: {
      fail: [
        'using System.DirectoryServices;\nclass Directory {\n  public SearchResult Find(DirectoryEntry root, string user) {\n    var searcher = new DirectorySearcher(root);\n    searcher.Filter = "(&(objectClass=user)(sAMAccountName=" + user + "))";\n    return searcher.FindOne();\n  }\n}\n',
        'using System.DirectoryServices;\nclass Directory {\n  public SearchResult Find(string user) => new DirectorySearcher($"(cn={user})").FindOne();\n}\n',
        'using System.DirectoryServices;\nclass Directory {\n  public DirectoryEntry Ou(string ou) => new DirectoryEntry("LDAP://OU=" + ou + ",DC=corp,DC=example,DC=com");\n}\n',
      ],
      pass: [
        'using System.DirectoryServices;\nclass Directory {\n  public SearchResult Find(DirectoryEntry root, string user) {\n    var searcher = new DirectorySearcher(root);\n    searcher.Filter = "(&(objectClass=user)(sAMAccountName=" + Encoder.LdapFilterEncode(user) + "))";\n    return searcher.FindOne();\n  }\n}\n',
        'using System.DirectoryServices;\nclass Directory {\n  public DirectoryEntry Root() => new DirectoryEntry("LDAP://DC=corp,DC=example,DC=com");\n}\n',
      ],
    },
  },
  'ldap',
  (v, file) => (isBuilt(v, file) && !/Ldap\w*Encode\(|Escape\w*\(/.test(v.text) ? `is given a string built from non-constant pieces (${excerpt(v, 50)})` : undefined),
);

export const xpathInjection = sinkRule(
  {
    id: 'CODE-CS-XPATH-INJECTION',
    language: 'csharp',
    title: 'XPath injection: an XPath expression built from non-constant pieces',
    severity: 'high',
    confidence: 'medium',
    description: "SelectNodes, SelectSingleNode, XPathSelectElement(s), XPathEvaluate or an XPathNavigator is given an expression built from non-constant pieces. A quote in a piece rewrites the expression (`' or '1'='1`) and reads other nodes.",
    remediation: 'Validate values against a strict pattern, or compile the expression once with variables bound through an XsltContext; never concatenate values into XPath.',
    cwe: ['CWE-643'],
    upstream: { type: 'scs', id: 'SCS0003' },
    helpUri: 'https://security-code-scan.github.io/#SCS0003',
    examples: {
      fail: [
        'using System.Xml;\nclass Users {\n  public XmlNode Find(XmlDocument doc, string name, string pass) =>\n    doc.SelectSingleNode("//user[name/text()=\'" + name + "\' and password/text()=\'" + pass + "\']");\n}\n',
        'using System.Xml.XPath;\nclass Catalog {\n  public IEnumerable<XElement> ByAuthor(XDocument doc, string author) => doc.XPathSelectElements($"//book[author=\'{author}\']");\n}\n',
        'using System.Xml.XPath;\nclass Catalog {\n  public object Count(XPathNavigator navigator, string cat) => navigator.Evaluate(string.Format("count(//item[@cat=\'{0}\'])", cat));\n}\n',
      ],
      pass: [
        'using System.Xml;\nclass Users {\n  public XmlNodeList All(XmlDocument doc) => doc.SelectNodes("//user[@active=\'true\']");\n}\n',
        'class Menu {\n  public Item Select(string id) => items.Select("item-" + id);\n}\n',
      ],
    },
  },
  'xpath',
  builtJudge,
);

export const injectionRules: readonly CsRule[] = [
  commandInjection, sqlClient, oleDb, odbc, npgsql, entityFramework, nhibernate, enterpriseLibrary, sqlOther,
  xss, pathTraversal, openRedirect, ldapInjection, xpathInjection,
];

export type { Sink };
