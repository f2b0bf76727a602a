// The npm extractors: lockfiles (package-lock v1-v3, npm-shrinkwrap, yarn classic and berry, pnpm 5/6/9,
// bun.lock) and the package.json manifest (read only where no lockfile covers its folder).
import type { PackageExtractor } from '../../types';
import { bunLockExtractor } from './bun-lock';
import { packageJsonExtractor } from './package-json';
import { packageLockExtractor } from './package-lock';
import { pnpmLockExtractor } from './pnpm-lock';
import { shrinkwrapExtractor } from './shrinkwrap';
import { yarnLockExtractor } from './yarn-lock';

export const npmExtractors: readonly PackageExtractor[] = [
  packageLockExtractor,
  shrinkwrapExtractor,
  yarnLockExtractor,
  pnpmLockExtractor,
  bunLockExtractor,
  packageJsonExtractor,
];
