// The nuget extractors, in the order they are tried. (Filled in by the nuget extractors' change.)
import type { PackageExtractor } from '../../types';

export const nugetExtractors: readonly PackageExtractor[] = [];
