// Replays the examples of the pipeline, release and protected-resource controls through the
// posture family (the catalog test does the same for every family once it is registered), and
// checks every result names its object and every fail says why.
import { makePostureFamily } from '../family';
import { controlResults } from '../assess';
import type { Control } from './control';
import { pipelinesControls } from './pipelines';
import { releasesControls } from './releases';
import { serviceConnectionsControls } from './service-connections';
import { variableGroupsControls } from './variable-groups';
import { secureFilesControls } from './secure-files';
import { agentPoolsControls } from './agent-pools';
import { environmentsControls } from './environments';
import { combinedControls } from './combined';

const mine: readonly Control[] = [...pipelinesControls, ...releasesControls, ...serviceConnectionsControls, ...variableGroupsControls, ...secureFilesControls, ...agentPoolsControls, ...environmentsControls, ...combinedControls];

const family = makePostureFamily(mine);

describe.each(mine.map((c) => [c.meta.id, c] as const))('%s', (_id, control) => {
  test('examples give their outcomes', () => {
    const unit = family.units.find((u) => u.meta.id === control.meta.id)!;
    const wrong: string[] = [];
    const kinds = { mustFlag: ['fail'], mustNotFlag: ['pass', 'not-applicable'], notApplicable: ['not-applicable'], notAvailable: ['not-available'] } as const;
    for (const kind of Object.keys(kinds) as (keyof typeof kinds)[]) {
      for (const [i, input] of (unit.examples[kind] ?? []).entries()) {
        const o = family.evaluate(unit, input) as { outcome: string; reason?: { text: string } };
        if (!(kinds[kind] as readonly string[]).includes(o.outcome)) wrong.push(`${kind} #${i + 1} gave ${o.outcome}`);
        if (o.outcome === 'not-available' && !o.reason?.text) wrong.push(`${kind} #${i + 1} without a reason`);
      }
    }
    expect(wrong).toEqual([]);
    expect(control.examples.mustFlag.length).toBeGreaterThan(0);
    expect(control.examples.mustNotFlag.length).toBeGreaterThan(0);
  });

  test('fails name the object in their message and carry evidence; every object has a URL', () => {
    for (const s of control.examples.mustFlag) {
      for (const r of controlResults(control, s)) {
        expect(r.object.url).toMatch(/^https:\/\//);
        if (r.outcome !== 'fail') continue;
        expect(r.evidence.length).toBeGreaterThan(0);
        expect(r.message).toContain(r.object.name);
      }
    }
  });
});
