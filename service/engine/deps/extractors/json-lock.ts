// JSON lockfiles (Pipfile.lock, composer.lock): parsed with the failure turned into a parse-error
// warning naming the line (Node's JSON.parse gives only a character position).
import { errorLine } from '../../error-text';
import type { Warn } from '../../types';
import { lineAt } from './json-text';

/** The top-level object, or undefined after a parse-error warning. */
export function parseJsonObjectOrWarn(text: string, warn: Warn): Record<string, unknown> | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (err) {
    const at = /position (\d+)/.exec(err instanceof Error ? err.message : '');
    const where = at ? `line ${lineAt(text, Number(at[1]))}: ` : '';
    warn({ code: 'parse-error', message: `${where}not valid JSON: ${errorLine(err)}` });
    return undefined;
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    warn({ code: 'parse-error', message: 'not a JSON object' });
    return undefined;
  }
  return doc as Record<string, unknown>;
}
