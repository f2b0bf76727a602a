// Accessibility checks of a hub page in Chromium with axe-core: every rule axe runs by default, and a
// page fails on any serious or critical violation. axe is evaluated in the hub's frame through the
// DevTools protocol (the page's CSP does not apply), and checks that frame's document only.
import { readFileSync } from 'node:fs';
import type { Frame } from 'playwright-core';

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeNode {
  target: string;
  html: string;
  summary: string;
}
export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: AxeNode[];
}

/**
 * A rule on one element that comes from azure-devops-ui's own markup and cannot be fixed from Vigil's
 * code: matched by the rule id and the exact CSS target axe reports. Each entry says why.
 */
export interface AxeExclusion {
  rule: string;
  target: string;
  why: string;
}
export const AXE_EXCLUSIONS: readonly AxeExclusion[] = [
  {
    rule: 'aria-dialog-name',
    target: '.bolt-toast-content',
    why: "azure-devops-ui's Toast renders its Callout as role=dialog without a name and takes no aria prop; its message is announced by its own role=alert",
  },
];

const BLOCKING = new Set(['serious', 'critical']);

/** The frame's serious and critical violations, less the exclusions. */
export async function axeViolations(frame: Frame, exclusions: readonly AxeExclusion[] = AXE_EXCLUSIONS): Promise<AxeViolation[]> {
  const loaded = await frame.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (!loaded) await frame.evaluate(AXE_SOURCE);
  const violations = await frame.evaluate(async () => {
    type Result = { id: string; impact?: string | null; help: string; nodes: { target: unknown[]; html: string; failureSummary?: string }[] };
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Result[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? 'unknown',
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.map(String).join(' '), html: n.html.slice(0, 200), summary: n.failureSummary ?? '' })),
    }));
  });
  return violations
    .filter((v) => BLOCKING.has(v.impact))
    .map((v) => ({ ...v, nodes: v.nodes.filter((n) => !exclusions.some((e) => e.rule === v.id && e.target === n.target)) }))
    .filter((v) => v.nodes.length > 0);
}

export function describeViolations(violations: readonly AxeViolation[]): string {
  return violations
    .map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${n.target}\n    ${n.html}\n    ${n.summary.replace(/\n/g, ' ')}`).join('\n')}`)
    .join('\n');
}

/** Throws with every serious or critical violation of the page, named by `page`. */
export async function expectAccessible(frame: Frame, page: string): Promise<void> {
  const violations = await axeViolations(frame);
  if (violations.length) throw new Error(`Accessibility of ${page}: ${violations.length} serious or critical violation(s)\n${describeViolations(violations)}`);
}
