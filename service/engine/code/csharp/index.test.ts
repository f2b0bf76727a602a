// The C# analyser over whole files: syntax errors are warnings with the file and line and the rest is
// still analysed, deep nesting hits a bound (never a stack overflow), a global anti-forgery filter in
// one file clears the CSRF findings of the others, and a pattern finding gives way to the taint one.
import type { AnalyzeContext, CodeHit } from '../types';
import { csharpAnalyzer } from '.';

interface Warning {
  code: string;
  message: string;
  path: string;
}

async function run(files: Record<string, string>, only?: string[]): Promise<{ hits: CodeHit[]; warnings: Warning[] }> {
  const warnings: Warning[] = [];
  const ctx: AnalyzeContext = { warn: (code, message, path) => warnings.push({ code, message, path }), ...(only ? { only: new Set(only) } : {}) };
  const hits = await csharpAnalyzer.analyze(Object.entries(files).map(([path, text]) => ({ path, text })), ctx);
  return { hits, warnings };
}

const ids = (hits: CodeHit[]) => hits.map((h) => `${h.ruleId}@${h.line}`).sort();

test('wants .cs files only', () => {
  expect(['Program.cs', 'src/Web/HomeController.CS', 'app.csx', 'view.cshtml', 'x.cs.bak'].map((p) => csharpAnalyzer.wants(p))).toEqual([true, true, false, false, false]);
});

test('a syntax error is a parse-error warning with the file and line; the code after it is still analysed', async () => {
  const code = [
    'using System.Security.Cryptography;',
    'class Broken {',
    '  void M( {',
    '    var x = ;',
    '  }',
    '  byte[] H(byte[] d) => MD5.Create().ComputeHash(d);',
    '}',
  ].join('\n');
  const { hits, warnings } = await run({ 'src/Broken.cs': code }, ['CODE-CS-WEAK-HASH']);
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).toMatchObject({ code: 'parse-error', path: 'src/Broken.cs' });
  expect(warnings[0].message).toMatch(/^C# syntax error at line [34] /);
  expect(ids(hits)).toEqual(['CODE-CS-WEAK-HASH@6']);
});

test('a broken member inside a class names the broken line, not the class line of the enclosing ERROR node', async () => {
  const code = ['using System.Diagnostics;', 'public class A : Controller {', '  public IActionResult Run(string c) { Process.Start("sh", "-c " + c); return Ok(); }', '  public void Broken( {', '}'].join('\n');
  const { warnings } = await run({ 'Controllers/A.cs': code }, ['CODE-CS-TAINT-COMMAND']);
  expect(warnings.map((w) => w.message)).toEqual(['C# syntax error at line 4 (unexpected "("); the rest of the file was still analysed']);
});

test('deeply nested expressions hit the depth bound with a warning, not a stack overflow', async () => {
  const depth = 5000;
  const nested = `${'('.repeat(depth)}p${')'.repeat(depth)}`;
  const concat = `"SELECT " + ${Array.from({ length: 3000 }, (_, i) => `p${i}`).join(' + ')}`;
  const chain = `p${'.Next'.repeat(300)}`;
  const code = `public class DeepController : Controller {\n  public IActionResult A(string p) {\n    var x = ${nested};\n    var q = ${concat};\n    return Redirect(Request.Query["u"]);\n  }\n  public void B(string p) { var y = ${chain}; }\n}\n`;
  const { hits, warnings } = await run({ 'Deep.cs': code });
  expect(warnings.map((w) => w.code)).toContain('depth-limit');
  expect(warnings.map((w) => w.code)).toContain('taint-limit');
  expect(warnings.every((w) => w.path === 'Deep.cs')).toBe(true);
  // What lies outside the cut is still analysed.
  expect(hits.some((h) => h.ruleId === 'CODE-CS-TAINT-REDIRECT' && h.line === 5)).toBe(true);
});

test('a global anti-forgery filter in Program.cs clears the CSRF findings of every controller in the scan', async () => {
  const controller = 'public class ProfileController : Controller {\n  [HttpPost]\n  public IActionResult Save(Profile p) => Ok();\n}\n';
  const program = 'var builder = WebApplication.CreateBuilder(args);\nbuilder.Services.AddControllersWithViews(options => options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute()));\n';
  expect(ids((await run({ 'Controllers/ProfileController.cs': controller }, ['CODE-CS-CSRF'])).hits)).toEqual(['CODE-CS-CSRF@3']);
  expect((await run({ 'Controllers/ProfileController.cs': controller, 'Program.cs': program }, ['CODE-CS-CSRF'])).hits).toEqual([]);
});

test('where request data reaches a sink, the taint finding stands for it; a built query from elsewhere stays a pattern finding', async () => {
  const code = [
    'using Microsoft.Data.SqlClient;',
    'public class ReportsController : Controller {',
    '  public IActionResult ByRegion(string region) {',
    '    var cmd = new SqlCommand("SELECT * FROM Sales WHERE Region = \'" + region + "\'", _conn);',
    '    return View(cmd.ExecuteReader());',
    '  }',
    '  private void Nightly(string table) {',
    '    new SqlCommand("DELETE FROM " + table, _conn).ExecuteNonQuery();',
    '  }',
    '}',
  ].join('\n');
  const { hits } = await run({ 'ReportsController.cs': code }, ['CODE-CS-SQLI-SQLCLIENT', 'CODE-CS-TAINT-SQL']);
  expect(ids(hits)).toEqual(['CODE-CS-SQLI-SQLCLIENT@8', 'CODE-CS-TAINT-SQL@4']);
  // Alone, the pattern rule reports both.
  expect(ids((await run({ 'ReportsController.cs': code }, ['CODE-CS-SQLI-SQLCLIENT'])).hits)).toEqual(['CODE-CS-SQLI-SQLCLIENT@4', 'CODE-CS-SQLI-SQLCLIENT@8']);
});

test('hits carry the sink code for the fingerprint and 1-based positions', async () => {
  const { hits } = await run({ 'Crypto.cs': 'class C {\n  object A() => DES.Create();\n}\n' }, ['CODE-CS-WEAK-CIPHER']);
  expect(hits).toEqual([expect.objectContaining({ ruleId: 'CODE-CS-WEAK-CIPHER', path: 'Crypto.cs', line: 2, column: 17, sinkText: 'DES.Create()' })]);
});
