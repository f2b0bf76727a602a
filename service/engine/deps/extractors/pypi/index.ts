// The pypi extractors, in the order they are tried. (Filled in by the pypi extractors' change.)
import type { PackageExtractor } from '../../types';

export const pypiExtractors: readonly PackageExtractor[] = [];
