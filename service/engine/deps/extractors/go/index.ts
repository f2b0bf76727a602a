// The go extractors, in the order they are tried. (Filled in by the go extractors' change.)
import type { PackageExtractor } from '../../types';

export const goExtractors: readonly PackageExtractor[] = [];
