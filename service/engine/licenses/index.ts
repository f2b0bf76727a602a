// Licenses: SPDX declarations read and categorised, the license policy, the LICENSE-text matcher, and
// the 'licenses' scanner with its rule family.
export { expressionCategory, idCategory, licenseCategory, LICENSE_CATEGORIES, type LicenseCategory } from './categories';
export { licenseRuleFamily } from './family';
export { CATEGORY_RULES, DEFAULT_LICENSE_POLICY, judgeLicense, type LicensePolicy, type LicenseVerdict } from './policy';
export { isLicenseFilePath, repositoryLicenses, type RepositoryLicense } from './repository';
export { LICENSE_RULES } from './rules';
export { judgePackages, LICENSES_SCANNER_NAME, licensesScanner, type LicensesOptions, type PackageLicense } from './scanner';
export { normalizeLicense, type LicenseKind, type NormalizedLicense } from './spdx';
export { identifyLicenseText, type LicenseTextMatch } from './text-match';
