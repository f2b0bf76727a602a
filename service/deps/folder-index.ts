// The CLI's advisory index: OSV all.zip files and/or OSV JSON records under a folder, held in memory
// (`vigil scan <dir> --advisories <folder>`), read with the same reader as the service's import.
import { memoryAdvisoryIndex } from '../engine/deps/advisory-index';
import type { AdvisoryIndex, OsvRecord } from '../engine/deps/types';
import { DEFAULT_OSV_LIMITS, osvRecordsFromFolder, WarningLog, type OsvReadLimits } from './osv-zip';

export interface FolderIndex {
  index: AdvisoryIndex;
  /** Records read (withdrawn ones included; the index leaves them out). */
  records: number;
  warnings: WarningLog;
}

/** Throws OsvSourceError when the folder holds more files than allowed; a bad zip or record is a warning. */
export async function advisoryIndexFromFolder(dir: string, limits: OsvReadLimits = DEFAULT_OSV_LIMITS): Promise<FolderIndex> {
  const warnings = new WarningLog(20);
  const records: OsvRecord[] = [];
  for await (const record of osvRecordsFromFolder(dir, warnings, limits)) records.push(record);
  return { index: memoryAdvisoryIndex(records), records: records.length, warnings };
}
