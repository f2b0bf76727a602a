// Core area on real answers: connectionData, which ADO documents no example of, checked field by field
// (docs/ado-fields.md), and projects in the documented minimal shape and with every optional field.
import { startFakeAdo, type FakeAdo } from '../../../test/fake-ado/server';
import { adoErrorOf, fakeClient, sample, stubFetch, testClient } from '../testdata/stub-fetch';

/** The answer the fake (and, as far as Vigil reads it, ADO) gives: every field the client may read. */
const CONNECTION_DATA = {
  authenticatedUser: { id: '9e92358e-bdd4-4252-8fb8-2999cc54df43', descriptor: 'Microsoft.IdentityModel.Claims.ClaimsIdentity;x', providerDisplayName: 'Vigil Scanner' },
  authorizedUser: { id: '9e92358e-bdd4-4252-8fb8-2999cc54df43', providerDisplayName: 'Vigil Scanner' },
  instanceId: '71d02cb8-d28a-46f4-9189-0b44c81e6eec',
  deploymentId: 'fb008b81-4a96-490b-810c-91ae47af37e0',
};

/** A client whose every answer is `body`. */
const answering = (body: unknown) => testClient(stubFetch(() => ({ body })).fetchImpl).client;

describe('connectionData', () => {
  it('reads the user, the organization and the optional names', async () => {
    expect(await answering(CONNECTION_DATA).core.connectionData()).toEqual({
      authenticatedUser: { id: CONNECTION_DATA.authenticatedUser.id, providerDisplayName: 'Vigil Scanner', descriptor: 'Microsoft.IdentityModel.Claims.ClaimsIdentity;x' },
      authorizedUser: { id: CONNECTION_DATA.authorizedUser.id, providerDisplayName: 'Vigil Scanner' },
      instanceId: CONNECTION_DATA.instanceId,
      deploymentId: CONNECTION_DATA.deploymentId,
    });
  });

  it('needs only authenticatedUser.id and instanceId; optional fields absent or mistyped are left out', async () => {
    const cd = await answering({ authenticatedUser: { id: 'u1', providerDisplayName: 7 }, authorizedUser: { providerDisplayName: 'x' }, instanceId: 'i1' }).core.connectionData();
    expect(cd).toEqual({ authenticatedUser: { id: 'u1', providerDisplayName: undefined, descriptor: undefined }, authorizedUser: undefined, instanceId: 'i1', deploymentId: undefined });
  });

  const user = CONNECTION_DATA.authenticatedUser;
  it.each([
    ['a JSON null', null, 'the answer is not a JSON object (null)'],
    ['an array', [CONNECTION_DATA], 'the answer is not a JSON object (an array)'],
    ['no authenticatedUser', { ...CONNECTION_DATA, authenticatedUser: undefined }, 'authenticatedUser missing'],
    ['a null authenticatedUser', { ...CONNECTION_DATA, authenticatedUser: null }, 'authenticatedUser missing'],
    ['a string authenticatedUser', { ...CONNECTION_DATA, authenticatedUser: 'Vigil Scanner' }, 'authenticatedUser is not an object (a string)'],
    ['no authenticatedUser.id', { ...CONNECTION_DATA, authenticatedUser: { ...user, id: undefined } }, 'authenticatedUser.id missing'],
    ['an empty authenticatedUser.id', { ...CONNECTION_DATA, authenticatedUser: { ...user, id: '' } }, 'authenticatedUser.id missing'],
    ['a numeric authenticatedUser.id', { ...CONNECTION_DATA, authenticatedUser: { ...user, id: 42 } }, 'authenticatedUser.id is not a string (a number)'],
    ['no instanceId', { ...CONNECTION_DATA, instanceId: undefined }, 'instanceId missing'],
    ['a null instanceId', { ...CONNECTION_DATA, instanceId: null }, 'instanceId missing'],
    ['an object instanceId', { ...CONNECTION_DATA, instanceId: { id: 'x' } }, 'instanceId is not a string (an object)'],
  ])('names the field when the answer has %s', async (_case, body, what) => {
    const err = await adoErrorOf(answering(body).core.connectionData());
    expect(err).toMatchObject({ kind: 'bad-response', path: '_apis/connectionData' });
    expect(err.message).toBe(`unexpected answer from Azure DevOps to read the connection data: ${what}`);
  });
});

describe('projects in the documented shapes', () => {
  it('lists the official example: no revision, visibility or lastUpdateTime, a description only when set', async () => {
    const projects = await answering(sample('core-projects-list')).core.listProjects();
    expect(projects.map((p) => p.name)).toEqual(['Fiber-TFVC', 'Fiber-Git', 'Sandbox']);
    expect(projects[2]).toEqual({ id: '9d41c0e3-7b2a-4f86-a1d5-c08e6f3b2a97', name: 'Sandbox', state: 'wellFormed', visibility: undefined, lastUpdateTime: undefined });
  });

  it.each([
    ['a project that is not an object', ['x'], 'project is not an object (a string)'],
    ['a project without id', [{ name: 'A', state: 'wellFormed' }], 'project.id missing'],
    ['a project with a numeric name', [{ id: 'p1', name: 5 }], 'project.name is not a string (a number)'],
  ])('names the field of %s', async (_case, value, what) => {
    const err = await adoErrorOf(answering({ count: value.length, value }).core.listProjects());
    expect(err.message).toBe(`unexpected answer from Azure DevOps to list projects: ${what}`);
  });

  describe('against the fake organization', () => {
    let fake: FakeAdo;
    beforeAll(async () => {
      fake = await startFakeAdo();
    });
    afterAll(() => fake.close());
    const client = () => fakeClient(fake).client;

    it('lists a project with every optional field (Storefront) and one in the minimal shape (Platform)', async () => {
      const projects = await client().core.listProjects();
      const storefront = projects.find((p) => p.name === 'Storefront');
      const platform = projects.find((p) => p.name === 'Platform');
      expect(storefront).toMatchObject({ state: 'wellFormed', visibility: 'private', lastUpdateTime: '2025-10-02T08:15:11.403Z' });
      expect(platform).toEqual({ id: 'dfc52afa-b2c8-4ea3-ae2c-5c7ad55927de', name: 'Platform', state: 'wellFormed', visibility: undefined, lastUpdateTime: undefined });
    });

    it('reads one project in either shape', async () => {
      expect(await client().core.getProject('Platform')).toMatchObject({ name: 'Platform', description: 'Infrastructure and tooling', visibility: undefined });
      expect(await client().core.getProject('Storefront')).toMatchObject({ name: 'Storefront', visibility: 'private' });
    });
  });
});
