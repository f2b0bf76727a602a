// Every C# rule, and the one overlap between them: a pattern rule and a taint rule at the same sink.
import type { CodeHit } from '../../types';
import type { CsRule } from '../context';
import { cryptoRules } from './crypto';
import { injectionRules } from './injection';
import { connectionStringPassword } from './secrets';
import { serializationRules } from './serialization';
import { webRules } from './web';
import { csharpTaintRules } from '../taint';

export const csharpRules: readonly CsRule[] = [...injectionRules, ...cryptoRules, ...serializationRules, ...webRules, connectionStringPassword, ...csharpTaintRules];

/** Pattern rule -> the taint rule that reports the same sink with more to say (the flow). */
const TAINT_OF: Record<string, string> = {
  'CODE-CS-COMMAND-INJECTION': 'CODE-CS-TAINT-COMMAND',
  'CODE-CS-SQLI-SQLCLIENT': 'CODE-CS-TAINT-SQL',
  'CODE-CS-SQLI-OLEDB': 'CODE-CS-TAINT-SQL',
  'CODE-CS-SQLI-ODBC': 'CODE-CS-TAINT-SQL',
  'CODE-CS-SQLI-NPGSQL': 'CODE-CS-TAINT-SQL',
  'CODE-CS-SQLI-EF': 'CODE-CS-TAINT-SQL',
  'CODE-CS-SQLI-NHIBERNATE': 'CODE-CS-TAINT-SQL',
  'CODE-CS-SQLI-ENTLIB': 'CODE-CS-TAINT-SQL',
  'CODE-CS-SQLI': 'CODE-CS-TAINT-SQL',
  'CODE-CS-XSS': 'CODE-CS-TAINT-XSS',
  'CODE-CS-PATH-TRAVERSAL': 'CODE-CS-TAINT-PATH',
  'CODE-CS-OPEN-REDIRECT': 'CODE-CS-TAINT-REDIRECT',
  'CODE-CS-LDAP-INJECTION': 'CODE-CS-TAINT-LDAP',
  'CODE-CS-XPATH-INJECTION': 'CODE-CS-TAINT-XPATH',
};

/** Where a taint rule reports a sink, the pattern rule of the same sink is dropped: one finding, with its flow. */
export function samePlaceAsTaint(hits: CodeHit[]): CodeHit[] {
  const taintAt = new Set(hits.filter((h) => Object.values(TAINT_OF).includes(h.ruleId)).map((h) => `${h.ruleId}@${h.line}:${h.column}`));
  if (!taintAt.size) return hits;
  return hits.filter((h) => !(TAINT_OF[h.ruleId] && taintAt.has(`${TAINT_OF[h.ruleId]}@${h.line}:${h.column}`)));
}
