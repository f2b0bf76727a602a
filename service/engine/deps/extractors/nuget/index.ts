// The NuGet extractors, in the order they are tried.
import type { PackageExtractor } from '../../types';
import { depsJsonExtractor } from './deps-json';
import { packageReferenceExtractor } from './package-reference';
import { packagesConfigExtractor } from './packages-config';
import { packagesLockExtractor } from './packages-lock';

export const nugetExtractors: readonly PackageExtractor[] = [packagesLockExtractor, packagesConfigExtractor, packageReferenceExtractor, depsJsonExtractor];
