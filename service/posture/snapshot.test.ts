import { AREA_NAMES, withoutPlainValues } from './snapshot';
import { buildDefinitionOf, releaseDefinitionOf, releaseStageOf, snapshotOf, variableGroupOf, withAreaUnavailable } from './testing';

describe('snapshotOf', () => {
  it('fills every area as available and keeps what the partial gives', () => {
    const s = withAreaUnavailable(snapshotOf({ buildDefinitions: [buildDefinitionOf({ id: 7 })] }), 'audit');
    expect(Object.keys(s.areas).sort()).toEqual([...AREA_NAMES].sort());
    expect(s.areas.projects).toEqual({ state: 'available' });
    expect(s.areas.audit).toMatchObject({ state: 'not-available', reason: { code: 'forbidden' } });
    expect(s.buildDefinitions.map((d) => d.id)).toEqual([7]);
    expect(s.buildDefinitions[0].webUrl).toMatch(/definitionId=7$/);
  });
});

describe('withoutPlainValues', () => {
  it('drops every value kept for the secrets engine and nothing else', () => {
    const plain = { name: 'Pwd', isSecret: false, allowOverride: false, plainValueForSecretsScan: 'hunter2' };
    const step = { taskId: 't', inputsForSecretsScan: { password: 'hunter2' } };
    const s = snapshotOf({
      buildDefinitions: [buildDefinitionOf({ variables: [plain], steps: [step] })],
      releaseDefinitions: [releaseDefinitionOf({ variables: [plain], stages: [releaseStageOf({ variables: [plain], steps: [step] })] })],
      variableGroups: [variableGroupOf({ variables: [{ name: 'Pwd', isSecret: false, plainValueForSecretsScan: 'hunter2' }] })],
    });
    const text = JSON.stringify(withoutPlainValues(s));
    expect(text).not.toContain('hunter2');
    expect(JSON.stringify(s)).toContain('hunter2');
    expect(withoutPlainValues(s).variableGroups[0].variables[0]).toEqual({ name: 'Pwd', isSecret: false, plainValueForSecretsScan: null });
  });
});
