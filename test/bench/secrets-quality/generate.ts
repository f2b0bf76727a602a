// The evaluation set: for every provider, one file per syntax with one planted secret (the line(s)
// it is on recorded), the provider's hard negatives, and the general hard negatives. Deterministic:
// every file's randomness is seeded by "<seed>/<provider>/<syntax>", so the set only changes where
// the generator changes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Case, Credential, Marks, Provider, Span, SyntaxId } from './model';
import { ASSIGNMENT_SYNTAXES, COMMAND_SYNTAXES } from './model';
import { generalNegatives, providerNegatives } from './negatives';
import { PROVIDERS } from './providers';
import { Rng } from './random';
import { BLOCK_SYNTAXES, RENDERERS } from './syntaxes';

export const DEFAULT_SEED = 'vigil-secrets-quality-1';

const S0 = '\u0001';
const S1 = '\u0002';
const P0 = '\u0003';
const P1 = '\u0004';

const MARKING: Marks = {
  S: (text) => `${S0}${text}${S1}`,
  P: (c) => (c.paired ? `${P0}${c.value}${P1}` : c.value),
};
const PLAIN: Marks = { S: (text) => text, P: (c) => c.value };

/** Strips the markers and returns the spans they delimited. */
function extract(marked: string): { text: string; spans: Span[] } {
  const spans: Span[] = [];
  let line = 1;
  let text = '';
  let open = 0;
  for (const ch of marked) {
    if (ch === S0 || ch === P0) open = line;
    else if (ch === S1 || ch === P1) spans.push({ start: open, end: line });
    else {
      if (ch === '\n') line++;
      text += ch;
    }
  }
  return { text, spans };
}

/** The syntaxes a provider's credentials are written in. */
export function syntaxesFor(p: Provider, seed = DEFAULT_SEED): SyntaxId[] {
  if (p.syntaxes) return [...p.syntaxes];
  const kind = p.variants[0](new Rng(`${seed}/${p.id}/kind`)).kind;
  if (kind === 'block') return [...BLOCK_SYNTAXES];
  return [...ASSIGNMENT_SYNTAXES, ...(p.command ? COMMAND_SYNTAXES : []), ...(p.npmrc ? (['npmrc'] as const) : [])];
}

function names(p: Provider, c: Credential): Provider['names'] {
  return { ...p.names, ...c.names };
}

export interface ProviderInfo { id: string; name: string; docs: string; format: string; variants: number; syntaxes: SyntaxId[] }

export interface EvalSet {
  seed: string;
  providers: ProviderInfo[];
  cases: Case[];
}

export function generateSet(seed = DEFAULT_SEED): EvalSet {
  const cases: Case[] = [];
  const providers: ProviderInfo[] = [];
  PROVIDERS.forEach((p, pi) => {
    const syntaxes = syntaxesFor(p, seed);
    const used: SyntaxId[] = [];
    syntaxes.forEach((syntax, si) => {
      const r = new Rng(`${seed}/${p.id}/${syntax}`);
      const c = p.variants[si % p.variants.length](r);
      const out = RENDERERS[syntax]({ p, c, n: names(p, c), r, m: MARKING });
      if (!out) return;
      const { text, spans } = extract(out.text);
      if (spans.length === 0) throw new Error(`${p.id}/${syntax}: the renderer did not mark the secret`);
      used.push(syntax);
      cases.push({ path: `${p.id}/${syntax}/${out.path}`, content: text, provider: p.id, syntax, kind: 'positive', variant: c.variant, secret: c.value, spans });
    });
    providers.push({ id: p.id, name: p.name, docs: p.docs, format: p.format, variants: p.variants.length, syntaxes: used });

    const r = new Rng(`${seed}/${p.id}/negatives`);
    const sample = p.variants[0](r);
    providerNegatives(p, sample, r, pi).forEach((neg, ni) => {
      let path: string;
      let content: string;
      if (neg.file) {
        path = neg.file.path;
        content = neg.file.text;
      } else {
        const out = RENDERERS[neg.syntax]({ p, c: neg.cred!, n: names(p, neg.cred!), r, m: PLAIN });
        if (!out) throw new Error(`${p.id}: negative ${neg.what} cannot be written as ${neg.syntax}`);
        path = out.path;
        content = out.text;
      }
      cases.push({ path: `${p.id}/neg-${String(ni + 1).padStart(2, '0')}-${neg.what}/${path}`, content, provider: p.id, syntax: neg.syntax, kind: 'negative', variant: neg.what, spans: [] });
    });
  });
  generalNegatives(new Rng(`${seed}/general`)).forEach((g, gi) => {
    cases.push({ path: `general/${String(gi + 1).padStart(2, '0')}-${g.what}/${g.path}`, content: g.text, provider: 'general', syntax: 'general', kind: 'negative', variant: g.what, spans: [] });
  });
  return { seed, providers, cases };
}

/** Writes every case under root (one file each). */
export function writeSet(root: string, set: EvalSet): void {
  for (const c of set.cases) {
    const file = join(root, ...c.path.split('/'));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, c.content);
  }
}
