import type { IacObject, IacResource, RuleContext, Verdict } from '../../types';
import { rdsStorageEncrypted } from './data';

const ctx: RuleContext = { resources: [], ofType: () => [] };

function resource(type: string, attributes: IacObject): IacResource {
  return { model: 'aws', platform: 'cloudformation', type, name: 'Db', address: `${type} Db`, path: 'template.yaml', line: 1, endLine: 5, attributes, lineOf: () => undefined };
}

const outcome = (v: Verdict | readonly Verdict[]): string => (Array.isArray(v) ? (v as readonly Verdict[]).map((x) => x.outcome).join(',') : (v as Verdict).outcome);

describe('IAC-AWS-RDS-STORAGE-ENCRYPTED', () => {
  it('does not judge storage inherited from a snapshot, a source instance or a source cluster', () => {
    expect(outcome(rdsStorageEncrypted.check(resource('AWS::RDS::DBInstance', { Engine: 'postgres', DBSnapshotIdentifier: 'snap-1' }), ctx))).toBe('not-applicable');
    expect(outcome(rdsStorageEncrypted.check(resource('AWS::RDS::DBInstance', { Engine: 'postgres', SourceDBInstanceIdentifier: 'primary' }), ctx))).toBe('not-applicable');
    expect(outcome(rdsStorageEncrypted.check(resource('AWS::RDS::DBCluster', { Engine: 'aurora-mysql', SnapshotIdentifier: 'snap-2' }), ctx))).toBe('not-applicable');
  });

  it('still judges a database created empty', () => {
    expect(outcome(rdsStorageEncrypted.check(resource('AWS::RDS::DBInstance', { Engine: 'postgres' }), ctx))).toBe('fail');
    expect(outcome(rdsStorageEncrypted.check(resource('AWS::RDS::DBCluster', { Engine: 'aurora-mysql', StorageEncrypted: true }), ctx))).toBe('pass');
  });
});
