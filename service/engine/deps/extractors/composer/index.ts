// The Packagist extractors, in the order they are tried.
import type { PackageExtractor } from '../../types';
import { composerLockExtractor } from './composer-lock';

export const composerExtractors: readonly PackageExtractor[] = [composerLockExtractor];
