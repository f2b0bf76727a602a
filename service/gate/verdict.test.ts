// The gate's boundaries: at the gate severity fails, one step below passes; the repository's setting
// before the organization's; the status words.
import { effectiveGateSeverity, errorDescription, failsGate, gateVerdict, pendingDescription } from './verdict';

describe('gate verdict', () => {
  it('fails at or above the gate severity, passes below it', () => {
    expect(failsGate('critical', 'high')).toBe(true);
    expect(failsGate('high', 'high')).toBe(true);
    expect(failsGate('medium', 'high')).toBe(false);
    expect(failsGate('low', 'low')).toBe(true);
    expect(failsGate('info', 'low')).toBe(false);
    expect(failsGate('high', 'critical')).toBe(false);
  });

  it('counts the failing new findings and says so', () => {
    expect(gateVerdict([], 'high')).toEqual({ verdict: 'succeeded', failing: 0, description: 'No new findings at or above high' });
    expect(gateVerdict([{ severity: 'medium' }, { severity: 'low' }], 'high')).toMatchObject({ verdict: 'succeeded', failing: 0 });
    expect(gateVerdict([{ severity: 'high' }, { severity: 'low' }], 'high')).toEqual({ verdict: 'failed', failing: 1, description: '1 new finding at or above high' });
    expect(gateVerdict([{ severity: 'critical' }, { severity: 'medium' }], 'medium')).toEqual({ verdict: 'failed', failing: 2, description: '2 new findings at or above medium' });
  });

  it('takes the repository severity first, then the organization one, then high; unknown values are ignored', () => {
    expect(effectiveGateSeverity('critical', 'low')).toEqual({ severity: 'critical', source: 'repository' });
    expect(effectiveGateSeverity(null, 'low')).toEqual({ severity: 'low', source: 'organization' });
    expect(effectiveGateSeverity('bogus', undefined)).toEqual({ severity: 'high', source: 'organization' });
    expect(effectiveGateSeverity('info', 'medium')).toEqual({ severity: 'medium', source: 'organization' });
  });

  it('words the pending and error statuses', () => {
    expect(pendingDescription(1)).toBe('Scanning 1 changed file');
    expect(pendingDescription(12)).toBe('Scanning 12 changed files');
    expect(errorDescription('The download\nfailed')).toBe('Vigil could not scan this pull request: The download failed');
    expect(errorDescription('x'.repeat(500))).toHaveLength(200);
  });
});
