import { readFileSync } from 'fs';
import { join } from 'path';
import type { Body } from './ast';
import { type EvalContext, type HclValue, type Reference, evaluateExpression } from './eval';
import { parseHcl } from './parser';
import { references } from './refs';
import { Unknown, isUnknown } from './unknown';

const scope = {
  var: {
    location: 'westeurope',
    env: 'prod',
    ips: ['10.0.0.1', '10.0.0.2'],
    subnets: { b: { cidr: '10.0.2.0/24' }, a: { cidr: '10.0.1.0/24' } },
    n: 3,
  },
  local: { prefix: 'vigil', tags: { owner: 'platform' } },
  each: { key: 'app', value: { tier: 'web' } },
  count: { index: 1 },
};

function evaluate(source: string, extra: Partial<EvalContext> = {}): HclValue {
  const { file, errors } = parseHcl(`x = ${source}\n`, 'e.tf');
  expect(errors).toEqual([]);
  return evaluateExpression(file.body.attributes[0].expr, { source: file.source, scope, ...extra });
}

function unknown(source: string, extra: Partial<EvalContext> = {}): Unknown {
  const value = evaluate(source, extra);
  if (!isUnknown(value)) throw new Error(`expected Unknown, got ${JSON.stringify(value)}`);
  return value;
}

describe('evaluateExpression: known values', () => {
  it.each([
    ['"plain"', 'plain'],
    ['42', 42],
    ['true', true],
    ['null', null],
    ['"${var.location}-${local.prefix}"', 'westeurope-vigil'],
    ['"n=${var.n} ok=${true}"', 'n=3 ok=true'],
    ['"${var.ips}"', ['10.0.0.1', '10.0.0.2']],
    ['[1, "a", var.n]', [1, 'a', 3]],
    ['{ a = 1, "b" : var.env, (local.prefix) = 2 }', { a: 1, b: 'prod', vigil: 2 }],
    ['1 + 2 * 3 - 4 / 2 % 3', 5],
    ['"1" + 1', 2],
    ['var.n >= 3 && !false || null == 1', true],
    ['1 == "1"', false],
    ['[1, [2]] == [1, [2]]', true],
    ['-var.n', -3],
    ['var.env == "prod" ? "GRS" : "LRS"', 'GRS'],
    ['var.ips[1]', '10.0.0.2'],
    ['var.ips.0', '10.0.0.1'],
    ['var.subnets["a"].cidr', '10.0.1.0/24'],
    ['each.value.tier', 'web'],
    ['count.index + 1', 2],
    ['[for k, s in var.subnets : "${k}:${s.cidr}"]', ['a:10.0.1.0/24', 'b:10.0.2.0/24']],
    ['[for i, ip in var.ips : i if ip != "10.0.0.1"]', [1]],
    ['{for k, s in var.subnets : upper(k) => s.cidr}', { A: '10.0.1.0/24', B: '10.0.2.0/24' }],
    ['{for ip in ["a", "b", "a"] : ip => ip...}', { a: ['a', 'a'], b: ['b'] }],
    ['[{ n = 1 }, { n = 2 }][*].n', [1, 2]],
    ['[{ n = 1 }, { n = 2 }].*.n', [1, 2]],
    ['var.env[*]', ['prod']],
    ['null[*]', []],
    ['"%{ if var.env == "prod" }p%{ else }d%{ endif }"', 'p'],
    ['"%{ for ip in var.ips }[${ip}]%{ endfor }"', '[10.0.0.1][10.0.0.2]'],
    ['<<-EOT\n    a ${var.env}\n    EOT', 'a prod\n'],
  ])('%s', (source, expected) => {
    expect(evaluate(source)).toEqual(expected);
  });
});

describe('evaluateExpression: functions', () => {
  it.each([
    ['lower("AbC")', 'abc'],
    ['upper("abc")', 'ABC'],
    ['format("%s-%03d-%.2f-%v-%q-%%", "a", 7, 1.5, true, "q")', 'a-007-1.50-true-"q"-%'],
    ['format("%-4s|%5s|%[1]s", "ab", "c")', 'ab  |    c|ab'],
    ['join(",", ["a", "b"], ["c"])', 'a,b,c'],
    ['split(",", "a,b,,c")', ['a', 'b', '', 'c']],
    ['concat([1], [2, 3], [])', [1, 2, 3]],
    ['merge({ a = 1, b = 1 }, null, { b = 2 })', { a: 1, b: 2 }],
    ['lookup({ a = 1 }, "b", "dflt")', 'dflt'],
    ['lookup(local.tags, "owner")', 'platform'],
    ['element(["a", "b", "c"], 4)', 'b'],
    ['length("héllo")', 5],
    ['length(var.subnets)', 2],
    ['coalesce(null, "", "x")', 'x'],
    ['tostring(5)', '5'],
    ['tonumber("2.5")', 2.5],
    ['tobool("true")', true],
    ['tolist(["a"])', ['a']],
    ['toset(["b", "a", "b"])', ['a', 'b']],
    ['tomap({ a = "x" })', { a: 'x' }],
    ['try(local.tags.missing, var.ips[3], "fallback")', 'fallback'],
    ['try(var.ips[5], var.ips[0])', '10.0.0.1'],
    ['can(var.ips[5])', false],
    ['can(var.ips[0])', true],
    ['contains(var.ips, "10.0.0.2")', true],
    ['keys({ b = 1, a = 2 })', ['a', 'b']],
    ['values({ b = 1, a = 2 })', [2, 1]],
    ['replace("a.b.c", ".", "-")', 'a-b-c'],
    ['trimspace("  x \\n")', 'x'],
    ['substr("hello", 1, 3)', 'ell'],
    ['substr("hello", -3, -1)', 'llo'],
    ['min(3, 1, 2)', 1],
    ['max(var.n, 2) + max([4, 9]...)', 12],
    ['abs(-4)', 4],
    ['flatten([1, [2, [3]], []])', [1, 2, 3]],
    ['distinct([1, 2, 1, [3], [3]])', [1, 2, [3]]],
    ['jsonencode({ b = [1, true, null], a = "<x>" })', '{"a":"\\u003cx\\u003e","b":[1,true,null]}'],
    ['length(concat([azurerm_subnet.a.id], ["x"]))', 2],
    ['jsondecode("{\\"a\\": [1, {\\"b\\": null}]}")', { a: [1, { b: null }] }],
    ['base64decode(base64encode("héllo"))', 'héllo'],
    ['[trimprefix("rg-app", "rg-"), trimsuffix("app.tf", ".tf"), chomp("x\\n\\n")]', ['app', 'app', 'x']],
    ['reverse(sort(["b", "c", "a"]))', ['c', 'b', 'a']],
    ['slice([1, 2, 3, 4], 1, 3)', [2, 3]],
    ['index(["a", "b"], "b")', 1],
    ['[one([]), one(["x"])]', [null, 'x']],
    ['zipmap(["a", "b"], [1, 2])', { a: 1, b: 2 }],
    ['[range(3), range(1, 7, 2), range(3, 0)]', [[0, 1, 2], [1, 3, 5], [3, 2, 1]]],
    ['sum([1, 2.5])', 3.5],
    ['[alltrue([true, "true"]), anytrue([false])]', [true, false]],
    ['coalescelist([], ["a"])', ['a']],
  ])('%s', (source, expected) => {
    expect(evaluate(source)).toEqual(expected);
  });
});

describe('evaluateExpression: unknowns', () => {
  it('makes resource attributes unknown, carrying the source text and the reference', () => {
    const u = unknown('azurerm_resource_group.rg.name');
    expect(u).toEqual(new Unknown('azurerm_resource_group.rg.name', ['azurerm_resource_group.rg.name']));
  });

  it('propagates through templates, operators and function calls with the refs that made it unknown', () => {
    expect(unknown('"${var.location}-${azurerm_resource_group.rg.name}"')).toEqual(
      new Unknown('"${var.location}-${azurerm_resource_group.rg.name}"', ['azurerm_resource_group.rg.name']),
    );
    expect(unknown('data.azurerm_client_config.c.tenant_id == module.net.tenant').refs).toEqual([
      'data.azurerm_client_config.c.tenant_id',
      'module.net.tenant',
    ]);
    expect(unknown('lower(module.net.name)')).toEqual(new Unknown('lower(module.net.name)', ['module.net.name']));
    expect(unknown('upper(["a", azurerm_x.y.id][1])').refs).toEqual(['azurerm_x.y.id']);
  });

  it('keeps unknown items inside known collections', () => {
    const source = '{ name = "sa", rg = azurerm_resource_group.rg.name, ips = [var.ips[0], azurerm_pip.p.ip_address] }';
    const value = evaluate(source) as Record<string, HclValue>;
    expect(value.name).toBe('sa');
    expect(value.rg).toEqual(new Unknown('azurerm_resource_group.rg.name', ['azurerm_resource_group.rg.name']));
    expect((value.ips as HclValue[])[0]).toBe('10.0.0.1');
    expect(isUnknown((value.ips as HclValue[])[1])).toBe(true);
  });

  it('is unknown for a conditional with an unknown condition, known when the condition is known', () => {
    expect(unknown('azurerm_x.y.enabled ? 1 : 2').refs).toEqual(['azurerm_x.y.enabled']);
    expect(evaluate('var.env == "dev" ? azurerm_x.y.id : "fixed"')).toBe('fixed');
  });

  it('short-circuits && and || around unknowns', () => {
    expect(evaluate('false && azurerm_x.y.enabled')).toBe(false);
    expect(evaluate('azurerm_x.y.enabled || true')).toBe(true);
    expect(isUnknown(evaluate('true && azurerm_x.y.enabled'))).toBe(true);
  });

  it('is unknown for for expressions over unknown collections and for unset variables', () => {
    expect(unknown('[for s in azurerm_subnet.all : s.id]').refs).toEqual(['azurerm_subnet.all']);
    expect(unknown('var.not_set')).toEqual(new Unknown('var.not_set', ['var.not_set']));
    expect(unknown('"${var.not_set}x"').refs).toEqual(['var.not_set']);
  });

  it('is unknown for unknown functions, provider functions, cidrsubnet and regex replace', () => {
    expect(unknown('cidrsubnet("10.0.0.0/16", 8, 1)')).toEqual(new Unknown('cidrsubnet("10.0.0.0/16", 8, 1)', []));
    expect(isUnknown(evaluate('provider::azurerm::normalise_resource_id("x")'))).toBe(true);
    expect(isUnknown(evaluate('replace("aaa", "/a+/", "b")'))).toBe(true);
  });

  it('is unknown (not a crash) when evaluation fails, listing the references', () => {
    expect(unknown('var.ips[9]').refs).toEqual(['var.ips[9]']);
    expect(unknown('1 / 0').expr).toBe('1 / 0');
    expect(unknown('"${var.ips}x"').expr).toBe('"${var.ips}x"');
    expect(unknown('{for ip in ["a", "a"] : ip => ip}').expr).toBe('{for ip in ["a", "a"] : ip => ip}');
    expect(unknown('try(azurerm_x.y.z, "b")').refs).toEqual(['azurerm_x.y.z']);
    expect(unknown('can(azurerm_x.y.z)').refs).toEqual(['azurerm_x.y.z']);
  });

  it('treats keys like __proto__ in scanned objects as plain data', () => {
    expect(evaluate('{ "__proto__" = 1, constructor = 2 }["__proto__"]')).toBe(1);
    expect(isUnknown(evaluate('local.constructor'))).toBe(true);
  });
});

describe('evaluateExpression: resolver', () => {
  const seen: Reference[] = [];
  const resolve = (ref: Reference): HclValue | undefined => {
    seen.push(ref);
    if (ref.root === 'azurerm_resource_group' && ref.path.join('.') === 'rg.location') return 'northeurope';
    if (ref.root === 'module' && ref.path[0] === 'net') return new Unknown('module.net output', ['module.net']);
    return undefined;
  };

  it('asks the resolver for traversals outside the scope, with evaluated index keys', () => {
    expect(evaluate('"${azurerm_resource_group.rg.location}!"', { resolve })).toBe('northeurope!');
    expect(unknown('azurerm_subnet.s[var.env].id', { resolve }).refs).toEqual(['azurerm_subnet.s["prod"].id']);
    expect(seen.at(-1)).toEqual({ root: 'azurerm_subnet', path: ['s', 'prod', 'id'], text: 'azurerm_subnet.s["prod"].id', complete: true });
    expect(unknown('module.net.ids', { resolve }).refs).toEqual(['module.net.ids', 'module.net']);
  });
});

describe('references', () => {
  it('lists the traversals an expression uses, without names bound by for expressions', () => {
    const { file } = parseHcl('x = [for s in azurerm_subnet.all : "${s.id}/${var.suffix}" if s.name != local.skip[0]]\n', 'r.tf');
    expect(references(file.body.attributes[0].expr)).toEqual(['azurerm_subnet.all', 'var.suffix', 'local.skip[0]']);
  });
});

describe('evaluating a whole file', () => {
  it('evaluates every attribute of the azurerm fixture without throwing, knowing what the file and scope define', () => {
    const { file } = parseHcl(readFileSync(join(__dirname, 'testdata', 'azurerm.tf'), 'utf8'), 'azurerm.tf');
    const values = new Map<string, HclValue>();
    const walk = (body: Body, prefix: string) => {
      for (const item of body.items) {
        if (item.kind === 'attribute') values.set(prefix + item.name, evaluateExpression(item.expr, { source: file.source, scope }));
        else walk(item.body, `${prefix}${[item.type, ...item.labels].join('.')}/`);
      }
    };
    walk(file.body, '');
    expect(values.size).toBe(31);
    expect(values.get('locals/prefix')).toBe('vigil-westeurope');
    // The test scope declares var.ips, not the file's var.allowed_ips.
    expect(values.get('locals/upper_ips')).toEqual(new Unknown('[for ip in var.allowed_ips : upper(ip) if ip != ""]', ['var.allowed_ips']));
    expect(values.get('locals/tags')).toEqual({ environment: 'prod', 'cost-center': 42 });
    expect(values.get('resource.azurerm_storage_account.sa/min_tls_version')).toBe('TLS1_0');
    expect(values.get('resource.azurerm_storage_account.sa/location')).toEqual(
      new Unknown('azurerm_resource_group.rg.location', ['azurerm_resource_group.rg.location']),
    );
    expect(values.get('resource.azurerm_storage_account.sa/tags')).toEqual({ owner: 'platform', name: 'sa' });
    expect(values.get('resource.azurerm_role_definition.custom/description')).toBe('Custom role for vigil.\n  Indented line.\n');
  });

  it('never throws evaluating random well-formed expressions', () => {
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const atoms = ['var.ips', 'var.subnets', 'local.tags', '1', '"s"', 'null', 'true', 'azurerm_x.y.id', 'x', '[]', '{}'];
    const forms: ((a: string, b: string) => string)[] = [
      (a, b) => `${a} + ${b}`,
      (a, b) => `${a} == ${b}`,
      (a, b) => `${a} && ${b}`,
      (a, b) => `[${a}, ${b}]`,
      (a, b) => `{ k = ${a}, (${b}) = 1 }`,
      (a, b) => `${a} ? ${b} : ${a}`,
      (a, b) => `merge(${a}, ${b})`,
      (a, b) => `try(${a}, ${b})`,
      (a, b) => `concat(${a}, ${b})`,
      (a, b) => `[for x in ${a} : ${b}]`,
      (a, b) => `{for k, x in ${a} : k => ${b}...}`,
      (a) => `${a}[0]`,
      (a) => `${a}.k`,
      (a) => `${a}[*].k`,
      (a) => `"\${${a}}-s%{ for x in ${a} }\${x}%{ endfor }"`,
      (a) => `!${a}`,
      (a) => `length(${a})`,
      (a) => `format("%s %d %v", ${a}, ${a}, ${a})`,
      (a) => `jsonencode(${a})`,
      (a) => `flatten(${a})`,
      (a) => `keys(${a})`,
      (a) => `element(${a}, 1)`,
    ];
    const gen = (depth: number): string => {
      if (depth === 0 || random() < 0.25) return atoms[Math.floor(random() * atoms.length)];
      return forms[Math.floor(random() * forms.length)](gen(depth - 1), gen(depth - 1));
    };
    for (let i = 0; i < 1000; i++) {
      const { file, errors } = parseHcl(`x = ${gen(4)}\n`, 'fuzz.tf');
      expect(errors).toEqual([]);
      const value = evaluateExpression(file.body.attributes[0].expr, { source: file.source, scope });
      expect(value).not.toBeUndefined();
    }
  });
});
