// Every secret rule's regex on 1 MB adversarial lines (its keyword repeated, a long quoted run, its own
// characters repeated): the time of the slowest. A figure for `npm run bench`, not a test: the unit
// test checks the pattern shapes (no nested unbounded repetition) deterministically.
import { SECRET_RULES } from '../../service/engine/secrets/rules';

const MB = 1024 * 1024;

function adversarialLines(source: string, keyword: string): string[] {
  const alnum = 'aB3'.repeat(MB / 3);
  return [
    (keyword + '=').repeat(Math.ceil(MB / (keyword.length + 1))).slice(0, MB),
    keyword + ' = "' + alnum.replace(/3/g, '/'),
    source.replace(/[^A-Za-z0-9]/g, '').repeat(Math.ceil(MB / Math.max(1, source.length))).slice(0, MB),
  ];
}

export function regexStress(top = 5): { rules: number; totalMs: number; slowest: { id: string; ms: number }[] } {
  const times: { id: string; ms: number }[] = [];
  let totalMs = 0;
  for (const rule of SECRET_RULES) {
    if (!rule.pattern) continue;
    const re = new RegExp(rule.pattern.source, rule.pattern.flags.replace(/[gy]/g, '') + 'g');
    let worst = 0;
    for (const line of adversarialLines(rule.pattern.source, rule.keywords[0] ?? 'key')) {
      const t0 = performance.now();
      re.lastIndex = 0;
      let n = 0;
      while (re.exec(line) && ++n < 1000) { /* drain */ }
      const ms = performance.now() - t0;
      totalMs += ms;
      worst = Math.max(worst, ms);
    }
    times.push({ id: rule.id, ms: worst });
  }
  times.sort((a, b) => b.ms - a.ms);
  return { rules: times.length, totalMs, slowest: times.slice(0, top) };
}
