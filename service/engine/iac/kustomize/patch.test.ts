import type { IacObject } from '../types';
import { applyJsonPatch, pointer } from './json-patch';
import { strategicMerge } from './merge';
import { Provenance } from './provenance';

const merge = (target: IacObject, patch: IacObject): IacObject => {
  strategicMerge(target, patch, new Provenance());
  return target;
};

test('strategic merge: maps merge, null deletes, merge-key lists merge, other lists are replaced', () => {
  const target: IacObject = {
    spec: {
      containers: [
        { name: 'a', image: 'x:1', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }], ports: [{ containerPort: 80 }] },
        { name: 'b', image: 'y:1' },
      ],
      volumes: [{ name: 'v', emptyDir: {} }],
      tolerations: [{ key: 'k1' }],
      hostPID: true,
    },
  };
  const out = merge(target, {
    spec: {
      containers: [{ name: 'a', env: [{ name: 'B', value: '3' }, { name: 'C', value: '4' }], ports: [{ containerPort: 443 }] }, { name: 'b', $patch: 'delete' }],
      volumes: [{ name: 'v', $patch: 'delete' }],
      tolerations: [{ key: 'k2' }],
      hostPID: null,
    },
  });
  expect(out).toEqual({
    spec: {
      containers: [
        {
          name: 'a',
          image: 'x:1',
          env: [
            { name: 'A', value: '1' },
            { name: 'B', value: '3' },
            { name: 'C', value: '4' },
          ],
          ports: [{ containerPort: 80 }, { containerPort: 443 }],
        },
      ],
      volumes: [],
      tolerations: [{ key: 'k2' }],
    },
  });
});

test('strategic merge directives: $patch: replace on a map and in a list, $deleteFromPrimitiveList', () => {
  expect(merge({ a: { x: 1, y: 2 } }, { a: { $patch: 'replace', z: 3 } })).toEqual({ a: { z: 3 } });
  expect(merge({ containers: [{ name: 'a' }, { name: 'b' }] }, { containers: [{ $patch: 'replace' }, { name: 'c' }] })).toEqual({ containers: [{ name: 'c' }] });
  expect(merge({ finalizers: ['a', 'b', 'c'] }, { '$deleteFromPrimitiveList/finalizers': ['b'] })).toEqual({ finalizers: ['a', 'c'] });
  // Service ports merge by port, not containerPort.
  expect(merge({ ports: [{ port: 80, targetPort: 8080 }] }, { ports: [{ port: 80, targetPort: 9090 }] })).toEqual({ ports: [{ port: 80, targetPort: 9090 }] });
});

test('JSON pointers unescape ~1 and ~0', () => {
  expect(pointer('/metadata/annotations/checkov.io~1skip1')).toEqual(['metadata', 'annotations', 'checkov.io/skip1']);
  expect(pointer('/a~0b')).toEqual(['a~b']);
  expect(() => pointer('no-slash')).toThrow('not a JSON pointer');
});

test('JSON patch: add to a list end and index, replace, remove; errors for missing paths and bad indexes', () => {
  const prov = new Provenance();
  const doc: IacObject = { spec: { args: ['a'], env: { A: '1' } } };
  applyJsonPatch(
    doc,
    [
      { op: 'add', path: '/spec/args/-', value: 'c' },
      { op: 'add', path: '/spec/args/1', value: 'b' },
      { op: 'replace', path: '/spec/env/A', value: '2' },
      { op: 'add', path: '/metadata', value: { annotations: { 'checkov.io/skip1': 'CKV_K8S_16' } } },
      { op: 'remove', path: '/spec/args/0' },
    ],
    prov,
  );
  expect(doc).toEqual({ spec: { args: ['b', 'c'], env: { A: '2' } }, metadata: { annotations: { 'checkov.io/skip1': 'CKV_K8S_16' } } });
  expect(() => applyJsonPatch(doc, [{ op: 'replace', path: '/spec/missing', value: 1 }], prov)).toThrow('/spec/missing does not exist');
  expect(() => applyJsonPatch(doc, [{ op: 'add', path: '/spec/args/9', value: 1 }], prov)).toThrow('out of range');
  expect(() => applyJsonPatch(doc, [{ op: 'add', path: '/nope/x', value: 1 }], prov)).toThrow('nope does not exist');
  expect(() => applyJsonPatch(doc, [{ op: 'frobnicate', path: '/spec' }], prov)).toThrow('unknown operation');
  expect(() => applyJsonPatch(doc, [{ op: 'move', from: '/spec', path: '/spec/inner' }], prov)).toThrow('into itself');
});

test('provenance: a cloned subtree keeps its lines; a path that does not exist has none', () => {
  const prov = new Provenance();
  const value: IacObject = { spec: { containers: [{ name: 'a' }] } };
  prov.track(value, new Map([['spec', 1], ['spec.containers', 2], ['spec.containers[0]', 3], ['spec.containers[0].name', 3]]), 'f.yaml');
  const copy = prov.clone(value);
  expect(copy).not.toBe(value);
  expect(prov.lineOf(copy, 'spec.containers[0].name')).toEqual({ path: 'f.yaml', line: 3 });
  expect(prov.lineOf(copy, 'spec.containers[1]')).toBeUndefined();
  expect(prov.lineOf(copy, 'spec.missing')).toBeUndefined();
});
