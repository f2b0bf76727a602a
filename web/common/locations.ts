// Where a finding sits. Free of SDK imports, so node-side test helpers can use it too.
import type { FindingDto, FindingLocationDto, FindingPlace } from '../../service/http/api-types';

/** Where a finding sits: its alert's locations, or the finding itself when the list was not grouped. */
export function locationsOf(f: FindingDto): FindingLocationDto[] {
  if (f.locations?.length) return f.locations;
  return [{ findingId: f.id, ...placeOf(f), state: f.state, lastSeenAt: f.lastSeenAt }];
}

/** Just the place fields of a finding or location. */
function placeOf(p: FindingPlace): FindingPlace {
  return {
    repositoryId: p.repositoryId,
    repositoryName: p.repositoryName,
    projectId: p.projectId,
    projectName: p.projectName,
    path: p.path,
    line: p.line,
    webUrl: p.webUrl,
  };
}
