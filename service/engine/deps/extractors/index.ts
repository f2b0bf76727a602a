// Every package extractor, one list per ecosystem (osv-scalibr's explicit registry): a test checks
// that every extractor module is listed and that every testdata case is replayed.
import type { PackageExtractor } from '../types';
import { cargoExtractors } from './cargo';
import { composerExtractors } from './composer';
import { goExtractors } from './go';
import { mavenExtractors } from './maven';
import { npmExtractors } from './npm';
import { nugetExtractors } from './nuget';
import { pypiExtractors } from './pypi';
import { rubygemsExtractors } from './rubygems';

export const packageExtractors: readonly PackageExtractor[] = [
  ...npmExtractors,
  ...pypiExtractors,
  ...nugetExtractors,
  ...mavenExtractors,
  ...goExtractors,
  ...cargoExtractors,
  ...composerExtractors,
  ...rubygemsExtractors,
];
