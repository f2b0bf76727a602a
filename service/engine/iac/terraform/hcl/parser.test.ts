import { readFileSync } from 'fs';
import { join } from 'path';
import type { Attribute, Block, Body, Expression, TemplateExpr } from './ast';
import { parseHcl } from './parser';

const fixture = (name: string) => readFileSync(join(__dirname, 'testdata', name), 'utf8');

/** Every attribute and block as `path@line-endLine[:column]`, depth first. */
function outline(body: Body, prefix = ''): string[] {
  const out: string[] = [];
  for (const item of body.items) {
    if (item.kind === 'attribute') {
      out.push(`${prefix}${item.name}@${item.line}-${item.endLine}:${item.nameColumn}`);
    } else {
      const name = [item.type, ...item.labels].join('.');
      out.push(`${prefix}${name}@${item.line}-${item.endLine}`);
      out.push(...outline(item.body, `${prefix}${name}/`));
    }
  }
  return out;
}

/** Parses `name = <expr>` and returns the expression, with no errors expected. */
function expr(source: string): Expression {
  const { file, errors } = parseHcl(`x = ${source}\n`, 'e.tf');
  expect(errors).toEqual([]);
  return file.body.attributes[0].expr;
}

/** The expression without positions, for compact comparisons. */
function shape(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (key, v) => (['line', 'endLine', 'start', 'end'].includes(key) ? undefined : v)));
}

const v = (root: string, ...attrs: string[]) => ({ kind: 'traversal', root, steps: attrs.map((name) => ({ type: 'attr', name })) });
const lit = (value: unknown) => ({ kind: 'literal', value });

describe('parseHcl on a real-looking azurerm file', () => {
  const { file, errors } = parseHcl(fixture('azurerm.tf'), 'azurerm.tf');

  it('parses without errors', () => {
    expect(errors).toEqual([]);
  });

  it('gives every block and attribute its lines and column', () => {
    expect(outline(file.body)).toEqual([
      'terraform@2-10',
      'terraform/required_version@3-3:3',
      'terraform/required_providers@4-9',
      'terraform/required_providers/azurerm@5-8:5',
      'variable.location@12-16',
      'variable.location/type@13-13:3',
      'variable.location/default@14-14:3',
      'variable.location/description@15-15:3',
      'variable.allowed_ips@18-21',
      'variable.allowed_ips/type@19-19:3',
      'variable.allowed_ips/default@20-20:3',
      'locals@23-30',
      'locals/prefix@24-24:3',
      'locals/tags@25-28:3',
      'locals/upper_ips@29-29:3',
      'module.network@32-38',
      'module.network/source@33-33:3',
      'module.network/address_space@34-34:3',
      'module.network/providers@35-37:3',
      'resource.azurerm_resource_group.rg@40-43',
      'resource.azurerm_resource_group.rg/name@41-41:3',
      'resource.azurerm_resource_group.rg/location@42-42:3',
      'resource.azurerm_storage_account.sa@45-68',
      'resource.azurerm_storage_account.sa/name@47-47:3',
      'resource.azurerm_storage_account.sa/resource_group_name@48-48:3',
      'resource.azurerm_storage_account.sa/location@49-49:3',
      'resource.azurerm_storage_account.sa/account_tier@50-50:3',
      'resource.azurerm_storage_account.sa/account_replication_type@51-51:3',
      'resource.azurerm_storage_account.sa/min_tls_version@52-52:3',
      'resource.azurerm_storage_account.sa/network_rules@55-58',
      'resource.azurerm_storage_account.sa/network_rules/default_action@56-56:5',
      'resource.azurerm_storage_account.sa/network_rules/ip_rules@57-57:5',
      'resource.azurerm_storage_account.sa/dynamic.blob_properties@60-65',
      'resource.azurerm_storage_account.sa/dynamic.blob_properties/for_each@61-61:5',
      'resource.azurerm_storage_account.sa/dynamic.blob_properties/content@62-64',
      'resource.azurerm_storage_account.sa/dynamic.blob_properties/content/versioning_enabled@63-63:7',
      'resource.azurerm_storage_account.sa/tags@67-67:3',
      'resource.azurerm_role_definition.custom@70-82',
      'resource.azurerm_role_definition.custom/name@71-71:3',
      'resource.azurerm_role_definition.custom/scope@72-72:3',
      'resource.azurerm_role_definition.custom/permissions@73-73',
      'resource.azurerm_role_definition.custom/permissions/actions@73-73:17',
      'resource.azurerm_role_definition.custom/assignable_scopes@74-77:3',
      'resource.azurerm_role_definition.custom/description@78-81:3',
    ]);
  });

  it('keeps attributes, blocks and the ordered item list consistent', () => {
    const sa = file.body.blocks.find((b) => b.labels[1] === 'sa') as Block;
    expect(sa.body.attributes.map((a) => a.name)).toEqual([
      'name',
      'resource_group_name',
      'location',
      'account_tier',
      'account_replication_type',
      'min_tls_version',
      'tags',
    ]);
    expect(sa.body.blocks.map((b) => b.type)).toEqual(['network_rules', 'dynamic']);
    expect(sa.body.items.map((i) => (i.kind === 'attribute' ? i.name : i.type)).slice(-3)).toEqual(['network_rules', 'dynamic', 'tags']);
  });

  it('keeps comments with their lines, suppressions included', () => {
    expect(file.comments.map((c) => [c.line, c.endLine, c.text])).toEqual([
      [1, 1, '# Storage for the platform team.'],
      [46, 46, '#checkov:skip=CKV_AZURE_35:network rules come from the firewall module'],
      [52, 52, '// vigil:ignore IAC-AZ-001 legacy client'],
      [53, 54, '/* block comment\n     over two lines */'],
    ]);
  });

  it('parses the values rules read', () => {
    const sa = file.body.blocks.find((b) => b.labels[1] === 'sa') as Block;
    const attr = (name: string) => sa.body.attributes.find((a) => a.name === name) as Attribute;
    expect(shape(attr('min_tls_version').expr)).toEqual(lit('TLS1_0'));
    expect(shape(attr('resource_group_name').expr)).toEqual(v('azurerm_resource_group', 'rg', 'name'));
    const custom = file.body.blocks.find((b) => b.labels[1] === 'custom') as Block;
    const description = custom.body.attributes.find((a) => a.name === 'description')?.expr as TemplateExpr;
    expect(description.kind).toBe('template');
    expect(shape(description.parts)).toEqual([lit('Custom role for '), v('local', 'prefix'), lit('.\n  Indented line.\n')]);
    expect(description.heredoc).toEqual({ marker: 'EOT', flush: true });
  });

  it('records source offsets that slice back to the expression text', () => {
    const rg = file.body.blocks.find((b) => b.labels[1] === 'rg') as Block;
    const name = rg.body.attributes[0].expr;
    expect(file.source.slice(name.start, name.end)).toBe('"${local.prefix}-rg"');
  });
});

describe('parseHcl bodies', () => {
  it('parses one-line blocks, empty blocks and blocks with identifier labels', () => {
    const { file, errors } = parseHcl('a { b = 1 }\nc "x" y {}\nd {\n}\n', 'b.tf');
    expect(errors).toEqual([]);
    expect(file.body.blocks.map((b) => [b.type, b.labels, b.body.attributes.map((a) => a.name), b.line, b.endLine])).toEqual([
      ['a', [], ['b'], 1, 1],
      ['c', ['x', 'y'], [], 2, 2],
      ['d', [], [], 3, 4],
    ]);
  });

  it('accepts CRLF line endings, a BOM and a last line without a newline', () => {
    const { file, errors } = parseHcl('\ufeffa = 1\r\nb {\r\n  c = "x" # note\r\n}\r\nd = 2', 'crlf.tf');
    expect(errors).toEqual([]);
    expect(outline(file.body)).toEqual(['a@1-1:1', 'b@2-4', 'b/c@3-3:3', 'd@5-5:1']);
    expect(file.comments.map((c) => c.text)).toEqual(['# note']);
  });

  it('reports an attribute defined twice', () => {
    const { errors } = parseHcl('a = 1\na = 2\n', 'dup.tf');
    expect(errors).toEqual([{ line: 2, column: 1, message: "attribute 'a' is defined more than once" }]);
  });

  it('rejects interpolation in block labels', () => {
    const { file, errors } = parseHcl('resource "a_${x}" "b" {\n}\nok = 1\n', 'label.tf');
    expect(errors).toHaveLength(1);
    expect(errors[0].line).toBe(1);
    expect(file.body.attributes.map((a) => a.name)).toEqual(['ok']);
  });
});

describe('parseHcl expressions', () => {
  it('parses numbers, booleans, null and negative literals', () => {
    expect(shape(expr('1.5e3'))).toEqual(lit(1500));
    expect(shape(expr('-7'))).toEqual(lit(-7));
    expect(shape(expr('[true, false, null]'))).toEqual({ kind: 'tuple', items: [lit(true), lit(false), lit(null)] });
  });

  it('decodes string escapes and the literal ${ and %{ escapes', () => {
    expect(shape(expr('"a\\n\\t\\"\\\\\\u00e9\\U0001F600"'))).toEqual(lit('a\n\t"\\é😀'));
    expect(shape(expr('"$${x} %%{y}"'))).toEqual(lit('${x} %{y}'));
  });

  it('reports an invalid escape sequence but keeps the string', () => {
    const { file, errors } = parseHcl('x = "a\\qb"\n', 'esc.tf');
    expect(errors).toEqual([{ line: 1, column: 7, message: "invalid escape sequence '\\q'" }]);
    expect(shape(file.body.attributes[0].expr)).toEqual(lit('aqb'));
  });

  it('parses interpolations with strip markers and template directives', () => {
    expect(shape(expr('"a ${~ b ~} c"'))).toEqual({ kind: 'template', heredoc: null, parts: [lit('a'), v('b'), lit('c')] });
    expect(shape(expr('"%{ if x }yes%{ else }no%{ endif }"'))).toEqual({
      kind: 'template',
      heredoc: null,
      parts: [{ kind: 'templateIf', condition: v('x'), then: [lit('yes')], else: [lit('no')] }],
    });
    expect(shape(expr('"%{ for k, s in list }${k}=${s};%{ endfor }"'))).toEqual({
      kind: 'template',
      heredoc: null,
      parts: [{ kind: 'templateFor', keyVar: 'k', valueVar: 's', collection: v('list'), body: [v('k'), lit('='), v('s'), lit(';')] }],
    });
  });

  it('parses heredocs: raw, flush with indentation stripped, and interpolated', () => {
    expect(shape(expr('<<EOT\n  keep\n    indent\nEOT'))).toEqual(lit('  keep\n    indent\n'));
    expect(shape(expr('<<-EOT\n    a\n\n      b\n    EOT'))).toEqual(lit('a\n\n  b\n'));
    expect(shape(expr('<<-JSON\n  {"v": "${var.v}"}\n  JSON'))).toEqual({
      kind: 'template',
      heredoc: { marker: 'JSON', flush: true },
      parts: [lit('{"v": "'), v('var', 'v'), lit('"}\n')],
    });
  });

  it('gives a heredoc attribute its full line range and continues after it', () => {
    const { file, errors } = parseHcl('a = <<EOT\nx\ny\nEOT\nb = 2\n', 'h.tf');
    expect(errors).toEqual([]);
    expect(outline(file.body)).toEqual(['a@1-4:1', 'b@5-5:1']);
  });

  it('parses traversals: attributes, indexes, legacy .0, splats', () => {
    expect(shape(expr('a.b[0]["k"].c'))).toEqual({
      kind: 'traversal',
      root: 'a',
      steps: [
        { type: 'attr', name: 'b' },
        { type: 'index', key: lit(0) },
        { type: 'index', key: lit('k') },
        { type: 'attr', name: 'c' },
      ],
    });
    expect(shape(expr('a.0.b'))).toEqual({
      kind: 'traversal',
      root: 'a',
      steps: [
        { type: 'index', key: lit(0) },
        { type: 'attr', name: 'b' },
      ],
    });
    expect(shape(expr('a.*.b'))).toEqual({ kind: 'splat', source: v('a'), steps: [{ type: 'attr', name: 'b' }], full: false });
    expect(shape(expr('a[*].b[0]'))).toEqual({
      kind: 'splat',
      source: v('a'),
      steps: [
        { type: 'attr', name: 'b' },
        { type: 'index', key: lit(0) },
      ],
      full: true,
    });
    expect(shape(expr('f(x).y'))).toEqual({
      kind: 'relative',
      source: { kind: 'call', name: 'f', args: [v('x')], expandFinal: false },
      steps: [{ type: 'attr', name: 'y' }],
    });
  });

  it('parses function calls with provider namespaces and argument expansion', () => {
    expect(shape(expr('provider::azurerm::normalise_resource_id(id)'))).toEqual({
      kind: 'call',
      name: 'provider::azurerm::normalise_resource_id',
      args: [v('id')],
      expandFinal: false,
    });
    expect(shape(expr('min(\n  1,\n  xs...\n)'))).toEqual({ kind: 'call', name: 'min', args: [lit(1), v('xs')], expandFinal: true });
  });

  it('applies the spec precedence and left associativity', () => {
    const bin = (op: string, left: unknown, right: unknown) => ({ kind: 'binary', op, left, right });
    const sum = bin('+', v('d'), bin('*', v('e'), v('f')));
    expect(shape(expr('a || b && c == d + e * f'))).toEqual(bin('||', v('a'), bin('&&', v('b'), bin('==', v('c'), sum))));
    expect(shape(expr('a - b - c'))).toEqual(bin('-', bin('-', v('a'), v('b')), v('c')));
    const not = { kind: 'unary', op: '!', operand: v('a') };
    expect(shape(expr('!a != -b'))).toEqual(bin('!=', not, { kind: 'unary', op: '-', operand: v('b') }));
    expect(shape(expr('a < 1 ? "x" : b ? "y" : "z"'))).toEqual({
      kind: 'conditional',
      condition: bin('<', v('a'), lit(1)),
      trueResult: lit('x'),
      falseResult: { kind: 'conditional', condition: v('b'), trueResult: lit('y'), falseResult: lit('z') },
    });
    expect(shape(expr('(a + b) * c'))).toEqual(bin('*', { kind: 'parens', expr: bin('+', v('a'), v('b')) }, v('c')));
  });

  it('parses objects with = and :, commas or newlines, quoted and computed keys', () => {
    expect(shape(expr('{\n  a = 1\n  "b" : 2, c = 3,\n  (var.k) = 4\n}'))).toEqual({
      kind: 'object',
      items: [
        { key: lit('a'), value: lit(1) },
        { key: lit('b'), value: lit(2) },
        { key: lit('c'), value: lit(3) },
        { key: { kind: 'parens', expr: v('var', 'k') }, value: lit(4) },
      ],
    });
  });

  it('parses tuple and object for expressions, multi-line, with grouping and conditions', () => {
    expect(shape(expr('[for k, v in x : v if k != ""]'))).toEqual({
      kind: 'for',
      object: false,
      keyVar: 'k',
      valueVar: 'v',
      collection: v('x'),
      keyExpr: null,
      valueExpr: v('v'),
      condition: { kind: 'binary', op: '!=', left: v('k'), right: lit('') },
      grouping: false,
    });
    expect(shape(expr('{\n  for s in var.subnets :\n  s.name => s.id...\n}'))).toEqual({
      kind: 'for',
      object: true,
      keyVar: null,
      valueVar: 's',
      collection: v('var', 'subnets'),
      keyExpr: v('s', 'name'),
      valueExpr: v('s', 'id'),
      condition: null,
      grouping: true,
    });
  });

  it('skips comments and newlines inside brackets, allows trailing commas, and gives items their lines', () => {
    const { file, errors } = parseHcl('x = [\n  "a", # first\n  /* second */ "b",\n  f(\n    1,\n  ),\n]\n', 'l.tf');
    expect(errors).toEqual([]);
    const tuple = file.body.attributes[0].expr;
    if (tuple.kind !== 'tuple') throw new Error('expected a tuple');
    expect(tuple.items.map((i) => [i.kind, i.line, i.endLine])).toEqual([
      ['literal', 2, 2],
      ['literal', 3, 3],
      ['call', 4, 6],
    ]);
    expect([tuple.line, tuple.endLine]).toEqual([1, 7]);
    expect(file.comments.map((c) => [c.line, c.text])).toEqual([
      [2, '# first'],
      [3, '/* second */'],
    ]);
  });

  it('strips whitespace around directives with ~ in a flush heredoc', () => {
    const source = '<<-EOT\n  %{~ for s in list ~}\n  - ${s}\n  %{~ endfor ~}\n  EOT';
    expect(shape(expr(source))).toEqual({
      kind: 'template',
      heredoc: { marker: 'EOT', flush: true },
      parts: [{ kind: 'templateFor', keyVar: null, valueVar: 's', collection: v('list'), body: [lit('- '), v('s')] }],
    });
  });

  it('treats `for` followed by something else as an ordinary key', () => {
    expect(shape(expr('{ for = 1 }'))).toEqual({ kind: 'object', items: [{ key: lit('for'), value: lit(1) }] });
  });
});

describe('parseHcl on malformed input', () => {
  it('reports an unclosed block and keeps what it parsed', () => {
    const { file, errors } = parseHcl('resource "a" "b" {\n  name = "x"\n', 'open.tf');
    expect(errors).toEqual([{ line: 1, column: 1, message: "unclosed block 'resource': missing '}'" }]);
    expect(file.body.blocks[0].body.attributes[0].name).toBe('name');
  });

  it('reports a bad token and recovers at the next line', () => {
    const { file, errors } = parseHcl('a = 1\nb = @oops\nc = 3\nd { e = $ }\nf = 6\n', 'bad.tf');
    expect(errors.map((e) => [e.line, e.column])).toEqual([
      [2, 5],
      [4, 9],
    ]);
    expect(errors[0].message).toBe("expected an expression, found '@'");
    expect(file.body.attributes.map((a) => a.name)).toEqual(['a', 'c', 'f']);
  });

  it('recovers from an error inside a multi-line object without closing the enclosing block', () => {
    const src = 'r "t" "n" {\n  tags = {\n    a = 1\n    b = = 2\n    c = 3\n  }\n  after = true\n}\nlast = 1\n';
    const { file, errors } = parseHcl(src, 'obj.tf');
    expect(errors.map((e) => e.line)).toEqual([4]);
    expect(file.body.blocks[0].body.attributes.map((a) => a.name)).toEqual(['after']);
    expect(file.body.attributes.map((a) => a.name)).toEqual(['last']);
  });

  it('keeps comments on lines skipped after an error', () => {
    const { file, errors } = parseHcl('a = @bad # checkov:skip=CKV_AZURE_1:reason\nb = 1 // after\n', 'skip.tf');
    expect(errors).toHaveLength(1);
    expect(file.comments.map((c) => [c.line, c.text])).toEqual([
      [1, '# checkov:skip=CKV_AZURE_1:reason'],
      [2, '// after'],
    ]);
  });

  it('reports a stray closing brace and a missing newline between attributes', () => {
    const { file, errors } = parseHcl('}\na = 1 b = 2\nc = 3\n', 'stray.tf');
    expect(errors.map((e) => [e.line, e.message])).toEqual([
      [1, "unexpected '}' at top level"],
      [2, "expected a newline after the attribute value, found identifier"],
    ]);
    expect(file.body.attributes.map((a) => a.name)).toEqual(['a', 'c']);
  });

  it('reports unterminated strings, heredocs and comments', () => {
    expect(parseHcl('a = "open\nb = 2\n', 's.tf').errors.map((e) => e.line)).toEqual([1]);
    expect(parseHcl('a = "open\nb = 2\n', 's.tf').file.body.attributes.map((a) => a.name)).toEqual(['b']);
    expect(parseHcl('a = <<EOT\nno end\n', 'h.tf').errors[0].message).toBe("unterminated heredoc: no closing 'EOT' line");
    expect(parseHcl('a = 1 /* open\n', 'c.tf').errors[0].message).toBe('unterminated /* comment');
  });

  it('bounds nesting depth instead of overflowing the stack', () => {
    const deep = 10_000;
    for (const [open, close] of [
      ['[', ']'],
      ['(', ')'],
      ['{a=', '}'],
      ['!', ''],
      ['"${', '}"'],
    ]) {
      const src = `x = ${open.repeat(deep)}1${close.repeat(deep)}\ny = 2\n`;
      const { file, errors } = parseHcl(src, 'deep.tf');
      expect(errors.length).toBeGreaterThan(0);
      expect(errors[0].message).toMatch(/nested deeper than 256 levels/);
      expect(file.body.attributes.map((a) => a.name)).toEqual(['y']);
    }
    const blocks = `${'b {\n'.repeat(deep)}${'}\n'.repeat(deep)}after = 1\n`;
    const result = parseHcl(blocks, 'deep-blocks.tf');
    expect(result.errors.map((e) => e.message)).toEqual(['blocks nested deeper than 256 levels']);
    expect(result.file.body.attributes.map((a) => a.name)).toEqual(['after']);
  });

  it('reports replacement characters from invalid UTF-8 outside strings, keeps them inside', () => {
    const bytes = [...Buffer.from('a = "x'), 0xff, ...Buffer.from('"\n'), 0xc3, ...Buffer.from(' = 1\nb = 2\n')];
    const text = Buffer.from(bytes).toString('utf8');
    const { file, errors } = parseHcl(text, 'utf8.tf');
    expect(shape(file.body.attributes[0].expr)).toEqual(lit('x\ufffd'));
    expect(errors).toEqual([{ line: 2, column: 1, message: "expected an attribute name or a block type, found '\ufffd'" }]);
    expect(file.body.attributes.map((a) => a.name)).toEqual(['a', 'b']);
  });

  it('never throws on arbitrary input', () => {
    const pieces = ['a', '=', '{', '}', '[', ']', '(', ')', '"', '${', '%{', '<<EOT\n', '\n', '#', '/*', '*/', ',', '.', '*'];
    pieces.push('?', ':', '1', '...', '=>', '~', '\\', '%{ if x }', '%{ endif }', '${~', '~}');
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 500; i++) {
      let src = '';
      for (let j = 0; j < 40; j++) src += pieces[Math.floor(random() * pieces.length)] + (random() < 0.3 ? ' ' : '');
      const { errors } = parseHcl(src, 'fuzz.tf');
      for (const e of errors) expect(e.line).toBeGreaterThanOrEqual(1);
    }
  });
});
