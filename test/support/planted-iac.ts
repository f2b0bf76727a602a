// The infrastructure-as-code misconfigurations planted in the fake organization
// (test/fake-ado/fixtures/planted-iac.json): every IaC finding the org must produce, each a true
// positive its file was written to contain, and the decoys (well-configured resources of the same
// types) that must give no finding of the rule they stand next to.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FindingDto } from '../../service/contract/api';
import type { IacPlatform } from '../../service/contract/vocabulary';

export interface PlantedIac {
  repo: string;
  /** The file the finding is reported in (a module's file, a Helm template, a Kustomize patch...). */
  path: string;
  line: number;
  ruleId: string;
  /** The resource as the finding names it: `module.network.azurerm_network_security_rule.ssh`. */
  address: string;
  /** The attribute path judged, when the finding names one. */
  attribute?: string;
  /** The input syntax it came from (the API's `platform` filter). */
  platform: IacPlatform;
  /** Suppressed in the file (`#checkov:skip=`, `vigil:ignore`): reported in state 'suppressed'. */
  suppressed?: boolean;
  /** Why it is planted (for a reader; not compared). */
  note?: string;
}

export interface IacDecoy {
  repo: string;
  path: string;
  ruleId: string;
  address: string;
  note: string;
}

interface PlantedIacFile {
  planted: PlantedIac[];
  decoys: IacDecoy[];
}

export const plantedIac: PlantedIacFile = JSON.parse(readFileSync(path.join(__dirname, '../fake-ado/fixtures/planted-iac.json'), 'utf8'));

/** `repo path:line RULE address › attribute [suppressed]`: one line a person can read in a diff. */
export function plantedIacKey(p: Pick<PlantedIac, 'repo' | 'path' | 'line' | 'ruleId' | 'address' | 'attribute' | 'suppressed'>): string {
  return `${p.repo} ${p.path}:${p.line} ${p.ruleId} ${p.address}${p.attribute ? ` › ${p.attribute}` : ''}${p.suppressed ? ' [suppressed]' : ''}`;
}

/** The same key for a finding of the API (a non-resource location says so). */
export function findingIacKey(f: FindingDto): string {
  if (f.location.kind !== 'resource') return `${f.repositoryName} not a resource location: ${f.ruleId} ${f.locationText}`;
  return plantedIacKey({
    repo: f.repositoryName ?? '?',
    path: f.location.path,
    line: f.location.line,
    ruleId: f.ruleId,
    address: f.location.address,
    attribute: f.location.attribute,
    suppressed: f.state === 'suppressed',
  });
}

/** Missing and unexpected keys, for a failure message that shows both lists, or '' when the sets are equal. */
export function iacDiff(expected: readonly string[], actual: readonly string[]): string {
  const want = new Set(expected);
  const got = new Set(actual);
  const missing = [...want].filter((k) => !got.has(k)).sort();
  const unexpected = [...got].filter((k) => !want.has(k)).sort();
  const dupes = actual.filter((k, i) => actual.indexOf(k) !== i);
  if (!missing.length && !unexpected.length && !dupes.length) return '';
  const block = (title: string, keys: string[]) => (keys.length ? [`${title} (${keys.length}):`, ...keys.map((k) => `  ${k}`)] : []);
  return [...block('missing', missing), ...block('unexpected', unexpected), ...block('reported twice', [...new Set(dupes)])].join('\n');
}
