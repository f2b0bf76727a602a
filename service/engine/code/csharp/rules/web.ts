// ASP.NET configuration written in code: cookies, request validation, anti-forgery, CORS, JWT
// validation, error pages, view state, password policy.
import type { SyntaxNode } from '../../../tree-sitter';
import {
  alwaysTrue, argument, assignedMember, attributeName, attributesOf, baseTypes, enclosing, excerpt, hasAttribute, initializerOwner, isFalse, isTrue,
  literalValue, readCall, typeOf, typeOfCreation, unwrap, type CsFile, type CsRule,
} from '../context';

// ---------------------------------------------------------------------------------------------
// Cookies: HttpCookie (System.Web) and CookieOptions (ASP.NET Core) default to neither Secure nor HttpOnly.

const COOKIE_TYPES = new Set(['HttpCookie', 'CookieOptions']);

/** The variable a creation is stored in (`var c = new HttpCookie(…)`, `c = new …`), if any. */
function storedIn(node: SyntaxNode): string | undefined {
  const p = node.parent;
  if (p?.type === 'variable_declarator') return p.childForFieldName('name')?.text;
  if (p?.type === 'assignment_expression' && p.childForFieldName('right')?.id === node.id) return p.childForFieldName('left')?.text;
  return undefined;
}

/** Options to delete a cookie, or a cookie that expires in the past: nothing is stored. */
function removesCookie(node: SyntaxNode, init: Map<string, SyntaxNode> | undefined): boolean {
  const expires = init?.get('Expires')?.text ?? '';
  if (/Add(?:Days|Years|Months|Hours|Minutes|Seconds)\(\s*-|MinValue|UnixEpoch/.test(expires)) return true;
  const call = node.parent?.type === 'argument' ? node.parent.parent?.parent : undefined;
  return call?.type === 'invocation_expression' && /\.Delete$/.test(call.childForFieldName('function')?.text ?? '');
}

/** `c.Secure = …` later in the same method for the variable the cookie was stored in. */
function setLater(node: SyntaxNode, variable: string | undefined, property: string): boolean {
  if (!variable) return false;
  const scope = enclosing(node, ['method_declaration', 'constructor_declaration', 'local_function_statement', 'lambda_expression', 'accessor_declaration']);
  if (!scope) return false;
  for (const a of scope.descendantsOfType('assignment_expression')) {
    const m = a ? assignedMember(a) : undefined;
    if (m?.name === property && m.target?.text === variable) return true;
  }
  return false;
}

function cookieRule(id: string, scs: string, property: 'Secure' | 'HttpOnly', globalPolicy: RegExp, meta: { title: string; description: string; remediation: string; snippet: string; cwe: string; fail: string[]; pass: string[] }): CsRule {
  return {
    rule: {
      id,
      language: 'csharp',
      title: meta.title,
      severity: 'medium',
      confidence: 'medium',
      description: meta.description,
      remediation: meta.remediation,
      remediationSnippet: meta.snippet,
      cwe: [meta.cwe],
      upstream: { type: 'scs', id: scs },
      helpUri: `https://security-code-scan.github.io/#${scs}`,
      examples: { fail: meta.fail, pass: meta.pass },
    },
    // A CookiePolicy that forces the flag (UseCookiePolicy, in Program.cs or Startup) covers every cookie.
    unlessProject: `cookie-policy-${property}`,
    on: {
      object_creation_expression(node, file, report) {
        const type = typeOfCreation(node, file);
        if (!type || !COOKIE_TYPES.has(type)) return;
        const init = readCall(node, file)?.init;
        if (init?.has(property)) return; // an explicit value is judged where it is assigned
        if (removesCookie(node, init)) return;
        if (setLater(node, storedIn(node), property)) return;
        report(node, `new ${type} without ${property} = true`);
      },
      invocation_expression(node, file, report) {
        // ASP.NET Core's Response.Cookies.Append(name, value) without options: the defaults (neither flag).
        const call = readCall(node, file);
        if (call?.name !== 'Append' || call.args.length !== 2 || !/Cookies$/.test(call.receiver?.text ?? '')) return;
        report(node, `Cookies.Append without CookieOptions: no ${property} flag`);
      },
      assignment_expression(node, file, report) {
        const a = assignedMember(node);
        if (!a) return;
        if (a.name === property && globalPolicy.test(unwrap(a.value)?.text ?? '')) file.project.add(`cookie-policy-${property}`);
        else if (a.name === property && isFalse(a.value)) {
          const owner = initializerOwner(node);
          const ownerType = owner ? typeOfCreation(owner, file) : a.target ? typeOf(a.target, file) : undefined;
          if (owner && ownerType && !COOKIE_TYPES.has(ownerType) && ownerType !== 'CookieBuilder') return;
          report(node, `${property} = false on a cookie`);
        } else if (property === 'Secure' && (a.name === 'SecurePolicy' || a.name === 'Secure') && /CookieSecurePolicy\.(?:None|SameAsRequest)$/.test(unwrap(a.value)?.text ?? '')) {
          report(node, `${a.name} = ${unwrap(a.value)!.text}: the cookie is also sent over plain HTTP`);
        } else if (property === 'HttpOnly' && a.name === 'HttpOnly' && /HttpOnlyPolicy\.None$/.test(unwrap(a.value)?.text ?? '')) {
          report(node, 'HttpOnly = HttpOnlyPolicy.None: scripts can read the cookies');
        }
      },
    },
  };
}

export const cookieNotSecure = cookieRule('CODE-CS-COOKIE-NOT-SECURE', 'SCS0008', 'Secure', /^CookieSecurePolicy\.Always$/, {
  title: 'Cookie without the Secure flag',
  description: 'An HttpCookie or CookieOptions is created without Secure = true (or with Secure = false / CookieSecurePolicy.None), or Response.Cookies.Append is called without options (the defaults set no flag). The browser then also sends the cookie over plain HTTP, where anyone on the network can read it. A CookiePolicy with Secure = CookieSecurePolicy.Always anywhere in the scanned code is honoured; web.config (requireSSL) is not read.',
  remediation: 'Set Secure = true on every cookie (and HttpOnly and SameSite), or apply a CookiePolicy with MinimumSameSitePolicy and Secure = CookieSecurePolicy.Always.',
  snippet: 'Response.Cookies.Append("sid", value, new CookieOptions { Secure = true, HttpOnly = true, SameSite = SameSiteMode.Strict });',
  cwe: 'CWE-614',
  fail: [
    'public class SessionController : Controller {\n  public IActionResult Start() {\n    Response.Cookies.Append("session", Guid.NewGuid().ToString());\n    return Ok();\n  }\n}\n',
    'public class CartController : Controller {\n  public IActionResult Add(string id) {\n    Response.Cookies.Append("cart", id, new CookieOptions { HttpOnly = true });\n    return Ok();\n  }\n}\n',
    'public partial class Login : System.Web.UI.Page {\n  void SetSession(string sid) {\n    var cookie = new HttpCookie("session", sid);\n    cookie.HttpOnly = true;\n    Response.Cookies.Add(cookie);\n  }\n}\n',
    'class Setup {\n  void Configure(IServiceCollection services) {\n    services.ConfigureApplicationCookie(o => { o.Cookie.SecurePolicy = CookieSecurePolicy.None; });\n  }\n}\n',
    'public class CartController : Controller {\n  public void Set(string v) => Response.Cookies.Append("cart", v, new CookieOptions { Secure = false, HttpOnly = true });\n}\n',
  ],
  pass: [
    'public class CartController : Controller {\n  public IActionResult Add(string id) {\n    Response.Cookies.Append("cart", id, new CookieOptions { Secure = true, HttpOnly = true });\n    return Ok();\n  }\n}\n',
    'public class CartController : Controller {\n  public IActionResult Clear() {\n    Response.Cookies.Delete("cart", new CookieOptions { Path = "/shop" });\n    return Ok();\n  }\n}\n',
    'public partial class Logout : System.Web.UI.Page {\n  void Forget() { Response.Cookies.Add(new HttpCookie("remember") { Expires = DateTime.Now.AddDays(-1) }); }\n}\n',
    'public partial class Login : System.Web.UI.Page {\n  void SetSession(string sid) {\n    var cookie = new HttpCookie("session", sid);\n    cookie.Secure = true;\n    cookie.HttpOnly = true;\n    Response.Cookies.Add(cookie);\n  }\n}\n',
  ],
});

export const cookieNotHttpOnly = cookieRule('CODE-CS-COOKIE-NOT-HTTPONLY', 'SCS0009', 'HttpOnly', /^HttpOnlyPolicy\.Always$/, {
  title: 'Cookie without the HttpOnly flag',
  description: 'An HttpCookie or CookieOptions is created without HttpOnly = true (or with HttpOnly = false), or Response.Cookies.Append is called without options (the defaults set no flag). Scripts on the page can read the cookie, so one XSS steals the session. A CookiePolicy with HttpOnly = HttpOnlyPolicy.Always anywhere in the scanned code is honoured; web.config (httpOnlyCookies) is not read.',
  remediation: 'Set HttpOnly = true on every cookie scripts do not need to read, or apply a CookiePolicy with HttpOnly = HttpOnlyPolicy.Always.',
  snippet: 'new CookieOptions { HttpOnly = true, Secure = true }',
  cwe: 'CWE-1004',
  fail: [
    'public class AuthController : Controller {\n  public IActionResult Login(string token) {\n    Response.Cookies.Append("auth", token, new CookieOptions { Secure = true });\n    return Ok();\n  }\n}\n',
    'public partial class Login : System.Web.UI.Page {\n  void Remember(string id) { Response.Cookies.Add(new HttpCookie("remember", id) { Secure = true, HttpOnly = false }); }\n}\n',
  ],
  pass: [
    'public class AuthController : Controller {\n  public IActionResult Login(string token) {\n    Response.Cookies.Append("auth", token, new CookieOptions { Secure = true, HttpOnly = true });\n    return Ok();\n  }\n}\n',
    'class Startup {\n  void Configure(IApplicationBuilder app) {\n    app.UseCookiePolicy(new CookiePolicyOptions { HttpOnly = HttpOnlyPolicy.Always, Secure = CookieSecurePolicy.Always });\n  }\n  void Set(HttpResponse r, string v) => r.Cookies.Append("k", v, new CookieOptions { Secure = true });\n}\n',
  ],
});

// ---------------------------------------------------------------------------------------------

export const requestValidationDisabled: CsRule = {
  rule: {
    id: 'CODE-CS-REQUEST-VALIDATION-DISABLED',
    language: 'csharp',
    title: 'ASP.NET request validation disabled',
    severity: 'medium',
    confidence: 'high',
    description: '[ValidateInput(false)], [AllowHtml] or ValidateRequest = false turns off ASP.NET request validation, the first filter against markup and script in form fields and query strings. Whatever reaches the page then depends entirely on output encoding.',
    remediation: 'Keep request validation on. Where a field must accept HTML, allow only that property and sanitise it with an HTML sanitiser (an allow-list) before storing or showing it.',
    cwe: ['CWE-20'],
    upstream: { type: 'scs', id: 'SCS0017' },
    helpUri: 'https://security-code-scan.github.io/#SCS0017',
    examples: {
      fail: [
        'public class CommentsController : Controller {\n  [HttpPost]\n  [ValidateInput(false)]\n  public ActionResult Create(string body) { return View(); }\n}\n',
        'public class PostModel {\n  [AllowHtml]\n  public string Body { get; set; }\n}\n',
        'public partial class Editor : System.Web.UI.Page {\n  protected void Page_Init(object s, EventArgs e) { this.ValidateRequest = false; }\n}\n',
      ],
      pass: ['public class CommentsController : Controller {\n  [HttpPost]\n  [ValidateInput(true)]\n  public ActionResult Create(string body) { return View(); }\n}\n'],
    },
  },
  on: {
    attribute(node, _file, report) {
      const name = attributeName(node);
      if (name === 'AllowHtml') report(node, '[AllowHtml] skips request validation for this property');
      else if (name === 'ValidateInput') {
        const arg = node.namedChildren.find((c) => c?.type === 'attribute_argument_list')?.namedChildren.find((c) => c?.type === 'attribute_argument');
        if (arg && isFalse(arg.namedChild(arg.namedChildCount - 1))) report(node, '[ValidateInput(false)] turns request validation off');
      }
    },
    assignment_expression(node, _file, report) {
      const a = assignedMember(node);
      if (a?.name === 'ValidateRequest' && isFalse(a.value)) report(node, 'ValidateRequest = false turns request validation off');
    },
  },
};

// ---------------------------------------------------------------------------------------------
// Anti-forgery: state-changing MVC actions on a cookie-authenticated Controller.

const STATE_CHANGING = new Set(['HttpPost', 'HttpPut', 'HttpDelete', 'HttpPatch']);
const ANTIFORGERY = new Set(['ValidateAntiForgeryToken', 'AutoValidateAntiforgeryToken', 'ValidateAntiforgeryToken', 'IgnoreAntiforgeryToken']);
const GLOBAL_ANTIFORGERY = /(?:AutoValidateAntiforgeryToken|ValidateAntiForgeryToken|ValidateAntiforgeryToken)(?:Attribute)?\b/;

function isMvcController(cls: SyntaxNode): boolean {
  if (hasAttribute(cls, new Set(['ApiController']))) return false;
  return baseTypes(cls).some((b) => b === 'Controller' || (/Controller$/.test(b) && b !== 'ControllerBase' && b !== 'ApiController' && !/Api/.test(b)));
}

/** Bearer-token authentication, or a JSON body (a cross-site form cannot send one without a CORS preflight). */
function notCookieForm(decl: SyntaxNode): boolean {
  if (attributesOf(decl).some((a) => attributeName(a) === 'Authorize' && /Bearer/.test(a.text))) return true;
  if (decl.type !== 'method_declaration') return false;
  const params = decl.childForFieldName('parameters')?.namedChildren ?? [];
  return params.some((p) => p?.type === 'parameter' && attributesOf(p).some((a) => attributeName(a) === 'FromBody'));
}

function changesState(method: SyntaxNode): SyntaxNode | undefined {
  for (const a of attributesOf(method)) {
    const name = attributeName(a);
    if (STATE_CHANGING.has(name)) return a;
    if (name === 'AcceptVerbs' && /POST|PUT|DELETE|PATCH/i.test(a.text)) return a;
  }
  return undefined;
}

export const missingAntiforgery: CsRule = {
  rule: {
    id: 'CODE-CS-CSRF',
    language: 'csharp',
    title: 'State-changing MVC action without anti-forgery validation',
    severity: 'medium',
    confidence: 'medium',
    description: 'An [HttpPost]/[HttpPut]/[HttpDelete]/[HttpPatch] action of an MVC Controller checks no anti-forgery token (no [ValidateAntiForgeryToken] or [AutoValidateAntiforgeryToken] on the action or class, and no global filter in the scanned code). Another site can make a signed-in user\'s browser submit the request (CSRF). [ApiController] classes, bearer-token [Authorize] and [FromBody] (JSON) actions are skipped: a cross-site form can send neither.',
    remediation: 'Add [ValidateAntiForgeryToken] to the action or class, or register AutoValidateAntiforgeryTokenAttribute as a global filter, and emit the token in forms (@Html.AntiForgeryToken(), or the form tag helper).',
    remediationSnippet: 'services.AddControllersWithViews(o => o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute()));',
    cwe: ['CWE-352'],
    upstream: { type: 'scs', id: 'SCS0016' },
    helpUri: 'https://security-code-scan.github.io/#SCS0016',
    examples: {
      fail: [
        'public class AccountController : Controller {\n  [HttpPost]\n  public IActionResult ChangeEmail(string email) { _users.SetEmail(User, email); return RedirectToAction("Index"); }\n}\n',
        'using System.Web.Mvc;\npublic class OrdersController : Controller {\n  [AcceptVerbs(HttpVerbs.Post)]\n  public ActionResult Cancel(int id) { _orders.Cancel(id); return View(); }\n}\n',
      ],
      pass: [
        'public class AccountController : Controller {\n  [HttpPost]\n  [ValidateAntiForgeryToken]\n  public IActionResult ChangeEmail(string email) { return RedirectToAction("Index"); }\n}\n',
        '[AutoValidateAntiforgeryToken]\npublic class AccountController : Controller {\n  [HttpPost]\n  public IActionResult ChangeEmail(string email) { return RedirectToAction("Index"); }\n}\n',
        '[ApiController]\n[Route("api/orders")]\npublic class OrdersController : ControllerBase {\n  [HttpPost]\n  public IActionResult Create(Order o) => Ok();\n}\n',
        'public class OrdersController : Controller {\n  [HttpPost]\n  public IActionResult Create([FromBody] Order o) => Json(o);\n}\n',
        '[Authorize(AuthenticationSchemes = JwtBearerDefaults.AuthenticationScheme)]\npublic class ReportsController : Controller {\n  [HttpDelete]\n  public IActionResult Remove(int id) => NoContent();\n}\n',
        'public class AccountController : Controller {\n  [HttpPost]\n  public IActionResult ChangeEmail(string email) => Ok();\n}\nclass Program {\n  static void Main(string[] args) {\n    var builder = WebApplication.CreateBuilder(args);\n    builder.Services.AddControllersWithViews(o => o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute()));\n  }\n}\n',
      ],
    },
  },
  unlessProject: 'global-antiforgery',
  on: {
    class_declaration(node, _file, report) {
      if (!isMvcController(node) || hasAttribute(node, ANTIFORGERY) || notCookieForm(node)) return;
      for (const m of node.childForFieldName('body')?.namedChildren ?? []) {
        if (m?.type !== 'method_declaration' || hasAttribute(m, ANTIFORGERY) || notCookieForm(m)) continue;
        const verb = changesState(m);
        if (verb) report(m.childForFieldName('name') ?? m, `${m.childForFieldName('name')?.text ?? 'action'} (${excerpt(verb, 30)}) validates no anti-forgery token`);
      }
    },
    object_creation_expression(node, file) {
      // A global filter (in Program.cs or Startup) protects every controller of the project.
      const type = typeOfCreation(node, file) ?? '';
      if (GLOBAL_ANTIFORGERY.test(type) && /Filters\.Add/.test(node.parent?.parent?.parent?.text ?? '')) file.project.add('global-antiforgery');
    },
    invocation_expression(node, file) {
      const call = readCall(node, file);
      if (call?.name === 'Add' && /Filters$/.test(call.receiver?.text ?? '') && GLOBAL_ANTIFORGERY.test(node.text)) file.project.add('global-antiforgery');
    },
  },
};

// ---------------------------------------------------------------------------------------------

/** The calls of the same policy: the nearest enclosing lambda (the policy builder) or else the statement. */
function policyScope(node: SyntaxNode): SyntaxNode {
  return enclosing(node, ['lambda_expression', 'anonymous_method_expression']) ?? enclosing(node, ['expression_statement', 'local_declaration_statement', 'block']) ?? node;
}

function anyOrigin(scope: SyntaxNode, file: CsFile): SyntaxNode | undefined {
  for (const inv of scope.descendantsOfType('invocation_expression')) {
    const call = inv ? readCall(inv, file) : undefined;
    if (!call) continue;
    if (call.name === 'AllowAnyOrigin') return inv!;
    if (call.name === 'SetIsOriginAllowed' && alwaysTrue(argument(call, 0))) return inv!;
    if (call.name === 'WithOrigins' && call.args.some((a) => literalValue(a.value) === '*')) return inv!;
  }
  return undefined;
}

export const corsAnyOriginWithCredentials: CsRule = {
  rule: {
    id: 'CODE-CS-CORS-ANY-ORIGIN-CREDENTIALS',
    language: 'csharp',
    title: 'CORS policy allows any origin with credentials',
    severity: 'high',
    confidence: 'high',
    description: 'A CORS policy both accepts any origin (AllowAnyOrigin, SetIsOriginAllowed(_ => true), WithOrigins("*")) and allows credentials. Any website a signed-in user visits can then call this API with the user\'s cookies and read the answers.',
    remediation: 'List the allowed origins (WithOrigins("https://app.example.com")) when credentials are allowed; keep AllowAnyOrigin for public, credential-free endpoints only.',
    remediationSnippet: 'policy.WithOrigins("https://app.example.com").AllowCredentials().AllowAnyHeader();',
    cwe: ['CWE-942'],
    helpUri: 'https://learn.microsoft.com/aspnet/core/security/cors#credentials-in-cross-origin-requests',
    examples: {
      fail: [
        'class Program {\n  static void Main(string[] args) {\n    var builder = WebApplication.CreateBuilder(args);\n    builder.Services.AddCors(o => o.AddPolicy("spa", p => p.SetIsOriginAllowed(_ => true).AllowCredentials().AllowAnyHeader()));\n  }\n}\n',
        'class Startup {\n  public void ConfigureServices(IServiceCollection services) {\n    services.AddCors(options => options.AddDefaultPolicy(policy => {\n      policy.AllowAnyOrigin();\n      policy.AllowAnyMethod();\n      policy.AllowCredentials();\n    }));\n  }\n}\n',
      ],
      pass: [
        'class Program {\n  static void Main(string[] args) {\n    var builder = WebApplication.CreateBuilder(args);\n    builder.Services.AddCors(o => o.AddPolicy("spa", p => p.WithOrigins("https://app.example.com").AllowCredentials()));\n    builder.Services.AddCors(o => o.AddPolicy("public", p => p.AllowAnyOrigin().AllowAnyHeader()));\n  }\n}\n',
      ],
    },
  },
  on: {
    invocation_expression(node, file, report) {
      const call = readCall(node, file);
      if (call?.name !== 'AllowCredentials' || call.args.length) return;
      const origin = anyOrigin(policyScope(node), file);
      if (origin) report(node, `AllowCredentials() with ${excerpt(origin.childForFieldName('function')?.childForFieldName('name') ?? origin, 40)}: any site can make credentialed requests`);
    },
  },
};

// ---------------------------------------------------------------------------------------------

const JWT_CHECKS: Record<string, string> = {
  ValidateIssuer: 'tokens from any issuer are accepted',
  ValidateAudience: 'tokens meant for other applications are accepted',
  ValidateLifetime: 'expired tokens are accepted',
  ValidateIssuerSigningKey: 'the signing key itself is not validated',
  RequireSignedTokens: 'unsigned tokens are accepted',
  RequireExpirationTime: 'tokens that never expire are accepted',
  RequireAudience: 'tokens without an audience are accepted',
};

export const jwtValidationDisabled: CsRule = {
  rule: {
    id: 'CODE-CS-JWT-VALIDATION-DISABLED',
    language: 'csharp',
    title: 'JWT validation turned off',
    severity: 'high',
    confidence: 'high',
    description: 'TokenValidationParameters switch off a check (ValidateIssuer, ValidateAudience, ValidateLifetime, ValidateIssuerSigningKey, RequireSignedTokens, RequireExpirationTime = false) or replace signature validation with a callback that only parses the token. Tokens issued for other purposes, expired or forged are then accepted.',
    remediation: 'Keep every validation on and set the expected ValidIssuer(s), ValidAudience(s) and signing keys; in multi-tenant apps validate the issuer with an IssuerValidator rather than turning it off.',
    remediationSnippet: 'new TokenValidationParameters { ValidateIssuer = true, ValidIssuer = issuer, ValidateAudience = true, ValidAudience = audience, ValidateLifetime = true, IssuerSigningKey = key }',
    cwe: ['CWE-347'],
    helpUri: 'https://learn.microsoft.com/dotnet/api/microsoft.identitymodel.tokens.tokenvalidationparameters',
    examples: {
      fail: [
        'class Auth {\n  void Configure(IServiceCollection services, SecurityKey key) {\n    services.AddAuthentication().AddJwtBearer(o => {\n      o.TokenValidationParameters = new TokenValidationParameters { ValidateIssuer = false, ValidateAudience = false, IssuerSigningKey = key };\n    });\n  }\n}\n',
        'class Auth {\n  void Configure(JwtBearerOptions o) {\n    o.TokenValidationParameters.ValidateLifetime = false;\n  }\n}\n',
        'class Auth {\n  TokenValidationParameters Params() => new TokenValidationParameters { RequireSignedTokens = false, SignatureValidator = (token, p) => new JwtSecurityToken(token) };\n}\n',
      ],
      pass: ['class Auth {\n  TokenValidationParameters Params(SecurityKey key) => new TokenValidationParameters { ValidateIssuer = true, ValidIssuer = "https://login.example.com", ValidateAudience = true, ValidAudience = "api", IssuerSigningKey = key };\n}\n'],
    },
  },
  on: {
    assignment_expression(node, _file, report) {
      const a = assignedMember(node);
      if (!a) return;
      if (JWT_CHECKS[a.name] && isFalse(a.value)) report(node, `${a.name} = false: ${JWT_CHECKS[a.name]}`);
      else if (a.name === 'SignatureValidator') {
        const v = unwrap(a.value);
        const body = v?.type === 'lambda_expression' ? unwrap(v.childForFieldName('body')) : undefined;
        if (body?.type === 'object_creation_expression' && /^(?:JwtSecurityToken|JsonWebToken)$/.test(body.childForFieldName('type')?.text ?? '')) report(node, 'SignatureValidator only parses the token: signatures are not checked');
      }
    },
  },
};

// ---------------------------------------------------------------------------------------------

function guardedByEnvironment(node: SyntaxNode): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if ((p.type === 'if_statement' || p.type === 'conditional_expression') && /IsDevelopment|IsEnvironment|IsProduction|IsStaging|Debug|DEBUG/.test(p.childForFieldName('condition')?.text ?? '')) return true;
    if (p.type.startsWith('preproc_') && /DEBUG/.test(p.text.slice(0, 40))) return true;
  }
  return false;
}

export const developerExceptionPage: CsRule = {
  rule: {
    id: 'CODE-CS-DEVELOPER-EXCEPTION-PAGE',
    language: 'csharp',
    title: 'Developer exception page enabled outside a development check',
    severity: 'medium',
    confidence: 'medium',
    description: 'UseDeveloperExceptionPage() (or UseDatabaseErrorPage()) is called without an environment check around it. In production, errors would show stack traces, source lines, configuration and query details to anyone.',
    remediation: 'Call it only inside `if (app.Environment.IsDevelopment())`; elsewhere use UseExceptionHandler("/error").',
    remediationSnippet: 'if (app.Environment.IsDevelopment()) app.UseDeveloperExceptionPage();\nelse app.UseExceptionHandler("/error");',
    cwe: ['CWE-209'],
    helpUri: 'https://learn.microsoft.com/aspnet/core/fundamentals/error-handling',
    examples: {
      fail: ['class Startup {\n  public void Configure(IApplicationBuilder app) {\n    app.UseDeveloperExceptionPage();\n    app.UseRouting();\n  }\n}\n'],
      pass: [
        'class Startup {\n  public void Configure(IApplicationBuilder app, IWebHostEnvironment env) {\n    if (env.IsDevelopment()) {\n      app.UseDeveloperExceptionPage();\n    }\n  }\n}\n',
        'var app = builder.Build();\nif (!app.Environment.IsDevelopment()) app.UseExceptionHandler("/Error");\nelse app.UseDeveloperExceptionPage();\n',
      ],
    },
  },
  on: {
    invocation_expression(node, file, report) {
      const call = readCall(node, file);
      if ((call?.name === 'UseDeveloperExceptionPage' || call?.name === 'UseDatabaseErrorPage') && call.receiver && !guardedByEnvironment(node)) report(node, `${call.name}() with no environment check: stack traces in production`);
    },
  },
};

// ---------------------------------------------------------------------------------------------
// Web Forms page settings written in code.

function pageSetting(id: string, scs: string, property: string, bad: (v: SyntaxNode) => boolean, meta: { title: string; description: string; remediation: string; cwe: string; fail: string; pass: string }): CsRule {
  return {
    rule: {
      id,
      language: 'csharp',
      title: meta.title,
      severity: 'medium',
      confidence: 'high',
      description: meta.description,
      remediation: meta.remediation,
      cwe: [meta.cwe],
      upstream: { type: 'scs', id: scs },
      helpUri: `https://security-code-scan.github.io/#${scs}`,
      examples: { fail: [meta.fail], pass: [meta.pass] },
    },
    on: {
      assignment_expression(node, _file, report) {
        const a = assignedMember(node);
        if (a?.name === property && bad(a.value)) report(node, `${property} = ${excerpt(a.value, 40)}`);
      },
    },
  };
}

const page = (body: string) => `public partial class Checkout : System.Web.UI.Page {\n  protected void Page_Init(object sender, EventArgs e) {\n    ${body}\n  }\n}\n`;

export const viewStateMacDisabled = pageSetting('CODE-CS-VIEWSTATE-MAC-DISABLED', 'SCS0024', 'EnableViewStateMac', isFalse, {
  title: 'View state MAC disabled',
  description: 'EnableViewStateMac = false lets clients send back a modified view state, which is deserialized by the server: tampering and, with LosFormatter gadgets, code execution.',
  remediation: 'Never disable the view state MAC (recent .NET Framework versions refuse to); remove the setting.',
  cwe: 'CWE-642',
  fail: page('EnableViewStateMac = false;'),
  pass: page('EnableViewState = false;'),
});

export const viewStateNotEncrypted = pageSetting('CODE-CS-VIEWSTATE-NOT-ENCRYPTED', 'SCS0023', 'ViewStateEncryptionMode', (v) => /ViewStateEncryptionMode\.Never$/.test(v.text), {
  title: 'View state not encrypted',
  description: 'ViewStateEncryptionMode.Never sends the page\'s view state to the browser readable (base64): anything stored in it (ids, prices, personal data) is disclosed.',
  remediation: 'Set ViewStateEncryptionMode.Always for pages that keep sensitive data in view state, or keep such data on the server.',
  cwe: 'CWE-311',
  fail: page('Page.ViewStateEncryptionMode = ViewStateEncryptionMode.Never;'),
  pass: page('Page.ViewStateEncryptionMode = ViewStateEncryptionMode.Always;'),
});

export const eventValidationDisabled = pageSetting('CODE-CS-EVENT-VALIDATION-DISABLED', 'SCS0022', 'EnableEventValidation', isFalse, {
  title: 'Event validation disabled',
  description: 'EnableEventValidation = false lets clients post back events and values the page never rendered (hidden buttons, list items), bypassing what the UI allows.',
  remediation: 'Keep event validation on; register legitimate dynamic values with ClientScript.RegisterForEventValidation.',
  cwe: 'CWE-20',
  fail: page('this.EnableEventValidation = false;'),
  pass: page('this.EnableEventValidation = true;'),
});

// ---------------------------------------------------------------------------------------------

export const passwordTooShort: CsRule = {
  rule: {
    id: 'CODE-CS-PASSWORD-LENGTH',
    language: 'csharp',
    title: 'Password policy allows short passwords',
    severity: 'medium',
    confidence: 'high',
    description: 'ASP.NET Identity\'s RequiredLength is set below 8. Short passwords fall to guessing and offline cracking.',
    remediation: 'Require at least 8 characters (NIST SP 800-63B), better 12 or more, and check new passwords against breached-password lists.',
    remediationSnippet: 'options.Password.RequiredLength = 12;',
    cwe: ['CWE-521'],
    upstream: { type: 'scs', id: 'SCS0032' },
    helpUri: 'https://security-code-scan.github.io/#SCS0032',
    examples: {
      fail: [
        'class Setup {\n  void Configure(IServiceCollection services) {\n    services.Configure<IdentityOptions>(o => { o.Password.RequiredLength = 4; });\n  }\n}\n',
        'class Setup {\n  PasswordValidator Make() => new PasswordValidator { RequiredLength = 6, RequireDigit = true };\n}\n',
      ],
      pass: ['class Setup {\n  void Configure(IServiceCollection services) {\n    services.Configure<IdentityOptions>(o => { o.Password.RequiredLength = 12; });\n  }\n}\n'],
    },
  },
  on: {
    assignment_expression(node, _file, report) {
      const a = assignedMember(node);
      const v = unwrap(a?.value);
      if (a?.name === 'RequiredLength' && v?.type === 'integer_literal' && Number(v.text) < 8) report(node, `RequiredLength = ${v.text}: passwords shorter than 8 characters are accepted`);
    },
  },
};

export const xsltScript: CsRule = {
  rule: {
    id: 'CODE-CS-XSLT-SCRIPT',
    language: 'csharp',
    title: 'XSLT with scripts or the document() function enabled',
    severity: 'high',
    confidence: 'high',
    description: 'XsltSettings enable embedded scripts (msxsl:script runs C# in the process) or the document() function (reads local files and URLs). A stylesheet from an untrusted source then runs code or reads files.',
    remediation: 'Use XsltSettings.Default (no scripts, no document()) and load stylesheets only from trusted locations.',
    remediationSnippet: 'xslt.Load(path, XsltSettings.Default, new XmlUrlResolver());',
    cwe: ['CWE-94'],
    upstream: { type: 'scs', id: 'SCS0011' },
    helpUri: 'https://security-code-scan.github.io/#SCS0011',
    examples: {
      fail: [
        'using System.Xml.Xsl;\nclass Reports {\n  void Load(XslCompiledTransform xslt, string path) { xslt.Load(path, new XsltSettings(true, true), new XmlUrlResolver()); }\n}\n',
        'using System.Xml.Xsl;\nclass Reports {\n  void Load(XslCompiledTransform xslt, string path) { xslt.Load(path, XsltSettings.TrustedXslt, null); }\n}\n',
        'using System.Xml.Xsl;\nclass Reports {\n  XsltSettings Make() { var s = new XsltSettings(); s.EnableScript = true; return s; }\n}\n',
      ],
      pass: ['using System.Xml.Xsl;\nclass Reports {\n  void Load(XslCompiledTransform xslt, string path) { xslt.Load(path, XsltSettings.Default, null); }\n}\n'],
    },
  },
  on: {
    object_creation_expression(node, file, report) {
      const call = readCall(node, file);
      if (call?.name === 'XsltSettings' && (isTrue(argument(call, 0, 'enableDocumentFunction')) || isTrue(argument(call, 1, 'enableScript')))) report(node, `${excerpt(node, 50)}: scripts or document() enabled`);
    },
    member_access_expression(node, file, report) {
      if (node.childForFieldName('name')?.text === 'TrustedXslt' && typeOf(node.childForFieldName('expression'), file) === 'XsltSettings') report(node, 'XsltSettings.TrustedXslt enables scripts and document()');
    },
    assignment_expression(node, _file, report) {
      const a = assignedMember(node);
      if ((a?.name === 'EnableScript' || a?.name === 'EnableDocumentFunction') && isTrue(a.value)) report(node, `${a.name} = true`);
    },
  },
};

export const webRules: readonly CsRule[] = [
  cookieNotSecure, cookieNotHttpOnly, requestValidationDisabled, missingAntiforgery, corsAnyOriginWithCredentials, jwtValidationDisabled,
  developerExceptionPage, viewStateMacDisabled, viewStateNotEncrypted, eventValidationDisabled, passwordTooShort, xsltScript,
];
