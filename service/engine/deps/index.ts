// Public surface of the dependency family: the 'deps' scanner and its rule family, the matching the
// service re-runs on stored inventories, the in-memory advisory index, and the CycloneDX SBOM.
export { memoryAdvisoryIndex } from './advisory-index';
export { DEP_VULNERABLE_PACKAGE, DEPS_SCANNER_NAME, vulnerabilityFacts, type VulnerabilityFacts } from './facts';
export { depsRuleFamily } from './family';
export { toCycloneDx, type CycloneDxBom, type CycloneDxOptions } from './sbom';
export { depsScanner, depVulnerablePackageRule, matchInventory } from './scanner';
export type { AdvisoryIndex, DepsOptions, OsvRecord, PackageEntry } from './types';
