import { assessSeverity, bandOfScore, scoreCvss } from './severity';
import type { OsvRecord } from './types';

const V31_CRITICAL = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'; // 9.8
const V31_HIGH = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H'; // 7.5
const V30_MEDIUM = 'CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:U/C:L/I:L/A:N'; // 5.4
const V31_LOW = 'CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N'; // 1.8
const V4_CRITICAL = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N'; // 9.3
const V4_MEDIUM = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:L/VI:L/VA:N/SC:N/SI:N/SA:N'; // 5.3
const V2_HIGH = 'AV:N/AC:L/Au:N/C:P/I:P/A:P'; // 7.5
const V2_MEDIUM = 'AV:N/AC:M/Au:N/C:N/I:P/A:N'; // 4.3

const record = (fields: Partial<OsvRecord>): OsvRecord => ({ id: 'GHSA-test-0000-0000', modified: '2024-01-01T00:00:00Z', ...fields });

describe('scoreCvss', () => {
  it.each([
    [V31_CRITICAL, '3.1', 9.8],
    [V31_HIGH, '3.1', 7.5],
    [V30_MEDIUM, '3.0', 5.4],
    [V31_LOW, '3.1', 1.8],
    [V4_CRITICAL, '4.0', 9.3],
    [V4_MEDIUM, '4.0', 5.3],
    [V2_HIGH, '2.0', 7.5],
    [V2_MEDIUM, '2.0', 4.3],
    // Temporal metrics do not change a v3 base score.
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:C', '3.1', 9.8],
    // v4 threat metrics are part of the vector's score (CVSS-BT).
    [`${V4_CRITICAL}/E:U`, '4.0', 8.1],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N', '3.1', 0],
  ] as const)('%s -> CVSS %s %d', (vector, version, score) => {
    expect(scoreCvss(vector)).toEqual({ version, vector, score });
  });

  it.each([['garbage'], ['CVSS:3.1/AV:N/AC:L'], ['AV:N/AC:L'], ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/ZZ:Q'], ['CVSS:5.0/AV:N'], [''], ['CVSS:3.1/' + 'AV:N/'.repeat(200)]])(
    'refuses %j',
    (vector) => {
      expect(scoreCvss(vector)).toBeUndefined();
    },
  );
});

describe('scoreCvss cache', () => {
  it('answers a vector seen before with the same frozen score, and a refused one again with undefined', () => {
    const first = scoreCvss(V31_HIGH);
    expect(scoreCvss(V31_HIGH)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(scoreCvss('CVSS:3.1/AV:N')).toBeUndefined();
    expect(scoreCvss('CVSS:3.1/AV:N')).toBeUndefined();
  });
});

describe('bandOfScore', () => {
  it.each([
    [10, 'critical'],
    [9.0, 'critical'],
    [8.9, 'high'],
    [7.0, 'high'],
    [6.9, 'medium'],
    [4.0, 'medium'],
    [3.9, 'low'],
    [0.1, 'low'],
    [0, 'low'],
  ] as const)('%d -> %s', (score, band) => {
    expect(bandOfScore(score)).toBe(band);
  });
});

describe('assessSeverity', () => {
  it.each([
    ['a v3.1 vector', record({ severity: [{ type: 'CVSS_V3', score: V31_CRITICAL }] }), 'critical', 'cvss', '3.1'],
    ['v4 before v3', record({ severity: [{ type: 'CVSS_V3', score: V31_CRITICAL }, { type: 'CVSS_V4', score: V4_MEDIUM }] }), 'medium', 'cvss', '4.0'],
    ['v3 before v2', record({ severity: [{ type: 'CVSS_V2', score: V2_MEDIUM }, { type: 'CVSS_V3', score: V31_HIGH }] }), 'high', 'cvss', '3.1'],
    ['3.1 before 3.0', record({ severity: [{ type: 'CVSS_V3', score: V30_MEDIUM }, { type: 'CVSS_V3', score: V31_LOW }] }), 'low', 'cvss', '3.1'],
    ['v2 alone', record({ severity: [{ type: 'CVSS_V2', score: V2_HIGH }] }), 'high', 'cvss', '2.0'],
    [
      'a vector on an affected entry',
      record({ affected: [{ package: { ecosystem: 'PyPI', name: 'x' }, severity: [{ type: 'CVSS_V3', score: V30_MEDIUM }] }] }),
      'medium',
      'cvss',
      '3.0',
    ],
    ['GHSA CRITICAL', record({ database_specific: { severity: 'CRITICAL' } }), 'critical', 'database', undefined],
    ['GHSA HIGH', record({ database_specific: { severity: 'HIGH' } }), 'high', 'database', undefined],
    ['GHSA MODERATE', record({ database_specific: { severity: 'MODERATE' } }), 'medium', 'database', undefined],
    ['GHSA LOW', record({ database_specific: { severity: 'LOW' } }), 'low', 'database', undefined],
    [
      'a broken vector falls back to the database word',
      record({ severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N' }], database_specific: { severity: 'HIGH' } }),
      'high',
      'database',
      undefined,
    ],
    [
      'a word on an affected entry',
      record({ affected: [{ package: { ecosystem: 'Go', name: 'x' }, ecosystem_specific: { severity: 'LOW' } }] }),
      'low',
      'database',
      undefined,
    ],
    ['an Ubuntu priority word is not CVSS', record({ severity: [{ type: 'Ubuntu', score: 'high' }] }), 'medium', 'unrated', undefined],
    ['nothing at all', record({}), 'medium', 'unrated', undefined],
    ['an unknown word', record({ database_specific: { severity: 'UNKNOWN' } }), 'medium', 'unrated', undefined],
  ] as const)('%s', (_what, rec, severity, source, cvssVersion) => {
    const assessed = assessSeverity(rec);
    expect(assessed.severity).toBe(severity);
    expect(assessed.source).toBe(source);
    expect(assessed.cvss?.version).toBe(cvssVersion);
  });
});
