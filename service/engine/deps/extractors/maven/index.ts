// The maven extractors, in the order they are tried. (Filled in by the maven extractors' change.)
import type { PackageExtractor } from '../../types';

export const mavenExtractors: readonly PackageExtractor[] = [];
