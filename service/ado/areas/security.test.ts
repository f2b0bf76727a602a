// The permissions evaluation answer, which ADO documents no example of: {count, value: [boolean]}, one
// per token; the client reads value[0] and names what is missing otherwise (docs/ado-fields.md).
import { COLLECTION_GENERIC_WRITE, COLLECTION_NAMESPACE_ID, COLLECTION_TOKEN } from '../client';
import { adoErrorOf, stubFetch, testClient } from '../testdata/stub-fetch';

const answering = (body: unknown) => {
  const stub = stubFetch(() => ({ body }));
  return { client: testClient(stub.fetchImpl).client, calls: stub.calls };
};
const isAdmin = (body: unknown) => answering(body).client.security.hasPermission(COLLECTION_NAMESPACE_ID, COLLECTION_GENERIC_WRITE, COLLECTION_TOKEN);

describe('hasPermission', () => {
  it('asks for the bits on the token and reads the first boolean, wrapped or bare (noArrayWrap)', async () => {
    const { client, calls } = answering({ count: 1, value: [true] });
    expect(await client.security.hasPermission(COLLECTION_NAMESPACE_ID, COLLECTION_GENERIC_WRITE, COLLECTION_TOKEN)).toBe(true);
    expect(calls[0].url.pathname).toBe(`/contoso/_apis/permissions/${COLLECTION_NAMESPACE_ID}/2`);
    expect(calls[0].url.searchParams.get('tokens')).toBe('NAMESPACE');
    expect(await isAdmin({ count: 1, value: [false] })).toBe(false);
    expect(await isAdmin([true])).toBe(true);
  });

  it.each([
    ['a JSON null', null, 'the answer is not a JSON object (null)'],
    ['no value', { count: 1 }, 'value missing'],
    ['a null value', { count: 1, value: null }, 'value missing'],
    ['a string value', { count: 1, value: 'true' }, 'value is not an array (a string)'],
    ['an empty value', { count: 0, value: [] }, 'value[0] missing'],
    ['an empty collection without value', { count: 0 }, 'value[0] missing'],
    ['an empty bare array', [], 'value[0] missing'],
    ['a null value[0]', { count: 1, value: [null] }, 'value[0] missing'],
    ['a string value[0]', { count: 1, value: ['true'] }, 'value[0] is not a boolean (a string)'],
    ['a numeric value[0]', { count: 1, value: [1] }, 'value[0] is not a boolean (a number)'],
  ])('names the field when the answer has %s', async (_case, body, what) => {
    const err = await adoErrorOf(isAdmin(body));
    expect(err).toMatchObject({ kind: 'bad-response', path: `_apis/permissions/${COLLECTION_NAMESPACE_ID}/2` });
    expect(err.message).toBe(`unexpected answer from Azure DevOps to check permissions: ${what}`);
  });
});
