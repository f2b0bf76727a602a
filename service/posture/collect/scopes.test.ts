import { AREA_NAMES } from '../snapshot';
import { areasMissing, POSTURE_AREA_SCOPES } from './scopes';

describe('POSTURE_AREA_SCOPES', () => {
  it('covers every area', () => {
    expect(Object.keys(POSTURE_AREA_SCOPES).sort()).toEqual([...AREA_NAMES].sort());
  });

  it('tells which areas a PAT leaves not available, and none for a full-scope one', () => {
    const missing = areasMissing(['vso.project', 'vso.code', 'vso.build']);
    expect(missing.find((m) => m.area === 'repositories')).toBeUndefined();
    expect(missing.find((m) => m.area === 'buildDefinitions')).toBeUndefined();
    expect(missing.find((m) => m.area === 'serviceConnections')).toEqual({ area: 'serviceConnections', missing: ['vso.serviceendpoint'] });
    expect(missing.find((m) => m.area === 'orgPolicies')).toEqual({ area: 'orgPolicies', missing: ['all scopes'] });
    expect(areasMissing(['vso.project', 'vso.variablegroups_manage', 'vso.build']).find((m) => m.area === 'variableGroups')).toBeUndefined();
    expect(areasMissing(['all scopes'])).toEqual([]);
  });
});
