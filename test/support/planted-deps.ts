// The vulnerable dependencies planted in the fake organization (test/fake-ado/fixtures/planted-deps.json)
// and the OSV records the fake OSV host serves for them: the first full sync, then an increment that
// adds the withheld advisories.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { OsvRecord } from '../../service/engine/deps/types';
import { publishEcosystem } from '../fake-osv/osv-fixtures';
import type { FakeOsvHost } from '../fake-osv/server';

export interface PlantedAdvisory {
  id: string;
  ecosystem: string;
  /** As OSV spells it. */
  package: string;
  aliases: string[];
  summary: string;
  /** [introduced, fixed] pairs. */
  ranges: [string, string][];
  cvss: string;
  withheld?: boolean;
}

export interface PlantedDependency {
  repo: string;
  path: string;
  line: number;
  ecosystem: string;
  /** Normalised as the extractors give it. */
  name: string;
  version: string;
  advisory: string;
  direct?: boolean;
  withheld?: boolean;
}

interface PlantedDeps {
  advisories: PlantedAdvisory[];
  planted: PlantedDependency[];
  controls: { repo: string; name: string; version: string; advisory: string }[];
}

export const plantedDeps: PlantedDeps = JSON.parse(readFileSync(path.join(__dirname, '../fake-ado/fixtures/planted-deps.json'), 'utf8'));

/** The ecosystems the planted advisories cover (VIGIL_ADVISORY_ECOSYSTEMS of a test stack). */
export const PLANTED_ECOSYSTEMS = [...new Set(plantedDeps.advisories.map((a) => a.ecosystem))];

const FIRST_MODIFIED = '2024-06-01T00:00:00Z';
const LATER_MODIFIED = '2025-03-01T00:00:00Z';

export function osvRecordOf(a: PlantedAdvisory): OsvRecord {
  return {
    id: a.id,
    modified: a.withheld ? LATER_MODIFIED : FIRST_MODIFIED,
    published: '2023-01-01T00:00:00Z',
    aliases: a.aliases,
    summary: a.summary,
    details: `${a.summary}.`,
    severity: [{ type: 'CVSS_V3', score: a.cvss }],
    affected: [
      {
        package: { ecosystem: a.ecosystem, name: a.package },
        ranges: [{ type: 'ECOSYSTEM', events: a.ranges.flatMap(([introduced, fixed]) => [{ introduced }, { fixed }]) }],
      },
    ],
    references: [{ type: 'ADVISORY', url: `https://github.com/advisories/${a.id}` }],
  };
}

/** Puts every planted ecosystem's all.zip, modified_id.csv and records on the fake OSV host; withheld ones only with `withWithheld`. */
export async function publishPlantedAdvisories(fake: FakeOsvHost, withWithheld = false): Promise<void> {
  for (const ecosystem of PLANTED_ECOSYSTEMS) {
    const records = plantedDeps.advisories.filter((a) => a.ecosystem === ecosystem && (withWithheld || !a.withheld)).map(osvRecordOf);
    await publishEcosystem(fake, ecosystem, records);
  }
}
