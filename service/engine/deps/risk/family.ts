// The package-risk rules as a RuleFamily: the catalog's generic test replays every rule's examples,
// each a small repository scanned by the real package-risk scanner with its datasets in memory.
import type { RuleFamily } from '../../types';
import { ruleOutcome, scanExample } from './example-scan';
import { RISK_UNITS } from './rules';
import { packageRiskScanner } from './scanner';

export const packageRiskRuleFamily: RuleFamily<string> = {
  name: 'package-risk',
  title: 'Package risk',
  category: 'package-risk',
  units: RISK_UNITS,
  async evaluate(unit, input) {
    return ruleOutcome(await scanExample(packageRiskScanner, input), unit.meta.id);
  },
};
