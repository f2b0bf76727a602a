// The Python context: what names denote after imports (as Bandit resolves them), call parts, and
// literal values (plain strings versus f-strings, integers with stat bits).
import { parseWith, type SyntaxNode, type SyntaxTree } from '../../tree-sitter';
import { callOf, calleeName, importsModule, intValue, isDocstring, qualifiedName, readImports, stringPrefix, stringValue, type PyFile } from './context';

const GRAMMAR = 'tree-sitter-python/tree-sitter-python.wasm';
const trees: SyntaxTree[] = [];

async function fileOf(code: string): Promise<PyFile> {
  const tree = await parseWith(GRAMMAR, code);
  trees.push(tree);
  return { path: 'app.py', text: code, root: tree.rootNode, imports: readImports(tree.rootNode) };
}

afterAll(() => trees.forEach((t) => t.delete()));

const calls = (file: PyFile): SyntaxNode[] => file.root.descendantsOfType('call').filter((n): n is SyntaxNode => !!n);
const callNames = (file: PyFile): (string | undefined)[] => calls(file).map((n) => callOf(n, file).name);

describe('import resolution', () => {
  test('plain, aliased, dotted and from-imports give Bandit-style qualified names', async () => {
    const file = await fileOf(
      [
        'import pickle as p',
        'import xml.etree.ElementTree as ET',
        'import os.path',
        'from subprocess import Popen as P, run',
        'from xml.etree import cElementTree',
        'from cryptography.hazmat.primitives import hashes',
        'p.loads(data)',
        'ET.fromstring(body)',
        'os.path.join(a, b)',
        'P(cmd)',
        'run(cmd)',
        'cElementTree.parse(f)',
        'hashes.MD5()',
        'eval(x)',
      ].join('\n'),
    );
    expect(callNames(file)).toEqual([
      'pickle.loads',
      'xml.etree.ElementTree.fromstring',
      'os.path.join',
      'subprocess.Popen',
      'subprocess.run',
      'xml.etree.cElementTree.parse',
      'cryptography.hazmat.primitives.hashes.MD5',
      'eval',
    ]);
  });

  test('relative imports stay relative: the project\'s own pickle module is not the standard library\'s', async () => {
    const file = await fileOf('from .pickle import loads\nfrom . import marshal\nfrom ..util import tarfile as t\nloads(x)\nmarshal.loads(y)\nt.open(z)\n');
    expect(callNames(file)).toEqual(['.pickle.loads', '.marshal.loads', '..util.tarfile.open']);
  });

  test('imports nested in functions and try blocks count, as in Bandit', async () => {
    const file = await fileOf('def load(raw):\n    try:\n        import cPickle as pickle\n    except ImportError:\n        import pickle\n    return pickle.loads(raw)\n');
    // The later import wins, as a plain name table does.
    expect(callNames(file)).toEqual(['pickle.loads']);
    expect(importsModule(file, 'cPickle')).toBe(true);
    expect(importsModule(file, 'pickle')).toBe(true);
    expect(importsModule(file, 'pick')).toBe(false);
  });

  test('attribute chains on calls, subscripts or self are not names; the callee\'s own name is still known', async () => {
    const file = await fileOf('from pathlib import Path\nPath(p).chmod(0o777)\nself.random.choice(x)\nitems[0].load()\n');
    const [chmod, , choice, load] = calls(file).map((n) => callOf(n, file));
    expect([chmod.name, calleeName(chmod)]).toEqual([undefined, 'chmod']);
    expect(choice.name).toBe('self.random.choice');
    expect([load.name, calleeName(load)]).toEqual([undefined, 'load']);
  });

  test('a very long attribute chain resolves without recursion', async () => {
    const chain = `a${'.b'.repeat(20_000)}`;
    const file = await fileOf(`import x as a\ny = ${chain}\n`);
    const attr = file.root.descendantsOfType('assignment')[0]!.childForFieldName('right');
    expect(qualifiedName(attr, file.imports)).toBe(`x${'.b'.repeat(20_000)}`);
  });
});

describe('call parts', () => {
  test('positional and keyword arguments, each call read once per file', async () => {
    const file = await fileOf('requests.get(url, headers=h, timeout=5)\n');
    const node = calls(file)[0];
    const call = callOf(node, file);
    expect(call.args.map((a) => a.text)).toEqual(['url']);
    expect([...call.kwargs.keys()]).toEqual(['headers', 'timeout']);
    expect(callOf(node, file)).toBe(call);
  });
});

describe('literal values', () => {
  const valueOf = async (expr: string) => {
    const file = await fileOf(`x = ${expr}\n`);
    const right = file.root.descendantsOfType('assignment')[0]!.childForFieldName('right');
    return { str: stringValue(right), prefix: stringPrefix(right), int: intValue(right, file.imports) };
  };

  test('plain strings have a value; f-strings with values only a literal prefix', async () => {
    expect(await valueOf('"0.0.0.0"')).toMatchObject({ str: '0.0.0.0', prefix: '0.0.0.0' });
    expect(await valueOf("'/tmp' '/x'")).toMatchObject({ str: '/tmp/x' });
    expect(await valueOf('f"https://{host}/api"')).toMatchObject({ str: undefined, prefix: 'https://' });
    expect(await valueOf('f"{scheme}://x"')).toMatchObject({ str: undefined, prefix: '' });
    expect(await valueOf('f"/tmp/cache"')).toMatchObject({ str: '/tmp/cache' });
    expect(await valueOf('name')).toMatchObject({ str: undefined, prefix: undefined });
  });

  test('integers: octal, Python 2 octal, hex, decimal, and stat bits combined', async () => {
    expect((await valueOf('0o777')).int).toBe(0o777);
    expect((await valueOf('0755')).int).toBe(0o755);
    expect((await valueOf('0x1FF')).int).toBe(0o777);
    expect((await valueOf('420')).int).toBe(0o644);
    const file = await fileOf('import stat\nfrom stat import S_IWOTH\nx = stat.S_IRWXU | stat.S_IRGRP | S_IWOTH\ny = (stat.S_IRUSR | stat.S_IWUSR) & ~stat.S_IWUSR\nz = mode | stat.S_IRUSR\n');
    const [x, y, z] = file.root.descendantsOfType('assignment').map((a) => intValue(a!.childForFieldName('right'), file.imports));
    expect([x, y, z]).toEqual([0o742, 0o400, undefined]);
  });

  test('docstrings are told from strings in use', async () => {
    const file = await fileOf('def f():\n    """Binds 0.0.0.0."""\n    return "0.0.0.0"\n');
    const strings = file.root.descendantsOfType('string');
    expect(strings.map((s) => isDocstring(s!))).toEqual([true, false]);
  });
});
