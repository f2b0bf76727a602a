// Public surface of the secrets module: the scanner and the rule family. Nothing else here
// returns a raw secret value.
import { makeSecretRuleFamily } from './family';
import { SECRET_RULES } from './rules';
import { SecretScanner } from './scanner';
import type { RuleFamily, Scanner } from '../types';

export { SECRET_RULES } from './rules';
export type { SecretRule } from './rule';

const scanner = new SecretScanner(SECRET_RULES);

export const secretsScanner: Scanner = scanner;
export const secretRuleFamily: RuleFamily<string> = makeSecretRuleFamily(SECRET_RULES, scanner);

/** Number of detectors (for reports and the benchmark). */
export const secretRuleCount = SECRET_RULES.length;
