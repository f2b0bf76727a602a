// C# taint flows on the shared core: sources (action, page-handler and minimal-API parameters,
// Request.*), propagation (locals, interpolation, +, StringBuilder, same-file helpers), sanitisers and
// validators, and the message and flow each finding carries.
import type { CodeHit } from '../../types';
import { csharpAnalyzer } from '..';

async function taint(code: string, path = 'Controllers/ShopController.cs'): Promise<CodeHit[]> {
  const only = new Set(csharpAnalyzer.rules.filter((r) => r.taint).map((r) => r.id));
  return csharpAnalyzer.analyze([{ path, text: code }], { only, warn: () => {} });
}

const controller = (body: string) => `using Microsoft.Data.SqlClient;\nusing System.Diagnostics;\npublic class ShopController : Controller {\n${body}\n}\n`;

test('an action parameter reaches SqlCommand through interpolation: message names the parameter, flow goes source → assignment → sink', async () => {
  const hits = await taint(controller('  public IActionResult Product(string id) {\n    var sql = $"SELECT * FROM Products WHERE Id = \'{id}\'";\n    using var cmd = new SqlCommand(sql, _conn);\n    return View(cmd.ExecuteReader());\n  }'));
  expect(hits).toHaveLength(1);
  expect(hits[0]).toMatchObject({ ruleId: 'CODE-CS-TAINT-SQL', line: 6, message: 'id (parameter, line 4) reaches SqlCommand (line 6)' });
  expect(hits[0].flow!.map((s) => s.line)).toEqual([4, 5, 6]);
  expect(hits[0].flow![0]).toMatchObject({ line: 4, label: 'id' });
});

test('Request.Query read in place, through a StringBuilder, to CommandText', async () => {
  const hits = await taint(
    controller('  public IActionResult List() {\n    var sb = new StringBuilder("SELECT * FROM Items ORDER BY ");\n    sb.Append(Request.Query["sort"]);\n    var cmd = _conn.CreateCommand();\n    cmd.CommandText = sb.ToString();\n    return View(cmd.ExecuteReader());\n  }'),
  );
  expect(hits.map((h) => [h.ruleId, h.line])).toEqual([['CODE-CS-TAINT-SQL', 8]]);
  expect(hits[0].message).toBe('Request.Query["sort"] (line 6) reaches command.CommandText (line 8)');
});

test('a helper of the same file carries the flow (its summary): parameter → helper → Process.Start inside it', async () => {
  const hits = await taint(controller('  [HttpPost]\n  public IActionResult Convert(string file) { Run("-i " + file); return Ok(); }\n  private static void Run(string args) => Process.Start("ffmpeg", args);'));
  expect(hits.map((h) => [h.ruleId, h.line, h.message])).toEqual([['CODE-CS-TAINT-COMMAND', 6, 'file (parameter, line 5) reaches Process.Start (line 6)']]);
  expect(hits[0].flow!.length).toBeGreaterThanOrEqual(3);
});

test('minimal API route handler parameters are sources; injected services and numbers are not', async () => {
  const code = [
    'var app = WebApplication.Create(args);',
    'app.MapGet("/files/{name}", (string name, IFileStore store, int size) => Results.Text(File.ReadAllText("/srv/" + name)));',
    'app.MapGet("/size/{size}", (int size) => File.ReadAllText("/srv/" + size));',
    'app.MapGet("/store", (IFileStore store) => File.ReadAllText(store.Root + "/index"));',
  ].join('\n');
  const hits = await taint(code, 'Program.cs');
  expect(hits.map((h) => [h.ruleId, h.line])).toEqual([['CODE-CS-TAINT-PATH', 2]]);
});

test('Razor Pages handlers and Web API controllers are sources; a private method of a controller and a non-controller class are not', async () => {
  const page = 'public class SearchModel : PageModel {\n  public void OnGet(string q) { Response.WriteAsync("<p>" + q + "</p>"); }\n}\n';
  const api = 'public class ItemsController : ApiController {\n  public IHttpActionResult Get(string id) { new SqlCommand("SELECT * FROM I WHERE id=" + id); return Ok(); }\n}\n';
  const service = 'public class ItemsService {\n  public void Get(string id) { new SqlCommand("SELECT * FROM I WHERE id=" + id); }\n}\n';
  const privateAction = 'public class ItemsController : Controller {\n  private void Get(string id) { new SqlCommand("SELECT * FROM I WHERE id=" + id); }\n}\n';
  expect((await taint(page, 'Pages/Search.cshtml.cs')).map((h) => h.ruleId)).toEqual(['CODE-CS-TAINT-XSS']);
  expect((await taint(api)).map((h) => h.ruleId)).toEqual(['CODE-CS-TAINT-SQL']);
  expect(await taint(service)).toEqual([]);
  expect(await taint(privateAction)).toEqual([]);
});

test('sanitisers stop their kind only: Path.GetFileName clears a path, not SQL; HtmlEncode clears HTML', async () => {
  const hits = await taint(
    controller(
      [
        '  public IActionResult A(string name) {',
        '    var safe = Path.GetFileName(name);',
        '    var text = System.IO.File.ReadAllText(Path.Combine("/srv", safe));',
        '    new SqlCommand("SELECT * FROM F WHERE n = \'" + safe + "\'", _conn);',
        '    Response.WriteAsync(HtmlEncoder.Default.Encode(name));',
        '    return Ok();',
        '  }',
      ].join('\n'),
    ),
  );
  expect(hits.map((h) => [h.ruleId, h.line])).toEqual([['CODE-CS-TAINT-SQL', 7]]);
});

test('a validator in a condition (Url.IsLocalUrl, Regex.IsMatch, an allow-list) clears the variable from there on', async () => {
  const code = controller(
    [
      '  public IActionResult Back(string returnUrl, string table, string col) {',
      '    if (!Url.IsLocalUrl(returnUrl)) return BadRequest();',
      '    if (!Regex.IsMatch(table, "^[a-z_]+$")) return BadRequest();',
      '    if (!AllowedColumns.Contains(col)) return BadRequest();',
      '    new SqlCommand($"SELECT {col} FROM {table}", _conn);',
      '    return Redirect(returnUrl);',
      '  }',
    ].join('\n'),
  );
  expect(await taint(code)).toEqual([]);
});

test('[FromServices] parameters and constants do not taint', async () => {
  const hits = await taint(controller('  public IActionResult A([FromServices] Settings s, string q) {\n    Process.Start("backup", s.Target);\n    Process.Start("backup", "--all");\n    return Ok();\n  }'));
  expect(hits).toEqual([]);
});

test('numbers, ids and lists of them are not sources: an IN list of @p placeholders is not injection', async () => {
  const code = controller(
    [
      '  public IActionResult Pick([FromQuery] int[] ids, List<Guid> keys) {',
      '    var cmd = _conn.CreateCommand();',
      '    cmd.CommandText = $"SELECT * FROM Items WHERE Id IN ({string.Join(", ", ids.Select((_, i) => "@p" + i))})";',
      '    new SqlCommand("SELECT * FROM K WHERE k IN (\'" + string.Join("\',\'", keys) + "\')", _conn);',
      '    return View(cmd.ExecuteReader());',
      '  }',
    ].join('\n'),
  );
  expect(await taint(code)).toEqual([]);
});

test('statements inside #if blocks are analysed', async () => {
  const hits = await taint(controller('  public IActionResult Run(string tool) {\n#if DEBUG\n    Process.Start(tool);\n#endif\n    return Ok();\n  }'));
  expect(hits.map((h) => [h.ruleId, h.line])).toEqual([['CODE-CS-TAINT-COMMAND', 6]]);
});

test('URLs built by the app\'s router are not open redirects; File.Exists is a check, not a sink', async () => {
  const code = controller('  public IActionResult Go(string id, string name) {\n    if (System.IO.File.Exists("/srv/" + name)) return Redirect(Url.Action("Details", new { id }));\n    return Redirect(Url.Content("~/orders/" + id));\n  }');
  expect(await taint(code)).toEqual([]);
});
