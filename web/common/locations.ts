// Where a finding sits. Free of SDK imports, so node-side test helpers can use it too.
import type { FindingDto, FindingLocationDto, FindingPlace } from '../../service/contract/api';

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
    location: p.location,
    locationText: p.locationText,
    webUrl: p.webUrl,
  };
}

/** "Payments / payments-api", "Payments" for a project object, "" for an organization object. */
export function ownerText(p: FindingPlace): string {
  return [p.projectName, p.repositoryName].filter(Boolean).join(' / ');
}
