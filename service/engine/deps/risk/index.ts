// Package operational risk: the 'package-risk' scanner and its rule family, and the in-memory
// metadata index the CLI and examples use.
export { packageRiskRuleFamily } from './family';
export { memoryMetadataIndex } from './metadata-index';
export { RISK_RULES, type RiskRuleId } from './rules';
export { assessPackages, PACKAGE_RISK_SCANNER_NAME, packageRiskScanner, UNMAINTAINED_MONTHS, type PackageRiskOptions } from './scanner';
export { pinVerdict } from './unpinned';
