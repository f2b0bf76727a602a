// The cargo extractors, in the order they are tried. (Filled in by the cargo extractors' change.)
import type { PackageExtractor } from '../../types';

export const cargoExtractors: readonly PackageExtractor[] = [];
