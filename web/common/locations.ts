// Where a finding sits. Free of SDK imports, so node-side test helpers can use it too.
import type { FindingDto, FindingLocationDto } from '../../service/http/api-types';

/** Where a finding sits: its alert's locations, or the finding itself when the list was not grouped. */
export function locationsOf(f: FindingDto): FindingLocationDto[] {
  if (f.locations?.length) return f.locations;
  return [
    {
      findingId: f.id,
      repositoryId: f.repositoryId,
      repositoryName: f.repositoryName,
      projectId: f.projectId,
      projectName: f.projectName,
      path: f.path,
      line: f.line,
      state: f.state,
      webUrl: f.webUrl,
      lastSeenAt: f.lastSeenAt,
    },
  ];
}
