// The RubyGems extractors, in the order they are tried.
import type { PackageExtractor } from '../../types';
import { gemfileLockExtractor } from './gemfile-lock';

export const rubygemsExtractors: readonly PackageExtractor[] = [gemfileLockExtractor];
