// The crates.io extractors, in the order they are tried.
import type { PackageExtractor } from '../../types';
import { cargoLockExtractor } from './cargo-lock';

export const cargoExtractors: readonly PackageExtractor[] = [cargoLockExtractor];
