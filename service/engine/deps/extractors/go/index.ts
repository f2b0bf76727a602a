// The Go extractors, in the order they are tried.
import type { PackageExtractor } from '../../types';
import { goModExtractor } from './go-mod';

export const goExtractors: readonly PackageExtractor[] = [goModExtractor];
