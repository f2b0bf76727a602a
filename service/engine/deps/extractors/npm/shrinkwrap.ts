// npm-shrinkwrap.json: a package-lock that is published with the package. Same formats (v1, v2, v3),
// read by the package-lock reader; its own extractor name so findings say which file it was.
import type { PackageExtractor } from '../../types';
import { baseName, underNodeModules } from './manifest';
import { readNpmLockfile } from './package-lock';

export const shrinkwrapExtractor: PackageExtractor = {
  name: 'npm/shrinkwrap',
  version: '1',
  wants: (path) => baseName(path) === 'npm-shrinkwrap.json' && !underNodeModules(path),
  extract: (file, warn, tree) => readNpmLockfile(file, warn, tree, 'npm/shrinkwrap'),
};
