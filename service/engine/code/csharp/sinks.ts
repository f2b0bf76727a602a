// The injection sinks of C# code, as data both rule kinds share: the pattern rules ask "is the value
// a built string (or request data read in place)?", the taint rules "does request data reach it?".
import type { SyntaxNode } from '../../tree-sitter';
import { argument, assignedMember, declarationOf, initializerOwner, readCall, typeOf, unwrap, type CsCall, type CsFile } from './context';

export type SinkKind = 'command' | 'sql' | 'xss' | 'path' | 'redirect' | 'ldap' | 'xpath' | 'ssrf';

/** Which data provider a SQL sink belongs to: Security Code Scan has one rule per provider. */
export type SqlFamily = 'sqlclient' | 'oledb' | 'odbc' | 'npgsql' | 'ef' | 'nhibernate' | 'entlib' | 'other';

export interface Sink {
  kind: SinkKind;
  /** What is called, for messages: SqlCommand, Process.Start, File.ReadAllText. */
  label: string;
  /** The call, creation or assignment (the finding's place). */
  node: SyntaxNode;
  /** The values that must not be attacker-controlled. */
  values: SyntaxNode[];
  sql?: SqlFamily;
}

const SQL_TYPES: Record<string, SqlFamily> = {
  SqlCommand: 'sqlclient', SqlDataAdapter: 'sqlclient',
  OleDbCommand: 'oledb', OleDbDataAdapter: 'oledb',
  OdbcCommand: 'odbc', OdbcDataAdapter: 'odbc',
  NpgsqlCommand: 'npgsql', NpgsqlDataAdapter: 'npgsql', NpgsqlBatchCommand: 'npgsql',
  MySqlCommand: 'other', MySqlDataAdapter: 'other', SqliteCommand: 'other', SQLiteCommand: 'other', SQLiteDataAdapter: 'other',
  OracleCommand: 'other', OracleDataAdapter: 'other', SqlCeCommand: 'other', FbCommand: 'other', DB2Command: 'other',
};

/** EF Core and EF6 raw SQL. FromSql/ExecuteSql given an interpolated string literal take a FormattableString: parameterised. */
const EF_RAW = new Set(['ExecuteSqlRaw', 'ExecuteSqlRawAsync', 'FromSqlRaw', 'SqlQueryRaw', 'ExecuteSqlCommand', 'ExecuteSqlCommandAsync']);
const EF_FORMATTABLE = new Set(['FromSql', 'ExecuteSql', 'ExecuteSqlAsync', 'SqlQuery']);
const DAPPER = /^(?:Query|QueryAsync|QueryFirst|QueryFirstAsync|QueryFirstOrDefault|QueryFirstOrDefaultAsync|QuerySingle|QuerySingleAsync|QuerySingleOrDefault|QuerySingleOrDefaultAsync|QueryMultiple|QueryMultipleAsync|Execute|ExecuteAsync|ExecuteScalar|ExecuteScalarAsync|ExecuteReader|ExecuteReaderAsync)$/;
const ENTLIB = /^(?:ExecuteDataSet|ExecuteNonQuery|ExecuteReader|ExecuteScalar|LoadDataSet)$/;

const FILE_METHODS = /^(?:ReadAllText|ReadAllTextAsync|ReadAllBytes|ReadAllBytesAsync|ReadAllLines|ReadAllLinesAsync|ReadLines|WriteAllText|WriteAllTextAsync|WriteAllBytes|WriteAllBytesAsync|WriteAllLines|WriteAllLinesAsync|AppendAllText|AppendAllTextAsync|AppendAllLines|AppendText|Open|OpenRead|OpenWrite|OpenText|Create|CreateText|Delete|Copy|Move|Replace|SetAttributes)$/;
const DIRECTORY_METHODS = /^(?:Delete|GetFiles|GetDirectories|EnumerateFiles|EnumerateDirectories|EnumerateFileSystemEntries|GetFileSystemEntries|CreateDirectory|Move)$/;
const PATH_TYPES = new Set(['FileStream', 'StreamReader', 'StreamWriter', 'FileInfo', 'DirectoryInfo', 'PhysicalFileResult']);

const text = (n: SyntaxNode | undefined) => n?.text.replace(/\s+/g, '') ?? '';

const HTTP_CLIENT_METHODS = /^(?:GetAsync|GetStringAsync|GetByteArrayAsync|GetStreamAsync|PostAsync|PutAsync|PatchAsync|DeleteAsync|GetFromJsonAsync|PostAsJsonAsync|PutAsJsonAsync|PatchAsJsonAsync|DeleteFromJsonAsync)$/;
const WEB_CLIENT_METHODS = /^(?:Download(?:String|Data|File)(?:Async|TaskAsync)?|Upload(?:String|Data|File|Values)(?:Async|TaskAsync)?|OpenRead(?:Async|TaskAsync)?|OpenWrite(?:Async|TaskAsync)?)$/;

/** The receiver is an HttpClient: declared so, created in place, from IHttpClientFactory.CreateClient, or named like one when its type is unknown. */
function isHttpClient(receiver: SyntaxNode | undefined, file: CsFile): boolean {
  const r = unwrap(receiver);
  if (!r) return false;
  const type = typeOf(r, file);
  if (type) return /HttpClient$/.test(type);
  if (/CreateClient\(/.test(r.text)) return true;
  if (r.type === 'identifier' && /CreateClient\(/.test(declarationOf(r, file)?.value?.text ?? '')) return true;
  return /^(?:this\.)?_?(?:http|httpClient|client|api|apiClient)$/i.test(text(r));
}

function isWebClient(receiver: SyntaxNode | undefined, file: CsFile): boolean {
  const r = unwrap(receiver);
  if (!r) return false;
  const type = typeOf(r, file);
  if (type) return type === 'WebClient';
  return /^(?:this\.)?_?(?:webClient|wc)$/i.test(text(r));
}
const isResponse = (call: CsCall) => call.type === 'HttpResponse' || call.type === 'HttpResponseBase' || /(?:^|\.)Response$/.test(text(call.receiver));
const isConnection = (call: CsCall) => /Connection$/.test(call.type ?? '') || /conn(?:ection)?$/i.test(text(call.receiver));

/** `Request.Body`, `file.OpenReadStream()`, `new MemoryStream(…)`, a Stream variable: the Stream overload of StreamReader, not a path. */
function isStreamValue(node: SyntaxNode, file: CsFile, depth = 0): boolean {
  const n = unwrap(node);
  if (!n || depth > 3) return false;
  if (n.type === 'member_access_expression') return /^(?:Body|InputStream|BaseStream|Stream)$/.test(n.childForFieldName('name')?.text ?? '');
  if (n.type === 'invocation_expression') {
    const fn = n.childForFieldName('function');
    const name = fn?.type === 'member_access_expression' ? fn.childForFieldName('name')?.text : fn?.text;
    return /^(?:OpenReadStream|GetStream|GetResponseStream|GetRequestStream|ReadAsStreamAsync|CreateReadStream)$/.test(name ?? '');
  }
  if (n.type === 'await_expression') return n.namedChildren[0] ? isStreamValue(n.namedChildren[0], file, depth + 1) : false;
  const type = typeOf(n, file);
  if (type && /Stream$/.test(type)) return true;
  if (n.type === 'identifier') {
    const value = declarationOf(n, file)?.value;
    return !!value && value.id !== n.id && isStreamValue(value, file, depth + 1);
  }
  return false;
}

/** The sinks at a call or creation (`new SqlCommand(q)`, `Process.Start(x)`). */
export function callSinks(node: SyntaxNode, file: CsFile): Sink[] {
  const call = readCall(node, file);
  if (!call) return [];
  const out: Sink[] = [];
  const add = (kind: SinkKind, label: string, values: (SyntaxNode | undefined)[], sql?: SqlFamily) => {
    const vs = values.filter((v): v is SyntaxNode => !!v);
    if (vs.length) out.push({ kind, label, node, values: vs, ...(sql ? { sql } : {}) });
  };
  const first = argument(call, 0);
  if (call.kind === 'new') {
    const sql = SQL_TYPES[call.name];
    if (sql) add('sql', call.name, [argument(call, 0, call.name.endsWith('Adapter') ? 'selectCommandText' : 'cmdText'), call.init.get('CommandText')], sql);
    else if (call.name === 'ProcessStartInfo') add('command', 'ProcessStartInfo', [argument(call, 0, 'fileName'), argument(call, 1, 'arguments'), call.init.get('FileName'), call.init.get('Arguments')]);
    else if (PATH_TYPES.has(call.name) && !(first && isStreamValue(first, file))) add('path', call.name, [first]);
    else if (call.name === 'HtmlString' || call.name === 'MvcHtmlString') add('xss', call.name, [first]);
    else if (call.name === 'RedirectResult') add('redirect', 'RedirectResult', [first]);
    else if (call.name === 'DirectorySearcher') add('ldap', 'DirectorySearcher', [...call.args.map((a) => a.value).filter((v) => typeOf(v, file) !== 'DirectoryEntry' && !/^(?:entry|root|de)$/i.test(v.text)).slice(0, 1), call.init.get('Filter')]);
    else if (call.name === 'DirectoryEntry') add('ldap', 'DirectoryEntry', [argument(call, 0, 'path'), call.init.get('Path')]);
    else if (call.name === 'SearchRequest') add('ldap', 'SearchRequest', [argument(call, 1, 'ldapFilter')]);
    else if (call.name === 'HttpRequestMessage') add('ssrf', 'HttpRequestMessage', [argument(call, 1, 'requestUri'), call.init.get('RequestUri')]);
    else if (call.name === 'RestClient') add('ssrf', 'RestClient', [argument(call, 0, 'baseUrl'), call.init.get('BaseUrl')]);
    return out;
  }
  const type = call.type;
  const m = call.name;
  if (type === 'Process' && m === 'Start') add('command', 'Process.Start', [argument(call, 0, 'fileName'), argument(call, 1, 'arguments')].filter((v) => v && typeOf(v, file) !== 'ProcessStartInfo'));
  else if (EF_RAW.has(m)) add('sql', m, [argument(call, 0, 'sql')], 'ef');
  else if (EF_FORMATTABLE.has(m) && first && first.type !== 'interpolated_string_expression' && (m !== 'SqlQuery' || /Database$/.test(text(call.receiver)))) add('sql', m, [argument(call, 0, 'sql')], 'ef');
  else if ((m === 'CreateSQLQuery' || m === 'CreateQuery') && (call.type === 'ISession' || call.type === 'IStatelessSession' || /session$/i.test(text(call.receiver)))) add('sql', m, [first], 'nhibernate');
  else if (m === 'GetSqlStringCommand') add('sql', m, [first], 'entlib');
  else if (ENTLIB.test(m) && /^CommandType\.Text$/.test(text(first))) add('sql', m, [argument(call, 1)], 'entlib');
  else if (DAPPER.test(m) && isConnection(call)) add('sql', `${m} (Dapper)`, [argument(call, 0, 'sql')], 'other');
  else if (type === 'File' && FILE_METHODS.test(m)) add('path', `File.${m}`, m === 'Copy' || m === 'Move' || m === 'Replace' ? [first, argument(call, 1)] : [first]);
  else if (type === 'Directory' && DIRECTORY_METHODS.test(m)) add('path', `Directory.${m}`, m === 'Move' ? [first, argument(call, 1)] : [first]);
  else if (m === 'PhysicalFile' && !call.receiver) add('path', 'PhysicalFile', [first]);
  else if (m === 'Raw' && (/(?:^|\.)Html$/.test(text(call.receiver)) || /HtmlHelper/.test(type ?? ''))) add('xss', 'Html.Raw', [first]);
  else if (m === 'Create' && type === 'MvcHtmlString') add('xss', 'MvcHtmlString.Create', [first]);
  else if ((m === 'Write' || m === 'WriteAsync') && isResponse(call)) add('xss', `Response.${m}`, [first]);
  else if (m === 'Content' && !call.receiver && /text\/html/.test(text(argument(call, 1)))) add('xss', 'Content (text/html)', [first]);
  else if (/^(?:Redirect|RedirectPermanent|RedirectPreserveMethod|RedirectPermanentPreserveMethod)$/.test(m) && (!call.receiver || isResponse(call) || /^(?:this|base|Results|TypedResults)$/.test(text(call.receiver)))) add('redirect', call.receiver && !/^(?:this|base)$/.test(text(call.receiver)) ? `${text(call.receiver).split('.').pop()}.${m}` : m, [argument(call, 0, 'url')]);
  else if (HTTP_CLIENT_METHODS.test(m) && isHttpClient(call.receiver, file)) add('ssrf', `HttpClient.${m}`, [argument(call, 0, 'requestUri')]);
  else if (WEB_CLIENT_METHODS.test(m) && isWebClient(call.receiver, file)) add('ssrf', `WebClient.${m}`, [argument(call, 0, 'address')]);
  else if ((m === 'Create' || m === 'CreateHttp') && (type === 'WebRequest' || type === 'HttpWebRequest')) add('ssrf', `${type}.${m}`, [argument(call, 0, 'requestUriString')]);
  else if ((m === 'SelectNodes' || m === 'SelectSingleNode') && call.args.length >= 1) add('xpath', m, [first]);
  else if (/^(?:XPathSelectElement|XPathSelectElements|XPathEvaluate)$/.test(m)) add('xpath', m, [argument(call, 0, 'expression')]);
  else if (/^(?:Evaluate|Select|Compile|SelectSingleNode)$/.test(m) && (type === 'XPathNavigator' || type === 'XPathExpression' || /navigator$/i.test(text(call.receiver)))) add('xpath', `XPath ${m}`, [first]);
  return out;
}

/** The sinks at an assignment: `cmd.CommandText = q`, `searcher.Filter = f`, `psi.Arguments = a`. */
export function assignmentSinks(node: SyntaxNode, file: CsFile): Sink[] {
  const a = assignedMember(node);
  if (!a || initializerOwner(node)) return []; // initializers are read with their creation
  const owner = a.target ? typeOf(a.target, file) : undefined;
  const targetText = text(a.target);
  const sink = (kind: SinkKind, label: string, sql?: SqlFamily): Sink[] => [{ kind, label, node, values: [a.value], ...(sql ? { sql } : {}) }];
  if (a.name === 'CommandText' && a.target) return sink('sql', `${owner ?? 'command'}.CommandText`, (owner && SQL_TYPES[owner]) || 'other');
  if ((a.name === 'Arguments' || a.name === 'FileName') && (owner === 'ProcessStartInfo' || /StartInfo$/.test(targetText))) return sink('command', `ProcessStartInfo.${a.name}`);
  if (a.name === 'Filter' && (owner === 'DirectorySearcher' || /searcher$/i.test(targetText))) return sink('ldap', 'DirectorySearcher.Filter');
  if (a.name === 'BaseAddress' && a.target && isHttpClient(a.target, file)) return sink('ssrf', 'HttpClient.BaseAddress');
  if (a.name === 'RequestUri' && (owner === 'HttpRequestMessage' || /request$/i.test(targetText)) && owner !== 'HttpRequest') return sink('ssrf', 'HttpRequestMessage.RequestUri');
  if (a.name === 'Path' && (owner === 'DirectoryEntry' || /entry$/i.test(targetText)) && owner !== undefined) return sink('ldap', 'DirectoryEntry.Path');
  return [];
}

const memo = new WeakMap<CsFile, Map<number, Sink[]>>();

/** The sinks at a node, computed once per file and node whatever the number of rules asking. */
export function sinksAt(node: SyntaxNode, file: CsFile): Sink[] {
  let byNode = memo.get(file);
  if (!byNode) memo.set(file, (byNode = new Map()));
  let sinks = byNode.get(node.id);
  if (!sinks) byNode.set(node.id, (sinks = node.type === 'assignment_expression' ? assignmentSinks(node, file) : callSinks(node, file)));
  return sinks;
}

export const SINK_NODE_TYPES = ['invocation_expression', 'object_creation_expression', 'assignment_expression'] as const;
