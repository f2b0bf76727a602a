import type { ScanWarning } from '../../types';
import { loadOpenApi } from './loader';

const warnings: Omit<ScanWarning, 'scanner'>[] = [];
const warn = (w: Omit<ScanWarning, 'scanner'>) => void warnings.push(w);
beforeEach(() => (warnings.length = 0));

test('a YAML OpenAPI 3 document is one resource with the line of every attribute', () => {
  const [r] = loadOpenApi('api/openapi.yaml', 'openapi: 3.1.0\ninfo:\n  title: Orders API\n  version: "1"\nservers:\n  - url: https://api.example.com\npaths: {}\n', warn);
  expect(r).toMatchObject({ model: 'openapi', type: 'openapi', address: 'OpenAPI Orders API', meta: { version: '3' } });
  expect(r.lineOf('servers[0].url')).toEqual({ line: 6 });
  expect(warnings).toEqual([]);
});

test('a JSON Swagger 2.0 document; other JSON gives nothing; broken JSON is a warning', () => {
  expect(loadOpenApi('swagger.json', '{"swagger": "2.0", "info": {"title": "Legacy"}, "paths": {}}', warn)[0]).toMatchObject({ meta: { version: '2' }, name: 'Legacy' });
  expect(loadOpenApi('other.json', '{"openapi": 3}', warn)).toEqual([]);
  expect(loadOpenApi('bad.json', '{"openapi": "3.0.0", "paths": {', warn)).toEqual([]);
  expect(warnings).toEqual([expect.objectContaining({ code: 'parse-error', path: 'bad.json' })]);
});
