// Every result of the organization, project, repository, user and extension controls, over all
// their examples, has the shape the hub relies on: an ADO object with a link to the page where it is
// fixed, evidence for a pass or a fail, a message naming the object for a fail, and a reason for a
// not-available (never a pass or fail without evidence).
import { adoObjectLocationSchema, evidenceSchema, reasonSchema } from '../../contract/model';
import { controlResults } from '../assess';
import { extensionsControls } from './extensions';
import { organizationControls } from './organization';
import { projectsControls } from './projects';
import { repositoriesControls } from './repositories';
import { usersControls } from './users';

const controls = [...organizationControls, ...projectsControls, ...repositoriesControls, ...usersControls, ...extensionsControls];

test('at least 45 controls, ids with their module prefix', () => {
  expect(controls.length).toBeGreaterThanOrEqual(45);
  const prefixes = new Map([
    [organizationControls, 'ADO-ORG-'],
    [projectsControls, 'ADO-PRJ-'],
    [repositoriesControls, 'ADO-REPO-'],
    [usersControls, 'ADO-USER-'],
    [extensionsControls, 'ADO-EXT-'],
  ]);
  for (const [list, prefix] of prefixes) for (const c of list) expect(c.meta.id.startsWith(prefix)).toBe(true);
});

test.each(controls.map((c) => [c.meta.id, c] as const))('%s: every result of every example is well formed', (_id, control) => {
  const examples = [...control.examples.mustFlag, ...control.examples.mustNotFlag, ...(control.examples.notApplicable ?? []), ...(control.examples.notAvailable ?? [])];
  for (const snapshot of examples) {
    for (const r of controlResults(control, snapshot)) {
      const object = adoObjectLocationSchema.parse(r.object);
      expect(object.url).toMatch(/^https:\/\/dev\.azure\.com\/contoso\//);
      for (const e of r.evidence) evidenceSchema.parse(e);
      if (r.outcome === 'pass' || r.outcome === 'fail') expect(r.evidence.length).toBeGreaterThan(0);
      if (r.outcome === 'fail') {
        expect(r.message).toBeDefined();
        expect(r.message).toContain(object.objectKind === 'organization' ? 'contoso' : object.name.split(' ')[0]);
      }
      if (r.outcome === 'not-available') reasonSchema.parse(r.reason);
      else expect(r.reason).toBeUndefined();
    }
  }
});
