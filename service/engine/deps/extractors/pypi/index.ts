// The PyPI extractors, in the order they are tried.
import type { PackageExtractor } from '../../types';
import { pdmLockExtractor } from './pdm-lock';
import { pipfileLockExtractor } from './pipfile-lock';
import { poetryLockExtractor } from './poetry-lock';
import { pylockExtractor } from './pylock';
import { requirementsExtractor } from './requirements';
import { uvLockExtractor } from './uv-lock';

export const pypiExtractors: readonly PackageExtractor[] = [
  requirementsExtractor,
  pipfileLockExtractor,
  poetryLockExtractor,
  pdmLockExtractor,
  uvLockExtractor,
  pylockExtractor,
];
