// Every C# rule, and the one overlap between them: a pattern rule and a taint rule at the same sink.
import type { CodeHit } from '../../types';
import type { CsRule } from '../context';
import { cryptoRules } from './crypto';
import { injectionRules } from './injection';
import { connectionStringPassword } from './secrets';
import { serializationRules } from './serialization';
import { webRules } from './web';

export const csharpRules: readonly CsRule[] = [...injectionRules, ...cryptoRules, ...serializationRules, ...webRules, connectionStringPassword];

/** Pattern rule -> the taint rule that reports the same sink with more to say (the flow). */
const TAINT_OF: Record<string, string> = {};

/** Where a taint rule reports a sink, the pattern rule of the same sink is dropped: one finding, with its flow. */
export function samePlaceAsTaint(hits: CodeHit[]): CodeHit[] {
  const taintAt = new Set(hits.filter((h) => Object.values(TAINT_OF).includes(h.ruleId)).map((h) => `${h.ruleId}@${h.line}:${h.column}`));
  if (!taintAt.size) return hits;
  return hits.filter((h) => !(TAINT_OF[h.ruleId] && taintAt.has(`${TAINT_OF[h.ruleId]}@${h.line}:${h.column}`)));
}
