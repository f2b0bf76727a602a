// The C# context: what a call denotes after using directives (plain, qualified, aliased, static),
// the declared type of a variable, and whether a string is constant, built or unknown.
import { parseWith, type SyntaxNode, type SyntaxTree } from '../../tree-sitter';
import { readCall, readUsings, stringKind, typeOf, type CsFile } from './context';

const GRAMMAR = 'tree-sitter-c-sharp/tree-sitter-c_sharp.wasm';
const trees: SyntaxTree[] = [];

async function fileOf(code: string): Promise<CsFile> {
  const tree = await parseWith(GRAMMAR, code);
  trees.push(tree);
  return { path: 'Program.cs', text: code, root: tree.rootNode, project: new Set(), ...readUsings(tree.rootNode) };
}

afterAll(() => trees.forEach((t) => t.delete()));

const nodes = (file: CsFile, type: string): SyntaxNode[] => file.root.descendantsOfType(type).filter((n): n is SyntaxNode => !!n);
const calls = (file: CsFile) => nodes(file, 'invocation_expression').map((n) => readCall(n, file)).map((c) => c && `${c.type ?? '?'}.${c.name}`);

describe('using directives', () => {
  test('Process.Start plain, fully qualified, through an alias and through using static are one call', async () => {
    const file = await fileOf(
      [
        'using System.Diagnostics;',
        'using P = System.Diagnostics.Process;',
        'using static System.Diagnostics.Process;',
        'using Sql = Microsoft.Data.SqlClient;',
        'class C {',
        '  void M(string a) {',
        '    Process.Start(a);',
        '    System.Diagnostics.Process.Start(a);',
        '    global::System.Diagnostics.Process.Start(a);',
        '    P.Start(a);',
        '    Start(a);',
        '    Helper(a);',
        '  }',
        '}',
      ].join('\n'),
    );
    expect(file.aliases.get('P')).toBe('System.Diagnostics.Process');
    expect(file.staticUsings).toEqual(['System.Diagnostics.Process']);
    expect(calls(file)).toEqual(['Process.Start', 'Process.Start', 'Process.Start', 'Process.Start', 'Process.Start', '?.Helper']);
  });

  test('object creations resolve aliases and qualified names to the simple type', async () => {
    const file = await fileOf('using Sql = Microsoft.Data.SqlClient.SqlCommand;\nclass C { void M() { var a = new Sql(q); var b = new System.Data.SqlClient.SqlCommand(q); var c = new List<string>(); } }\n');
    expect(nodes(file, 'object_creation_expression').map((n) => readCall(n, file)?.name)).toEqual(['SqlCommand', 'SqlCommand', 'List']);
  });
});

describe('declared types', () => {
  test('a variable is its declared type, or the created type when more precise; a type name is itself', async () => {
    const file = await fileOf(
      [
        'class C {',
        '  private readonly IFormatter _f = new BinaryFormatter();',
        '  void M(SqlCommand cmd, Stream s) {',
        '    var md5 = MD5.Create();',
        '    var rnd = new Random();',
        '    cmd.ExecuteReader(); _f.Deserialize(s); md5.ComputeHash(s); rnd.Next(); this._f.Deserialize(s); File.ReadAllText(p);',
        '  }',
        '}',
      ].join('\n'),
    );
    expect(calls(file)).toEqual(['MD5.Create', 'SqlCommand.ExecuteReader', 'BinaryFormatter.Deserialize', 'MD5.ComputeHash', 'Random.Next', 'BinaryFormatter.Deserialize', 'File.ReadAllText']);
  });

  test('a local shadows a field of the same name', async () => {
    const file = await fileOf('class C {\n  Random r;\n  void M() { SqlCommand r = null; r.ExecuteReader(); }\n  void N() { r.Next(); }\n}\n');
    expect(calls(file)).toEqual(['SqlCommand.ExecuteReader', 'Random.Next']);
  });
});

describe('string kinds', () => {
  async function kinds(body: string): Promise<string[]> {
    const file = await fileOf(`enum Sort { Name, Date }\nclass C {\n  const string T = "Users";\n  static readonly string R = "x";\n  void M(string p, int n) {\n${body}\n  }\n}\n`);
    return nodes(file, 'invocation_expression').filter((c) => c.childForFieldName('function')?.text === 'Use').map((c) => stringKind(c.childForFieldName('arguments')!.namedChild(0)!.namedChild(0), file));
  }

  test('literals, const names and concatenations of them are constant', async () => {
    expect(await kinds('Use("a"); Use(@"b"); Use("""c"""); Use("a" + T); Use(R + "b"); Use($"x {T}"); Use(nameof(M)); Use(string.Format("{0}", T));')).toEqual(Array(8).fill('const'));
  });

  test('interpolation, + and string.Format with a non-constant piece are built; a bare parameter is unknown', async () => {
    expect(await kinds('Use($"a {p}"); Use("a" + p); Use("a" + p + "b"); Use(string.Format("{0}", p)); Use(String.Concat("a", p)); Use(p); Use(Load());')).toEqual(['built', 'built', 'built', 'built', 'built', 'opaque', 'opaque']);
  });

  test('numbers, booleans, ids, dates and enums of the file cannot carry an injection: pieces of those types are constant', async () => {
    expect(await kinds('Use("a" + n + "b"); Use($"Id = {n}"); Guid g = Guid.NewGuid(); Use("x" + g); DateTime? d = null; Use($"{d}"); Sort s = Sort.Name; Use("ORDER BY " + s); Use("a" + p + n);')).toEqual(['const', 'const', 'const', 'const', 'const', 'built']);
  });

  test('an allow-list of literals guards a piece: after `if (!Allowed.Contains(x)) throw`, inside `if (Allowed.Contains(x))`', async () => {
    const file = await fileOf(
      'class R {\n  private static readonly HashSet<string> Allowed = new(StringComparer.OrdinalIgnoreCase) { "Name", "Email" };\n  string[] Open = Load();\n  void M(string col, string other) {\n    if (!Allowed.Contains(col)) throw new ArgumentException(nameof(col));\n    Use($"ORDER BY {col}");\n    Use($"ORDER BY {other}");\n    if (Open.Contains(other)) Use($"ORDER BY {other}");\n  }\n  void N(string col) {\n    var cols = new[] { "a", "b" };\n    if (cols.Contains(col)) { Use("x" + col); }\n    Use("y" + col);\n  }\n}\n',
    );
    const uses = nodes(file, 'invocation_expression').filter((c) => c.childForFieldName('function')?.text === 'Use');
    expect(uses.map((c) => stringKind(c.childForFieldName('arguments')!.namedChild(0)!.namedChild(0), file))).toEqual(['const', 'built', 'built', 'const', 'built']);
  });

  test('a switch expression is the union of its arms', async () => {
    expect(await kinds('var c = p switch { "n" => "Name", _ => T }; Use("ORDER BY " + c); var d = p switch { "n" => "Name", _ => p }; Use("ORDER BY " + d);')).toEqual(['const', 'built']);
  });

  test('locals are followed through their initializer and assignments, StringBuilders through their appends', async () => {
    const body = [
      'var a = "SELECT 1"; Use(a);',
      'var b = "SELECT * FROM t WHERE x = " + p; Use(b);',
      'var c = "SELECT"; c += " WHERE x = " + p; Use(c);',
      'var d = "SELECT"; d += " ORDER BY 1"; Use(d);',
      'var sb = new StringBuilder("SELECT "); sb.Append(p).Append(" FROM t"); Use(sb.ToString());',
      'var sb2 = new StringBuilder(); sb2.Append("SELECT 1"); Use(sb2.ToString());',
      'var e = cond ? "a" : p + "b"; Use(e);',
    ].join('\n');
    expect(await kinds(body)).toEqual(['const', 'built', 'built', 'const', 'built', 'const', 'built']);
  });
});

test('typeOf of a static member owner and of `this.field`', async () => {
  const file = await fileOf('class C { CipherMode m; void M() { var x = CipherMode.ECB; var y = this.m; } }');
  const access = nodes(file, 'member_access_expression');
  expect(access.map((a) => typeOf(a.childForFieldName('expression'), file))).toEqual(['CipherMode', undefined]);
  expect(typeOf(access[1], file)).toBe('CipherMode');
});
