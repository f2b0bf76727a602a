import { errorForStatus, signInPageError } from '../../ado/errors';
import { AdoError } from '../../ado/types';
import { dependsOn, unavailableFrom } from './reasons';

const fromStatus = (status: number, message: string, path: string) =>
  unavailableFrom(errorForStatus(status, JSON.stringify({ message }), { operation: 'read it', path, credentialKind: 'pat', attempts: 1 }));

describe('unavailableFrom', () => {
  it('names the missing scope for a 401 on an area (a PAT without the scope), and for a 403 that says so', () => {
    expect(fromStatus(401, "TF400813: The user 'x' is not authorized to access this resource.", 'p/_apis/build/definitions')).toMatchObject({
      code: 'missing-scope',
      scope: 'vso.build',
      scopeLabel: 'Build (Read)',
      status: 401,
    });
    expect(fromStatus(403, 'TF400813: Access Denied: the personal access token used does not grant access to this resource.', '_apis/audit/streams')).toMatchObject({
      code: 'missing-scope',
      scope: 'vso.auditlog',
    });
  });

  it('says forbidden for a 403 about a permission, with the scope it would need as a hint', () => {
    expect(fromStatus(403, 'Access denied. Diego needs the following permission(s) on the resource Auditing: Manage audit streams', '_apis/audit/streams')).toMatchObject({
      code: 'forbidden',
      scope: 'vso.auditlog',
      status: 403,
    });
  });

  it('keeps not-found, and makes a sign-in page, a 401 off any area, a 5xx or a bad answer an error', () => {
    expect(fromStatus(404, 'VS402853: not found', 'p/_apis/release/definitions/3')).toMatchObject({ code: 'not-found', status: 404 });
    expect(unavailableFrom(signInPageError(203, 'pat', '_apis/audit/streams'))).toMatchObject({ code: 'error', status: 203, text: expect.stringMatching(/sign-in page/) });
    expect(fromStatus(401, 'TF400813', '_apis/connectionData')).toMatchObject({ code: 'error', status: 401 });
    expect(fromStatus(503, 'down', 'p/_apis/build/definitions')).toMatchObject({ code: 'error', status: 503 });
    expect(unavailableFrom(new AdoError('bad-response', 'unexpected answer: id missing'))).toEqual({ code: 'error', text: 'unexpected answer: id missing', status: undefined });
    expect(unavailableFrom(new TypeError('boom'))).toEqual({ code: 'error', text: 'Collection failed: boom' });
  });

  it('says what a skipped area depends on', () => {
    expect(dependsOn('the project list', { code: 'forbidden', text: 'HTTP 403' })).toEqual({ code: 'forbidden', text: 'Needs the project list, which could not be read: HTTP 403' });
  });
});
