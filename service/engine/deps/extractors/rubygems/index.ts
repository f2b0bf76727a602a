// The rubygems extractors, in the order they are tried. (Filled in by the rubygems extractors' change.)
import type { PackageExtractor } from '../../types';

export const rubygemsExtractors: readonly PackageExtractor[] = [];
