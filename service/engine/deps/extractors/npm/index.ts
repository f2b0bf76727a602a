// The npm extractors, in the order they are tried. (Filled in by the npm extractors' change.)
import type { PackageExtractor } from '../../types';

export const npmExtractors: readonly PackageExtractor[] = [];
