import { scopeForPath } from './scopes';

describe('scopeForPath for every area the client calls', () => {
  it.each([
    ['_apis/projects', 'GET', 'vso.project'],
    ['MyProject/_apis/git/repositories/abc/refs', 'GET', 'vso.code'],
    ['_apis/permissions/ns/2', 'GET', 'vso.security_manage'],
    ['p/_apis/distributedtask/variablegroups', 'GET', 'vso.variablegroups_read'],
    ['p/_apis/distributedtask/securefiles', 'GET', 'vso.securefiles_read'],
    ['_apis/distributedtask/pools', 'GET', 'vso.agentpools'],
    ['p/_apis/serviceendpoint/endpoints', 'GET', 'vso.serviceendpoint'],
    ['p/_apis/git/repositories/r/pullRequests/7', 'GET', 'vso.code'],
    ['p/_apis/git/repositories/r/pullRequests/7/statuses', 'GET', 'vso.code'],
    ['p/_apis/git/repositories/r/pullRequests/7/statuses', 'POST', 'vso.code_status'],
    ['p/_apis/git/repositories/r/pullRequests/7/threads', 'POST', 'vso.threads_full'],
    ['p/_apis/git/policy/configurations', 'GET', 'vso.code'],
    ['p/_apis/policy/evaluations', 'GET', 'vso.code'],
    ['p/_apis/policy/configurations', 'GET', 'vso.code'],
    ['p/_apis/policy/configurations', 'POST', 'vso.code_manage'],
    ['p/_apis/build/definitions/3', 'GET', 'vso.build'],
    ['p/_apis/build/generalsettings', 'GET', 'vso.build'],
    ['p/_apis/pipelines/pipelinePermissions/endpoint/x', 'GET', 'vso.build'],
    ['p/_apis/release/definitions', 'GET', 'vso.release'],
    ['p/_apis/distributedtask/queues', 'GET', 'vso.agentpools'],
    ['p/_apis/distributedtask/environments', 'GET', 'vso.environment_manage'],
    ['_apis/hooks/subscriptions', 'GET', 'vso.hooks'],
    ['_apis/hooks/subscriptions', 'POST', 'vso.hooks_write'],
    ['_apis/hooks/subscriptions/abc', 'DELETE', 'vso.hooks_write'],
    ['_apis/graph/subjectlookup', 'POST', 'vso.graph'],
    ['_apis/graph/Memberships/vssgp.x', 'GET', 'vso.graph'],
    ['_apis/userentitlements', 'GET', 'vso.memberentitlementmanagement'],
    ['_apis/audit/streams', 'GET', 'vso.auditlog'],
    ['p/_apis/alert/repositories/r/alerts', 'GET', 'vso.advsec'],
    ['p/_apis/management/repositories/r/enablement', 'GET', 'vso.advsec'],
    ['_apis/Contribution/HierarchyQuery', 'POST', 'all scopes'],
    ['_settings/organizationPolicy', 'GET', 'all scopes'],
  ])('%s (%s) needs %s', (p, method, scope) => {
    expect(scopeForPath(p, method)?.scope).toBe(scope);
  });

  it('reads a path without a method as a GET', () => {
    expect(scopeForPath('_apis/projects')?.scope).toBe('vso.project');
    expect(scopeForPath('_apis/hooks/subscriptions')?.scope).toBe('vso.hooks');
  });

  it('has no hint for connectionData (any scope reads it), paths outside _apis or areas it does not know', () => {
    expect(scopeForPath('_apis/connectionData')).toBeNull();
    expect(scopeForPath('p/_git/repo')).toBeNull();
    expect(scopeForPath('_apis/somethingNew/x')).toBeNull();
  });
});
