// The contract checks the integration and fuzz tests judge answers with (contract.ts): a body holding
// a field the contract does not have fails, at any depth, though parsing alone would pass it.
import { organizationDtoSchema, pagedSchema, problemSchema } from '../../service/contract/api';
import { contractViolation, problemViolation } from './contract';

const organization = {
  id: 'org-1',
  name: 'contoso',
  url: 'https://dev.azure.com/contoso',
  connectedAt: '2025-06-01T10:00:00.000Z',
  connectedBy: 'user-0001',
  credentialKind: 'pat',
  repositoryCount: 3,
};

describe('contractViolation', () => {
  it('passes a body that follows the schema', () => {
    expect(contractViolation(organizationDtoSchema, organization)).toBeUndefined();
    expect(contractViolation(pagedSchema(organizationDtoSchema), { items: [organization], total: 1 })).toBeUndefined();
  });

  it('fails a leaked internal field that parsing alone drops, at any depth', () => {
    const leaked = { ...organization, patCiphertext: 'v1:abc' };
    expect(organizationDtoSchema.safeParse(leaked).success).toBe(true); // what the fuzz test used to check
    expect(contractViolation(organizationDtoSchema, leaked)).toBe('$.patCiphertext: a field the contract does not have');
    expect(contractViolation(pagedSchema(organizationDtoSchema), { items: [organization, leaked], total: 2 })).toBe(
      '$.items[1].patCiphertext: a field the contract does not have',
    );
  });

  it('fails a body that does not parse, saying why', () => {
    expect(contractViolation(organizationDtoSchema, { ...organization, repositoryCount: -1 })).toMatch(/repositoryCount/);
  });
});

describe('problemViolation', () => {
  const problem = { type: 'https://vigil.dev/problems/validation', title: 'Invalid request', status: 400, errors: [{ path: 'pat', message: 'Required' }] };

  it('passes problem+json by the contract with its own status', () => {
    expect(problemViolation(400, 'application/problem+json; charset=utf-8', problem)).toBeUndefined();
  });

  it('fails another content type, another status, or a field beyond the contract (nested too)', () => {
    expect(problemViolation(400, 'application/json', problem)).toMatch(/not problem\+json/);
    expect(problemViolation(404, 'application/problem+json', problem)).toBe('the problem names status 400, the answer is 404');
    const leaked = { ...problem, errors: [{ path: 'pat', message: 'Required', stack: 'at validate (service/http/routes.ts:42)' }] };
    expect(problemSchema.safeParse(leaked).success).toBe(true);
    expect(problemViolation(400, 'application/problem+json', leaked)).toBe('not a problem by the contract: $.errors[0].stack: a field the contract does not have');
  });
});
