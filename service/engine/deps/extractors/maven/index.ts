// The Maven extractors, in the order they are tried.
import type { PackageExtractor } from '../../types';
import { gradleLockfileExtractor } from './gradle-lockfile';
import { pomExtractor } from './pom';

export const mavenExtractors: readonly PackageExtractor[] = [pomExtractor, gradleLockfileExtractor];
