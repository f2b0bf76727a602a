// The engine's explicit lists: its scanners, and its rule families for the catalog (service/catalog).
// Adding a scanner or family means adding it here; a test checks that every family's rules are the
// rules some scanner runs.
import { codeRuleFamily, codeScanners } from './code';
import { depsRuleFamily, depsScanner } from './deps';
import { iacRuleFamily, iacScanner } from './iac';
import { packageRiskRuleFamily, packageRiskScanner } from './deps/risk';
import { licenseRuleFamily, licensesScanner } from './licenses';
import { secretRuleFamily, secretsScanner } from './secrets';
import type { RuleFamily, Scanner } from './types';

export const engineScanners: readonly Scanner[] = [secretsScanner, depsScanner, licensesScanner, packageRiskScanner, iacScanner, ...codeScanners];

export const engineFamilies: readonly RuleFamily<string>[] = [secretRuleFamily, depsRuleFamily, licenseRuleFamily, packageRiskRuleFamily, iacRuleFamily, codeRuleFamily];
