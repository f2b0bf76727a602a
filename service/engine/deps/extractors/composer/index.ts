// The composer extractors, in the order they are tried. (Filled in by the composer extractors' change.)
import type { PackageExtractor } from '../../types';

export const composerExtractors: readonly PackageExtractor[] = [];
