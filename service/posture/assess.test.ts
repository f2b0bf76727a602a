// postureSubjectKey: plain `control:kind:id` when short and plain, a hash otherwise; never longer
// than the contract's 128 characters and never the same for two different pairs.
import type { ControlResult } from './controls/control';
import { postureSubjectKey } from './assess';

const resultFor = (objectKind: string, id: string): ControlResult => ({ outcome: 'pass', object: { kind: 'ado-object', objectKind, id, name: id, url: 'https://dev.azure.com/contoso' }, evidence: [] }) as ControlResult;

describe('postureSubjectKey', () => {
  it('is the plain control:kind:id for a short plain id, the same every time', () => {
    const id = '00000001-0000-4000-8000-000000000002';
    expect(postureSubjectKey('ADO-USER-INACTIVE', resultFor('user', id))).toBe(`ADO-USER-INACTIVE:user:${id}`);
    expect(postureSubjectKey('ADO-USER-INACTIVE', resultFor('user', id))).toBe(postureSubjectKey('ADO-USER-INACTIVE', resultFor('user', id)));
  });

  it('hashes an id that is long or holds other characters, to 32 hex characters', () => {
    for (const id of ['x'.repeat(120), 'Storefront/web app', 'a:b', 'ünï']) {
      expect(postureSubjectKey('ADO-REPO-GHAZDO', resultFor('repository', id))).toMatch(/^[0-9a-f]{32}$/);
    }
  });

  it('keeps pairs apart: plain keys never equal hashed ones, and ":" cannot shift parts', () => {
    const keys = [
      postureSubjectKey('ADO-A-B', resultFor('user', 'x')),
      postureSubjectKey('ADO-A-B', resultFor('user', 'x:y')),
      postureSubjectKey('ADO-A-B', resultFor('user:x', 'y')),
      postureSubjectKey('ADO-A-B', resultFor('project', 'x')),
      postureSubjectKey('ADO-A-C', resultFor('user', 'x')),
    ];
    expect(new Set(keys).size).toBe(keys.length);
    for (const k of keys) expect(k.length).toBeLessThanOrEqual(128);
  });
});
