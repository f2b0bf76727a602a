// Public surface of the secrets module: the scanner and the rule family. Nothing else here
// returns a raw secret value.
import type { RuleFamily } from '../types';
import { makeSecretRuleFamily } from './family';
import { SECRET_RULES } from './rules';
import { SecretScanner } from './scanner';

export { SECRET_RULES } from './rules';
export type { SecretRule } from './rule';

export const secretsScanner = new SecretScanner(SECRET_RULES);
export const secretRuleFamily: RuleFamily<string> = makeSecretRuleFamily(SECRET_RULES, secretsScanner);

/** Number of detectors (for reports and the benchmark). */
export const secretRuleCount = SECRET_RULES.length;
