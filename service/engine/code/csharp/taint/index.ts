// Taint rules for ASP.NET (Core MVC, Web API, Razor Pages, minimal APIs, Web Forms): request data
// (action parameters, Request.*) reaching a command, SQL, a path, HTML output, a redirect, an LDAP
// query or an XPath expression, through locals, string building and helpers of the same file.
import { analyzeTaint, type TaintResult } from '../../taint';
import type { CodeRule } from '../../types';
import type { CsFile, CsRule } from '../context';
import { sinksAt, type SinkKind } from '../sinks';
import { makeAdapter } from './adapter';
import { taintSpec } from './spec';

interface FileTaint {
  result: TaintResult;
  parameterAt: Set<string>;
}

const perFile = new WeakMap<CsFile, FileTaint>();

/** The taint analysis of a file, run once whatever the number of taint rules. */
export function fileTaint(file: CsFile): FileTaint {
  let t = perFile.get(file);
  if (!t) {
    const { spec, parameterAt } = taintSpec(file);
    t = { result: analyzeTaint(file.root, makeAdapter(file), spec), parameterAt };
    perFile.set(file, t);
    if (t.result.truncated) file.warn?.('taint-limit', 'Taint analysis hit a bound (size or nesting): part of the file was not followed');
  }
  return t;
}

function taintRule(kind: SinkKind, rule: Omit<CodeRule, 'language' | 'taint' | 'confidence'>): CsRule {
  return {
    rule: { ...rule, language: 'csharp', confidence: 'high', taint: true },
    on: {
      compilation_unit(root, file, report) {
        const { result, parameterAt } = fileTaint(file);
        for (const hit of result.hits) {
          if (hit.kind !== kind) continue;
          const source = hit.flow[0];
          const sink = hit.flow[hit.flow.length - 1];
          const label = sinksAt(hit.node, file).find((s) => s.kind === kind)?.label ?? sink.label;
          const where = parameterAt.has(`${source.line}:${source.column}`) ? 'parameter, line' : 'line';
          report(hit.node, `${source.label} (${where} ${source.line}) reaches ${label} (line ${sink.line})`, hit.flow);
        }
        void root;
      },
    },
  };
}

const controller = (body: string, usings = '') => `${usings}public class ShopController : Controller {\n${body}\n}\n`;

export const taintCommand = taintRule('command', {
  id: 'CODE-CS-TAINT-COMMAND',
  title: 'Request data reaches a process command line',
  severity: 'critical',
  description: 'Data from the HTTP request (an action parameter, Request.Query/Form/Headers/Cookies) reaches Process.Start or a ProcessStartInfo file name or arguments. An attacker chooses the program or adds arguments and runs commands on the server.',
  remediation: 'Never pass request data to a command line. Start a fixed program, map the request to one of a few known values, and pass values through ProcessStartInfo.ArgumentList with UseShellExecute = false.',
  remediationSnippet: 'var psi = new ProcessStartInfo("convert") { UseShellExecute = false };\npsi.ArgumentList.Add(Path.GetFileName(file));',
  cwe: ['CWE-78'],
  helpUri: 'https://owasp.org/www-community/attacks/Command_Injection',
  examples: {
    fail: [
      controller('  [HttpPost]\n  public IActionResult Ping(string host) {\n    var args = "-c 1 " + host;\n    Process.Start("ping", args);\n    return Ok();\n  }', 'using System.Diagnostics;\n'),
      'var app = WebApplication.Create(args);\napp.MapGet("/lookup", (string domain) => {\n  var psi = new ProcessStartInfo("nslookup") { Arguments = domain };\n  return Process.Start(psi)!.StandardOutput.ReadToEnd();\n});\n',
      'public partial class Tools : System.Web.UI.Page {\n  protected void Run(object s, EventArgs e) {\n    var tool = Request.Form["tool"];\n    System.Diagnostics.Process.Start(tool);\n  }\n}\n',
    ],
    pass: [
      controller('  [HttpPost]\n  public IActionResult Ping(string host) {\n    var psi = new ProcessStartInfo("ping") { UseShellExecute = false };\n    psi.ArgumentList.Add(host);\n    Process.Start(psi);\n    return Ok();\n  }', 'using System.Diagnostics;\n'),
      controller('  [HttpPost]\n  public IActionResult Restart(int id) {\n    Process.Start("systemctl", "restart worker@" + id);\n    return Ok();\n  }', 'using System.Diagnostics;\n'),
    ],
  },
});

export const taintSql = taintRule('sql', {
  id: 'CODE-CS-TAINT-SQL',
  title: 'Request data reaches SQL text',
  severity: 'critical',
  description: 'Data from the HTTP request reaches the text of a SQL command (SqlCommand, CommandText, EF Core FromSqlRaw/ExecuteSqlRaw, Dapper, NHibernate), through variables and string building. An attacker rewrites the query: reads or changes any data.',
  remediation: 'Keep the SQL text constant and pass request values as parameters (`@name` with Parameters.Add, Dapper\'s parameter object, EF Core FromSqlInterpolated/FromSql with an interpolated string).',
  remediationSnippet: 'db.Users.FromSqlInterpolated($"SELECT * FROM Users WHERE Name = {name}")',
  cwe: ['CWE-89'],
  helpUri: 'https://owasp.org/www-community/attacks/SQL_Injection',
  examples: {
    fail: [
      controller('  public IActionResult Product(string id) {\n    var sql = $"SELECT * FROM Products WHERE Id = \'{id}\'";\n    using var cmd = new SqlCommand(sql, _conn);\n    return View(cmd.ExecuteReader());\n  }', 'using Microsoft.Data.SqlClient;\n'),
      '[ApiController]\n[Route("api/users")]\npublic class UsersController : ControllerBase {\n  [HttpGet]\n  public async Task<IActionResult> Search([FromQuery] string name) {\n    var users = await _db.Users.FromSqlRaw("SELECT * FROM Users WHERE Name LIKE \'%" + name + "%\'").ToListAsync();\n    return Ok(users);\n  }\n}\n',
      controller('  public IActionResult Sort() {\n    var order = Request.Query["sort"].ToString();\n    var cmd = _conn.CreateCommand();\n    cmd.CommandText = "SELECT * FROM Products ORDER BY " + order;\n    return View(cmd.ExecuteReader());\n  }'),
      controller('  public IActionResult Orders(string status) => View(Load(status));\n  private List<Order> Load(string s) => _conn.Query<Order>("SELECT * FROM Orders WHERE Status = \'" + s + "\'").ToList();', 'using Dapper;\n'),
    ],
    pass: [
      controller('  public IActionResult List(string sort) {\n    var column = sort switch { "name" => "Name", "date" => "CreatedAt", _ => "Id" };\n    using var cmd = new SqlCommand($"SELECT * FROM Items ORDER BY {column}", _conn);\n    return View(cmd.ExecuteReader());\n  }', 'using Microsoft.Data.SqlClient;\n'),
      controller('  public IActionResult Product(string id) {\n    using var cmd = new SqlCommand("SELECT * FROM Products WHERE Id = @id", _conn);\n    cmd.Parameters.AddWithValue("@id", id);\n    return View(cmd.ExecuteReader());\n  }', 'using Microsoft.Data.SqlClient;\n'),
      controller('  public IActionResult Product(int id) {\n    using var cmd = new SqlCommand("SELECT * FROM Products WHERE Id = " + id, _conn);\n    return View(cmd.ExecuteReader());\n  }', 'using Microsoft.Data.SqlClient;\n'),
      '[ApiController]\npublic class UsersController : ControllerBase {\n  [HttpGet]\n  public Task<List<User>> Search(string name) => _db.Users.FromSqlInterpolated($"SELECT * FROM Users WHERE Name = {name}").ToListAsync();\n}\n',
    ],
  },
});

export const taintPath = taintRule('path', {
  id: 'CODE-CS-TAINT-PATH',
  title: 'Request data reaches a file path',
  severity: 'high',
  description: 'Data from the HTTP request reaches a file system path (File.*, Directory.*, FileStream, StreamReader, PhysicalFile). `../` sequences or an absolute path read, overwrite or delete files outside the intended folder.',
  remediation: 'Reduce the value to a file name (Path.GetFileName), combine it with a fixed folder, resolve it with Path.GetFullPath and check it still lies inside that folder; better, look files up by an id.',
  remediationSnippet: 'var full = Path.GetFullPath(Path.Combine(_root, Path.GetFileName(name)));\nif (!full.StartsWith(_root)) return BadRequest();',
  cwe: ['CWE-22'],
  helpUri: 'https://owasp.org/www-community/attacks/Path_Traversal',
  examples: {
    fail: [
      controller('  public IActionResult Download(string file) {\n    var path = Path.Combine(_root, file);\n    return PhysicalFile(path, "application/octet-stream");\n  }'),
      'var app = WebApplication.Create(args);\napp.MapDelete("/uploads/{name}", (string name) => { File.Delete("/var/uploads/" + name); return Results.NoContent(); });\n',
      controller('  [HttpPost]\n  public async Task<IActionResult> Upload(IFormFile upload) {\n    using var fs = new FileStream(Path.Combine("/srv/in", upload.FileName), FileMode.Create);\n    await upload.CopyToAsync(fs);\n    return Ok();\n  }'),
    ],
    pass: [
      controller('  public IActionResult Download(string file) {\n    var path = Path.Combine(_root, Path.GetFileName(file));\n    return PhysicalFile(path, "application/octet-stream");\n  }'),
      controller('  public IActionResult Report(int year) => PhysicalFile($"/srv/reports/{year}.pdf", "application/pdf");'),
      controller('  [HttpPost]\n  public async Task<IActionResult> Hook() {\n    using var reader = new StreamReader(Request.Body);\n    var payload = await reader.ReadToEndAsync();\n    return Ok(payload.Length);\n  }'),
      controller('  [HttpPost]\n  public async Task<IActionResult> Import(IFormFile csv) {\n    using var stream = csv.OpenReadStream();\n    using var reader = new StreamReader(stream);\n    return Ok(await reader.ReadToEndAsync());\n  }'),
    ],
  },
});

export const taintXss = taintRule('xss', {
  id: 'CODE-CS-TAINT-XSS',
  title: 'Request data written into HTML without encoding',
  severity: 'high',
  description: 'Data from the HTTP request reaches Html.Raw, HtmlString, MvcHtmlString, Response.Write or a text/html Content result without an HTML encoder on the way. Script in the value runs in the victim\'s browser.',
  remediation: 'Let Razor encode output; where HTML is built in code, encode each value with HtmlEncoder.Default.Encode (or WebUtility.HtmlEncode).',
  remediationSnippet: 'Response.Write(WebUtility.HtmlEncode(name));',
  cwe: ['CWE-79'],
  helpUri: 'https://owasp.org/www-community/attacks/xss/',
  examples: {
    fail: [
      'public partial class Greeting : System.Web.UI.Page {\n  protected void Page_Load(object sender, EventArgs e) {\n    var name = Request.QueryString["name"];\n    Response.Write("<h1>Hello " + name + "</h1>");\n  }\n}\n',
      controller('  public IActionResult Preview(string html) {\n    ViewBag.Body = new HtmlString(html);\n    return View();\n  }'),
    ],
    pass: [
      'public partial class Greeting : System.Web.UI.Page {\n  protected void Page_Load(object sender, EventArgs e) {\n    var name = Request.QueryString["name"];\n    Response.Write("<h1>Hello " + HttpUtility.HtmlEncode(name) + "</h1>");\n  }\n}\n',
      controller('  public IActionResult Preview(string text) {\n    ViewBag.Body = new HtmlString("<p>" + HtmlEncoder.Default.Encode(text) + "</p>");\n    return View();\n  }'),
    ],
  },
});

export const taintRedirect = taintRule('redirect', {
  id: 'CODE-CS-TAINT-REDIRECT',
  title: 'Request data chooses a redirect target',
  severity: 'medium',
  description: 'Data from the HTTP request (a returnUrl parameter, a query value) reaches Redirect, RedirectPermanent, Response.Redirect or a RedirectResult with no Url.IsLocalUrl check. A link to this site can send users on to any other site (phishing with a trusted domain).',
  remediation: 'Use LocalRedirect(returnUrl), or redirect only when Url.IsLocalUrl(returnUrl) holds and to a fixed page otherwise.',
  remediationSnippet: 'return Url.IsLocalUrl(returnUrl) ? Redirect(returnUrl) : RedirectToAction("Index");',
  cwe: ['CWE-601'],
  helpUri: 'https://cheatsheetseries.owasp.org/cheatsheets/Unvalidated_Redirects_and_Forwards_Cheat_Sheet.html',
  examples: {
    fail: [
      'public class AccountController : Controller {\n  [HttpPost]\n  [ValidateAntiForgeryToken]\n  public async Task<IActionResult> Login(LoginModel model, string returnUrl) {\n    await _signIn.PasswordSignInAsync(model.User, model.Password, false, false);\n    return Redirect(returnUrl);\n  }\n}\n',
      'var app = WebApplication.Create(args);\napp.MapGet("/go", (HttpContext ctx) => { var to = ctx.Request.Query["to"].ToString(); return Results.Redirect(to); });\n',
      'public partial class Out : System.Web.UI.Page {\n  protected void Page_Load(object s, EventArgs e) { Response.Redirect(Request.QueryString["url"]); }\n}\n',
      'var app = WebApplication.Create(args);\napp.MapGet("/login/done", (string to) => Results.Redirect(to.StartsWith("/") ? to : "/"));\n',
      'public class AccountController : Controller {\n  public IActionResult Back(string returnUrl) => string.IsNullOrEmpty(returnUrl) ? RedirectToAction("Index") : Redirect(returnUrl);\n}\n',
    ],
    pass: [
      'public class AccountController : Controller {\n  [HttpPost]\n  [ValidateAntiForgeryToken]\n  public IActionResult Login(string returnUrl) {\n    if (Url.IsLocalUrl(returnUrl)) return Redirect(returnUrl);\n    return RedirectToAction("Index", "Home");\n  }\n}\n',
      'public class AccountController : Controller {\n  public IActionResult Login(string returnUrl) => LocalRedirect(returnUrl);\n}\n',
      'public class OrdersController : Controller {\n  [HttpPost]\n  [ValidateAntiForgeryToken]\n  public IActionResult Created(string id) => Redirect($"/orders/{id}?created=1");\n}\n',
      'public class AccountController : Controller {\n  public IActionResult Back(string returnUrl) => Url.IsLocalUrl(returnUrl) ? Redirect(returnUrl) : RedirectToAction("Index", "Home");\n}\n',
      'public class AccountController : Controller {\n  public IActionResult Back(string returnUrl) {\n    if (!Url.IsLocalUrl(returnUrl)) return BadRequest();\n    return Redirect(returnUrl);\n  }\n}\n',
      'public class AccountController : Controller {\n  public IActionResult Back(string returnUrl) {\n    if (!Uri.IsWellFormedUriString(returnUrl, UriKind.Relative)) return BadRequest();\n    return Redirect(returnUrl);\n  }\n}\n',
      'var app = WebApplication.Create(args);\napp.MapGet("/login/done", (string to) => Results.Redirect(to.StartsWith("/") && !to.StartsWith("//") ? to : "/"));\n',
      'public class AccountController : Controller {\n  public IActionResult Back(string returnUrl) {\n    if (IsLocalUrl(returnUrl)) { return Redirect(returnUrl); }\n    return Redirect("/");\n  }\n  private static bool IsLocalUrl(string u) => u.StartsWith("/") && !u.StartsWith("//") && !u.StartsWith("/\\\\");\n}\n',
    ],
  },
});

export const taintLdap = taintRule('ldap', {
  id: 'CODE-CS-TAINT-LDAP',
  title: 'Request data reaches an LDAP filter or path',
  severity: 'high',
  description: 'Data from the HTTP request reaches a DirectorySearcher filter, a DirectoryEntry path or a SearchRequest filter without LDAP escaping. `*`, `(`, `)` and `|` in the value widen or rewrite the query.',
  remediation: 'Escape the value for an LDAP filter (Encoder.LdapFilterEncode) or a DN (LdapDistinguishedNameEncode), or validate it against a strict pattern.',
  cwe: ['CWE-90'],
  helpUri: 'https://cheatsheetseries.owasp.org/cheatsheets/LDAP_Injection_Prevention_Cheat_Sheet.html',
  examples: {
    fail: [controller('  public IActionResult Who(string user) {\n    using var searcher = new DirectorySearcher(_root) { Filter = $"(sAMAccountName={user})" };\n    return Json(searcher.FindOne()?.Path);\n  }', 'using System.DirectoryServices;\n')],
    pass: [controller('  public IActionResult Who(string user) {\n    using var searcher = new DirectorySearcher(_root) { Filter = $"(sAMAccountName={Encoder.LdapFilterEncode(user)})" };\n    return Json(searcher.FindOne()?.Path);\n  }', 'using System.DirectoryServices;\n')],
  },
});

export const taintXpath = taintRule('xpath', {
  id: 'CODE-CS-TAINT-XPATH',
  title: 'Request data reaches an XPath expression',
  severity: 'high',
  description: 'Data from the HTTP request reaches an XPath expression (SelectNodes, SelectSingleNode, XPathSelectElement(s), XPathNavigator.Evaluate). A quote in the value rewrites the expression and reads other nodes (for example every user\'s password).',
  remediation: 'Validate the value against a strict pattern, or bind it as an XPath variable through an XsltContext; never concatenate it into the expression.',
  cwe: ['CWE-643'],
  helpUri: 'https://owasp.org/www-community/attacks/XPATH_Injection',
  examples: {
    fail: [controller('  public IActionResult Book(string title) {\n    var node = _catalog.SelectSingleNode("//book[title=\'" + title + "\']");\n    return Content(node?.InnerText ?? "");\n  }', 'using System.Xml;\n')],
    pass: [controller('  public IActionResult Book(string title) {\n    if (!Regex.IsMatch(title, "^[A-Za-z0-9 ]{1,80}$")) return BadRequest();\n    var node = _catalog.SelectSingleNode("//book[title=\'" + title + "\']");\n    return Content(node?.InnerText ?? "");\n  }', 'using System.Xml;\n')],
  },
});

export const taintSsrf = taintRule('ssrf', {
  id: 'CODE-CS-TAINT-SSRF',
  title: 'Request data chooses the URL of an outgoing request',
  severity: 'high',
  description: 'Data from the HTTP request reaches the URL of a server-side request (HttpClient Get/Post/Put/Delete/Send, HttpRequestMessage, WebClient Download/Upload, WebRequest.Create, RestClient) with no fixed host before it. The server can be made to call internal services, cloud metadata endpoints (169.254.169.254) or other hosts on the attacker\'s behalf.',
  remediation: 'Call a fixed host: keep the base URL in configuration and put request data only in the path or query (escaped with Uri.EscapeDataString); where the host must vary, parse the value with Uri.TryCreate and check its host against an allow-list.',
  remediationSnippet: 'var url = $"https://images.example.com/thumbs/{Uri.EscapeDataString(name)}";\nvar bytes = await _http.GetByteArrayAsync(url);',
  cwe: ['CWE-918'],
  helpUri: 'https://cheatsheetseries.owasp.org/cheatsheets/Server_Side_Request_Forgery_Prevention_Cheat_Sheet.html',
  examples: {
    fail: [
      controller('  private static readonly HttpClient Http = new HttpClient();\n  public async Task<IActionResult> Preview(string url) {\n    var html = await Http.GetStringAsync(url);\n    return Content(html, "text/plain");\n  }'),
      controller('  private readonly IHttpClientFactory _factory;\n  public async Task<IActionResult> Fetch([FromBody] FetchRequest req) {\n    var client = _factory.CreateClient();\n    var data = await client.GetByteArrayAsync(req.Url);\n    return File(data, "application/octet-stream");\n  }'),
      controller('  public async Task<IActionResult> Hook(string target) {\n    using var message = new HttpRequestMessage(HttpMethod.Post, target);\n    var response = await _http.SendAsync(message);\n    return StatusCode((int)response.StatusCode);\n  }'),
      controller('  public IActionResult Mirror(string src) {\n    using var wc = new WebClient();\n    return Content(wc.DownloadString(src), "text/plain");\n  }', 'using System.Net;\n'),
      controller('  public IActionResult Ping(string host) {\n    var request = WebRequest.Create("http://" + host + "/health");\n    using var response = request.GetResponse();\n    return Ok();\n  }', 'using System.Net;\n'),
      controller('  public async Task<IActionResult> Proxy(string api) {\n    var client = new RestClient(api);\n    var result = await client.ExecuteAsync(new RestRequest("status"));\n    return Ok(result.Content);\n  }', 'using RestSharp;\n'),
    ],
    pass: [
      controller('  private static readonly HttpClient Http = new HttpClient();\n  public async Task<IActionResult> Weather(string city) {\n    var json = await Http.GetStringAsync($"https://api.weather.example/v1/forecast?q={Uri.EscapeDataString(city)}");\n    return Content(json, "application/json");\n  }'),
      controller('  private readonly IHttpClientFactory _factory;\n  public async Task<IActionResult> Item(string id) {\n    var client = _factory.CreateClient("catalog");\n    return Ok(await client.GetStringAsync($"api/items/{id}"));\n  }'),
      controller('  public async Task<IActionResult> Avatar(string user) {\n    var bytes = await _http.GetByteArrayAsync(_options.AvatarBase + "/avatars/" + user);\n    return File(bytes, "image/png");\n  }'),
      controller('  public async Task<IActionResult> Stats(int year) {\n    var response = await _http.GetAsync(_statsUrl + year);\n    return Ok(await response.Content.ReadAsStringAsync());\n  }'),
    ],
  },
});

export const csharpTaintRules: readonly CsRule[] = [taintCommand, taintSql, taintPath, taintXss, taintRedirect, taintLdap, taintXpath, taintSsrf];
