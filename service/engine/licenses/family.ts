// The license rules as a RuleFamily: the catalog's generic test replays every rule's examples, each a
// small repository scanned by the real licenses scanner (extractors, policy, metadata in memory).
import { ruleOutcome, scanExample } from '../deps/risk/example-scan';
import type { RuleFamily } from '../types';
import { LICENSE_UNITS } from './rules';
import { licensesScanner } from './scanner';

export const licenseRuleFamily: RuleFamily<string> = {
  name: 'licenses',
  title: 'Licenses',
  category: 'license',
  units: LICENSE_UNITS,
  async evaluate(unit, input) {
    return ruleOutcome(await scanExample(licensesScanner, input), unit.meta.id);
  },
};
