// Python's taint data: where request data enters in Flask, Django, FastAPI/Starlette, Bottle, Tornado
// and plain WSGI; the sinks by kind; the sanitisers and validators that stop a flow.
import type { CallShape, SinkSpec, SyntaxNode, TaintSpec } from '../../taint';

/** The sink kinds, one rule each. */
export type PySinkKind = 'sql' | 'command' | 'code' | 'path' | 'redirect' | 'ssti' | 'xss' | 'deserialization' | 'ssrf' | 'xxe';

const FLASK_REQUEST = ['args', 'form', 'values', 'json', 'get_json', 'cookies', 'headers', 'files', 'data', 'get_data', 'view_args', 'query_string', 'stream'];
const BOTTLE_REQUEST = ['query', 'forms', 'params', 'json', 'body', 'GET', 'POST', 'cookies', 'get_cookie', 'files', 'headers', 'query_string'];
/** `request` as a local name: Django's HttpRequest, DRF's Request, Starlette/FastAPI's Request, aiohttp, Sanic. */
const LOCAL_REQUEST = [
  'GET',
  'POST',
  'COOKIES',
  'META',
  'body',
  'FILES',
  'headers',
  'data',
  'query_params',
  'path_params',
  'args',
  'form',
  'values',
  'json',
  'get_json',
  'cookies',
  'files',
  'query',
  'match_info',
  // Starlette/FastAPI WebSocket (a `websocket: WebSocket` parameter is read as `request`).
  'receive_text',
  'receive_json',
  'receive_bytes',
];
const TORNADO = ['get_argument', 'get_arguments', 'get_query_argument', 'get_query_arguments', 'get_body_argument', 'get_body_arguments', 'get_cookie'];

export const PY_SOURCES: readonly string[] = [
  ...FLASK_REQUEST.map((a) => `flask.request.${a}`),
  ...FLASK_REQUEST.map((a) => `quart.request.${a}`),
  ...BOTTLE_REQUEST.map((a) => `bottle.request.${a}`),
  ...LOCAL_REQUEST.map((a) => `request.${a}`),
  ...LOCAL_REQUEST.map((a) => `self.request.${a}`),
  ...['arguments', 'query_arguments', 'body_arguments'].map((a) => `self.request.${a}`),
  ...TORNADO.map((m) => `self.${m}`),
];

/** Django class-based views: the URL's keyword and positional arguments (only in files that use Django). */
export const PY_DJANGO_SOURCES: readonly string[] = ['self.kwargs', 'self.args'];

const literal = (n: SyntaxNode | undefined): string | undefined => {
  if (n?.type !== 'string' || n.namedChildren.some((c) => c?.type === 'interpolation')) return undefined;
  return n.namedChildren
    .filter((c) => c?.type === 'string_content')
    .map((c) => c!.text)
    .join('');
};

const truthy = (n: SyntaxNode | undefined): boolean => !!n && n.type !== 'false' && n.type !== 'none' && n.text !== '0';

/** subprocess with a list and no shell: only the program (the first element) is a command. */
function subprocessCommand(call: CallShape): SyntaxNode[] {
  const cmd = call.args[0] ?? call.kwargs.get('args');
  if (!cmd) return [];
  if (truthy(call.kwargs.get('shell'))) return [cmd];
  if (cmd.type === 'list' || cmd.type === 'tuple') {
    const first = cmd.namedChildren.find((c) => c && c.type !== 'comment');
    return first ? [first] : [];
  }
  return [cmd];
}

const SAFE_YAML_LOADERS = /(?:^|\.)(?:Safe|CSafe|Base|CBase)Loader$/;

/** yaml.load / load_all without a safe Loader. */
function unsafeYaml(call: CallShape): boolean {
  const loader = call.kwargs.get('Loader') ?? call.args[1];
  return !loader || !SAFE_YAML_LOADERS.test(loader.text);
}

/** The call a name was last assigned from in the enclosing functions or the module (`parser = etree.XMLParser(…)`). */
function assignedCall(name: SyntaxNode): SyntaxNode | undefined {
  for (let scope = name.parent; scope; scope = scope.parent) {
    if (scope.type !== 'function_definition' && scope.type !== 'module') continue;
    let found: SyntaxNode | undefined;
    for (const a of scope.descendantsOfType('assignment')) {
      if (a?.childForFieldName('left')?.text === name.text && a.startIndex < name.startIndex) found = a.childForFieldName('right') ?? undefined;
    }
    if (found) return found.type === 'call' ? found : undefined;
  }
  return undefined;
}

/** lxml without a parser, or with one built here that still resolves entities. */
function unsafeLxml(call: CallShape): boolean {
  let parser = call.kwargs.get('parser') ?? call.args[1];
  if (!parser || parser.type === 'none') return true;
  if (parser.type === 'identifier') parser = assignedCall(parser) ?? parser;
  if (parser?.type !== 'call') return false;
  const resolve = parser.childForFieldName('arguments')?.namedChildren.find((a) => a?.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'resolve_entities');
  return !resolve || resolve.childForFieldName('value')?.type !== 'false';
}

/** An HTML response: no content type, or an HTML one. */
function htmlResponse(call: CallShape): boolean {
  const type = call.kwargs.get('content_type') ?? call.kwargs.get('mimetype') ?? call.kwargs.get('media_type');
  if (!type) return true;
  const text = literal(type);
  return text === undefined || /html/i.test(text);
}

/** The core marks unknown clean parts with NUL; a visible stand-in keeps the patterns readable. */
const UNKNOWN = '~';
const readable = (prefix: string): string => prefix.replaceAll('\u0000', UNKNOWN);

/** A fixed scheme and host before the tainted part (`https://api.example.com/users/` + id), or a clean base then a path. */
export function fixedHost(prefix: string): boolean {
  const p = readable(prefix);
  return /^[a-z][a-z0-9+.-]*:\/\/[^/?#~]+[/?#]/i.test(p) || /^~+[/?#]/.test(p);
}

/** A local path (`/account/` + x) or a fixed host before the tainted part: the target site cannot change. */
export function fixedTarget(prefix: string): boolean {
  return fixedHost(prefix) || /^\/[^/\\~]/.test(readable(prefix));
}

const REQUESTS_VERBS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'];

/** HTTP client objects: httpx.Client/AsyncClient, requests.Session, aiohttp.ClientSession, urllib3.PoolManager. */
const HTTP_CLIENT = /^(?:httpx\.(?:Async)?Client|AsyncClient|requests\.(?:Session|session)|(?:aiohttp\.)?ClientSession|(?:urllib3\.)?PoolManager)$/;

const constructsClient = (n: SyntaxNode | null | undefined): boolean => {
  const call = n?.type === 'await' ? n.namedChild(0) : n;
  return call?.type === 'call' && HTTP_CLIENT.test(call.childForFieldName('function')?.text ?? '');
};

const bindsClient = (n: SyntaxNode | null, name: string): boolean => {
  if (n?.type === 'assignment') return n.childForFieldName('left')?.text === name && constructsClient(n.childForFieldName('right'));
  const value = n?.type === 'with_item' ? n.childForFieldName('value') : undefined;
  return value?.type === 'as_pattern' && value.childForFieldName('alias')?.text === name && constructsClient(value.namedChild(0));
};

/** `name = httpx.Client()` or `with httpx.AsyncClient() as name` in the function around `at`, or at module level. */
function boundToClient(name: string, at: SyntaxNode): boolean {
  let scope: SyntaxNode | null = at.parent;
  while (scope && scope.type !== 'function_definition' && scope.type !== 'module') scope = scope.parent;
  if (scope?.type === 'function_definition' && scope.descendantsOfType(['with_item', 'assignment']).some((n) => bindsClient(n, name))) return true;
  let root: SyntaxNode = at;
  while (root.parent) root = root.parent;
  return root.namedChildren.some((stmt) => stmt?.type === 'expression_statement' && bindsClient(stmt.namedChild(0), name));
}

/** A method called on an HTTP client object: `httpx.Client().get(url)`, `client.get(url)` with client one. */
function onHttpClient(c: CallShape): boolean {
  const r = c.receiver;
  if (!r) return false;
  if (r.type === 'call') return constructsClient(r);
  return r.type === 'identifier' && boundToClient(r.text, c.node);
}

export const PY_SINKS: readonly (SinkSpec & { kind: PySinkKind })[] = [
  // SQL: the query text; parameters passed apart are fine.
  { kind: 'sql', calls: ['*.execute', '*.executemany', '*.executescript', '*.exec_driver_sql', 'pandas.read_sql', 'pandas.read_sql_query'], args: [0], kwargs: ['sql', 'query', 'operation'] },
  { kind: 'sql', calls: ['sqlalchemy.text', 'sqlalchemy.sql.text', 'sqlalchemy.sql.expression.text'], args: [0], kwargs: ['text'], label: 'sqlalchemy.text' },
  { kind: 'sql', calls: ['django.db.models.expressions.RawSQL', 'django.db.models.RawSQL'], args: [0], kwargs: ['sql'], label: 'RawSQL' },
  { kind: 'sql', calls: ['*.raw'], args: [0], kwargs: ['raw_query'], when: (c) => !!c.receiver && /(?:^|\.)objects$|\.using\(/.test(c.receiver.text) },
  { kind: 'sql', calls: ['*.extra'], args: [], kwargs: ['where', 'select', 'tables', 'order_by'] },
  // Commands.
  { kind: 'command', calls: ['os.system', 'os.popen', 'os.popen2', 'os.popen3', 'os.popen4', 'subprocess.getoutput', 'subprocess.getstatusoutput', 'commands.getoutput', 'commands.getstatusoutput', 'asyncio.create_subprocess_shell', 'pty.spawn'], args: [0], kwargs: ['cmd', 'command'] },
  { kind: 'command', calls: ['subprocess.Popen', 'subprocess.run', 'subprocess.call', 'subprocess.check_call', 'subprocess.check_output'], select: subprocessCommand },
  { kind: 'command', calls: ['os.execl', 'os.execle', 'os.execlp', 'os.execlpe', 'os.execv', 'os.execve', 'os.execvp', 'os.execvpe', 'asyncio.create_subprocess_exec'], args: [0] },
  { kind: 'command', calls: ['os.spawnl', 'os.spawnle', 'os.spawnlp', 'os.spawnlpe', 'os.spawnv', 'os.spawnve', 'os.spawnvp', 'os.spawnvpe'], args: [1] },
  // Code.
  { kind: 'code', calls: ['eval', 'exec', 'compile', 'builtins.eval', 'builtins.exec', 'builtins.compile'], args: [0], kwargs: ['source'] },
  // File paths. send_from_directory joins its file name safely: only its directory is a sink.
  { kind: 'path', calls: ['open', 'io.open', 'codecs.open', 'os.open', 'os.remove', 'os.unlink', 'os.rmdir', 'os.removedirs', 'shutil.rmtree', 'os.truncate'], args: [0], kwargs: ['file', 'path', 'filename'] },
  { kind: 'path', calls: ['os.rename', 'os.replace', 'os.link', 'os.symlink', 'shutil.copy', 'shutil.copy2', 'shutil.copyfile', 'shutil.copytree', 'shutil.move'], args: [0, 1], kwargs: ['src', 'dst'] },
  { kind: 'path', calls: ['flask.send_file', 'flask.helpers.send_file', 'fastapi.responses.FileResponse', 'starlette.responses.FileResponse'], args: [0], kwargs: ['path_or_file', 'filename_or_fp', 'path'] },
  { kind: 'path', calls: ['flask.send_from_directory', 'flask.helpers.send_from_directory'], args: [0], kwargs: ['directory'] },
  { kind: 'path', calls: ['*.read_text', '*.read_bytes', '*.write_text', '*.write_bytes'], args: [], receiver: true },
  { kind: 'path', calls: ['*.save'], args: [0], kwargs: ['dst'] },
  // Redirects.
  {
    kind: 'redirect',
    calls: [
      'flask.redirect',
      'quart.redirect',
      'werkzeug.utils.redirect',
      'bottle.redirect',
      'django.shortcuts.redirect',
      'django.http.HttpResponseRedirect',
      'django.http.HttpResponsePermanentRedirect',
      'django.http.response.HttpResponseRedirect',
      'fastapi.responses.RedirectResponse',
      'starlette.responses.RedirectResponse',
    ],
    args: [0],
    kwargs: ['location', 'url', 'redirect_to', 'to'],
    safePrefix: fixedTarget,
  },
  // Server-side template injection: the template's source.
  { kind: 'ssti', calls: ['flask.render_template_string', 'quart.render_template_string', 'jinja2.Template', 'django.template.Template', 'mako.template.Template', 'tornado.template.Template'], args: [0], kwargs: ['source', 'template_string', 'text'] },
  { kind: 'ssti', calls: ['*.from_string'], args: [0], kwargs: ['source'] },
  // HTML built from request data and marked safe or sent as HTML.
  { kind: 'xss', calls: ['markupsafe.Markup', 'flask.Markup', 'jinja2.Markup', 'django.utils.safestring.mark_safe', 'django.utils.safestring.SafeString'], args: [0] },
  {
    kind: 'xss',
    calls: ['django.http.HttpResponse', 'django.http.response.HttpResponse', 'flask.make_response', 'flask.Response', 'werkzeug.wrappers.Response', 'fastapi.responses.HTMLResponse', 'starlette.responses.HTMLResponse'],
    args: [0],
    kwargs: ['content', 'response'],
    when: htmlResponse,
  },
  // Deserialisation.
  { kind: 'deserialization', calls: ['pickle.loads', 'pickle.load', '_pickle.loads', 'cPickle.loads', 'cPickle.load', 'pickle.Unpickler', 'dill.loads', 'dill.load', 'marshal.loads', 'marshal.load', 'jsonpickle.decode', 'pandas.read_pickle', 'yaml.unsafe_load', 'yaml.unsafe_load_all', 'shelve.open'], args: [0] },
  { kind: 'deserialization', calls: ['yaml.load', 'yaml.load_all'], args: [0], kwargs: ['stream'], when: unsafeYaml },
  // Outgoing requests to a URL the request chose.
  {
    kind: 'ssrf',
    calls: [...REQUESTS_VERBS.map((v) => `requests.${v}`), ...REQUESTS_VERBS.map((v) => `httpx.${v}`), 'urllib.request.urlopen', 'urllib.request.Request', 'urllib.request.urlretrieve', 'urllib.urlopen', 'urllib2.urlopen', 'urllib2.Request', 'http.client.HTTPConnection', 'http.client.HTTPSConnection'],
    args: [0],
    kwargs: ['url', 'host'],
    safePrefix: fixedHost,
  },
  { kind: 'ssrf', calls: ['requests.request', 'httpx.request', 'httpx.stream'], args: [1], kwargs: ['url'], safePrefix: fixedHost },
  // Methods of client objects (a client's base_url keeps a path-only value on its host).
  { kind: 'ssrf', calls: REQUESTS_VERBS.map((v) => `*.${v}`), args: [0], kwargs: ['url'], safePrefix: fixedTarget, when: onHttpClient },
  { kind: 'ssrf', calls: ['*.request', '*.stream', '*.urlopen', '*.request_encode_url', '*.request_encode_body'], args: [1], kwargs: ['url'], safePrefix: fixedTarget, when: onHttpClient },
  // XML parsers that expand entities.
  { kind: 'xxe', calls: ['lxml.etree.fromstring', 'lxml.etree.XML', 'lxml.etree.parse', 'lxml.etree.iterparse'], args: [0], kwargs: ['text', 'source'], when: unsafeLxml },
  {
    kind: 'xxe',
    calls: [
      'xml.dom.minidom.parseString',
      'xml.dom.minidom.parse',
      'xml.dom.pulldom.parseString',
      'xml.dom.pulldom.parse',
      'xml.sax.parseString',
      'xml.sax.parse',
      'xml.etree.ElementTree.fromstring',
      'xml.etree.ElementTree.XML',
      'xml.etree.ElementTree.parse',
      'xml.etree.cElementTree.fromstring',
      'xml.etree.cElementTree.parse',
    ],
    args: [0],
  },
];

/** `x.startswith("/")` in a condition that also refuses "//" (a scheme-relative URL). */
function localPathCheck(call: CallShape): boolean {
  if (literal(call.args[0]) !== '/') return false;
  let n: SyntaxNode | null = call.node;
  for (let i = 0; i < 6 && n; i++, n = n.parent) {
    if (n.type === 'boolean_operator' && /startswith\(\s*(["'])\/\/\1\s*\)/.test(n.text)) return true;
  }
  return false;
}

const typedGet = (c: CallShape): boolean => c.method === 'get' && /^(?:int|float|bool)$/.test(c.kwargs.get('type')?.text ?? '');
const anchored = (c: CallShape): boolean => {
  const pattern = literal(c.args[0]);
  return pattern !== undefined && /(?:\$|\\Z)$/.test(pattern);
};

export const PY_TAINT_SPEC: TaintSpec = {
  sources: PY_SOURCES,
  sinks: PY_SINKS,
  sanitizers: [
    { calls: ['*.get', '*.getlist'], kinds: 'all', when: typedGet },
    { calls: ['shlex.quote', 'pipes.quote', 'shlex.join'], kinds: ['command'] },
    { calls: ['werkzeug.utils.secure_filename', 'werkzeug.secure_filename', 'os.path.basename', 'posixpath.basename', 'ntpath.basename', 'django.utils.text.get_valid_filename'], kinds: ['path'] },
    {
      calls: ['markupsafe.escape', 'flask.escape', 'jinja2.escape', 'html.escape', 'cgi.escape', 'django.utils.html.escape', 'django.utils.html.format_html', 'django.utils.html.strip_tags', 'bleach.clean', 'xml.sax.saxutils.escape', 'flask.jsonify', 'json.dumps'],
      kinds: ['xss'],
    },
    { calls: ['flask.url_for', 'django.urls.reverse', 'django.shortcuts.resolve_url'], kinds: ['redirect', 'ssrf'] },
    // Percent-encoded with nothing kept ('/' and ':' too): cannot start a URL or change its host.
    { calls: ['urllib.parse.urlencode', 'urllib.parse.quote_plus', 'urllib.urlencode', 'urllib.quote_plus', 'django.utils.http.urlencode', '*.urlencode'], kinds: ['redirect', 'ssrf'] },
    { calls: ['django.utils._os.safe_join', 'werkzeug.security.safe_join', 'werkzeug.utils.safe_join', 'flask.safe_join'], kinds: ['path'] },
    // Templates escape what they are given (their own source is the SSTI rule's).
    { calls: ['*.render', 'flask.render_template', 'django.shortcuts.render', 'django.template.loader.render_to_string', '*.render_to_string', '*.render_to_response'], kinds: ['xss'] },
    // The sinks of one step that also build the value the next one takes (text() then execute()).
    // Query builders bind their values as parameters (SQLAlchemy select().where(col.ilike(v)), Django filter()).
    {
      calls: ['sqlalchemy.select', 'sqlalchemy.insert', 'sqlalchemy.update', 'sqlalchemy.delete', 'sqlalchemy.sql.select', '*.where', '*.filter', '*.filter_by', '*.exclude', '*.having', '*.ilike', '*.like', '*.in_', '*.between'],
      kinds: ['sql'],
    },
    { calls: ['*.values'], kinds: ['sql'], when: (c) => /^(?:\w+\.)*(?:insert|update)\(/.test(c.receiver?.text ?? '') },
    { calls: ['sqlalchemy.text', 'sqlalchemy.sql.text', 'sqlalchemy.sql.expression.text', 'django.db.models.expressions.RawSQL', 'django.db.models.RawSQL'], kinds: ['sql'] },
    { calls: ['markupsafe.Markup', 'flask.Markup', 'django.utils.safestring.mark_safe'], kinds: ['xss'] },
    { calls: ['urllib.request.Request', 'urllib2.Request'], kinds: ['ssrf'] },
    { calls: ['compile', 'builtins.compile'], kinds: ['code'] },
    { calls: ['jinja2.Template', 'django.template.Template', 'mako.template.Template', 'tornado.template.Template', '*.from_string'], kinds: ['xss'] },
  ],
  validators: [
    { calls: ['django.utils.http.url_has_allowed_host_and_scheme', 'django.utils.http.is_safe_url'], arg: 0, kwarg: 'url', kinds: ['redirect', 'ssrf'] },
    { calls: ['*.isdigit', '*.isnumeric', '*.isdecimal', '*.isalnum', '*.isalpha', '*.isidentifier'], arg: 'receiver', kinds: 'all' },
    { calls: ['re.fullmatch'], arg: 1, kwarg: 'string', kinds: 'all' },
    { calls: ['re.match'], arg: 1, kwarg: 'string', kinds: 'all', when: anchored },
    { calls: ['*.fullmatch'], arg: 0, kinds: 'all' },
    { calls: ['*.startswith'], arg: 'receiver', kinds: ['path'] },
    // next.startswith("/") and not next.startswith("//"): a local path.
    { calls: ['*.startswith'], arg: 'receiver', kinds: ['redirect'], when: localPathCheck },
    // An installed language: an allow-list.
    { calls: ['django.utils.translation.check_for_language'], arg: 0, kinds: 'all' },
  ],
  cleanCalls: [
    'int',
    'float',
    'bool',
    'len',
    'abs',
    'round',
    'hash',
    'id',
    'ord',
    'isinstance',
    'issubclass',
    'callable',
    'type',
    'uuid.UUID',
    'decimal.Decimal',
    'hmac.compare_digest',
    'secrets.compare_digest',
    'os.path.exists',
    'os.path.isfile',
    'os.path.isdir',
    'os.path.getsize',
    '*.hexdigest',
    '*.digest',
    '*.count',
    '*.find',
    '*.rfind',
    '*.startswith',
    '*.endswith',
    '*.isdigit',
    '*.isnumeric',
    '*.isdecimal',
    '*.isalnum',
    '*.isalpha',
    '*.exists',
    '*.is_file',
    '*.is_dir',
    '*.is_valid',
    '*.check_password',
  ],
  lookups: ['*.get', '*.pop', '*.setdefault'],
  mutators: ['append', 'extend', 'insert', 'add', 'update', 'setdefault', 'appendleft', 'write', 'writelines'],
  keywords: ['request', 'environ', 'get_argument', 'get_query_argument', 'get_body_argument', 'get_cookie', 'self.kwargs', 'self.args'],
};
