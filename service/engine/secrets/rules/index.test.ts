import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { NON_RULE_FILES, RULE_MODULES, SECRET_RULES } from './index';

describe('secret rule index', () => {
  it('lists every rule module in the folder, and only those', async () => {
    const files = readdirSync(__dirname)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .map((f) => f.replace(/\.ts$/, ''))
      .filter((f) => !NON_RULE_FILES.includes(f));
    expect(Object.keys(RULE_MODULES).sort()).toEqual(files.sort());
    for (const f of files) expect((await import(join(__dirname, f))).rules).toBe(RULE_MODULES[f]);
  });

  it('has at least 400 detectors with unique, well-formed ids', () => {
    const ids = SECRET_RULES.map((r) => r.id);
    expect(ids.length).toBeGreaterThanOrEqual(400);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^SEC-[A-Z0-9]+(?:-[A-Z0-9]+)*$/);
  });

  it('gives every rule metadata, keywords and both kinds of examples', () => {
    for (const r of SECRET_RULES) {
      expect(r.title.length).toBeGreaterThan(3);
      expect(r.description.length).toBeGreaterThan(10);
      expect(r.remediation.length).toBeGreaterThan(10);
      expect(r.keywords.length > 0 || r.paths !== undefined || r.runs !== undefined).toBe(true);
      // An assignment reader (`assigned`) may come with a window pattern (keyedRule) or alone.
      expect([r.pattern ?? r.assigned, r.find, r.shape, r.runs].filter(Boolean)).toHaveLength(1);
      expect(r.examples.mustFlag.length).toBeGreaterThan(0);
      expect(r.examples.mustNotFlag.length).toBeGreaterThan(0);
      if (r.helpUri) expect(r.helpUri).toMatch(/^https:\/\//);
    }
  });

  it('covers what Azure DevOps users leak first', () => {
    const ids = new Set(SECRET_RULES.map((r) => r.id));
    for (const id of ['SEC-AZURE-DEVOPS-PAT', 'SEC-AZURE-DEVOPS-PAT-LEGACY', 'SEC-AZURE-STORAGE-CONNECTION-STRING', 'SEC-AZURE-SAS-TOKEN',
      'SEC-AZURE-ENTRA-CLIENT-SECRET', 'SEC-AZURE-COSMOS-CONNECTION-STRING', 'SEC-AZURE-SERVICE-BUS-CONNECTION-STRING',
      'SEC-AZURE-APP-CONFIGURATION-CONNECTION-STRING', 'SEC-AZURE-CONTAINER-REGISTRY-KEY', 'SEC-AZURE-FUNCTIONS-LOCAL-SETTINGS']) {
      expect(ids.has(id)).toBe(true);
    }
  });
});
