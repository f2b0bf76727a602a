// Secrets in pipeline configuration: the repository secrets scanner run over the plain values a
// posture snapshot keeps for it (build and release variables, classic task inputs, variable group
// variables), one synthetic text per value. The findings are secret findings like a repository's
// (same rules, same masked preview, same group key for one credential wherever it sits) located at
// the ADO object that holds the value, the variable named in the evidence. Never the value itself.
// Pure: snapshot in, findings out.
import type { AdoObjectLocation, Evidence, Finding } from '../contract/model';
import { fingerprint } from '../engine/fingerprint';
import { secretsScanner } from '../engine/secrets';
import { GENERAL_REMEDIATION, type SecretsOptions } from '../engine/secrets/scanner';
import type { FileInput, ScanContext, ScanWarning } from '../engine/types';
import { holdsLiteral, pipelineObject, releaseObject, variableGroupObject } from './controls/resources';
import type { ClassicStep, OrgSnapshot, PipelineVariable } from './snapshot';

/** What pipelineSecrets needs of a scanner: the secrets scanner's scan. */
export interface TextSecretScanner {
  scan(file: FileInput, ctx: ScanContext<SecretsOptions>): Finding[];
}

export interface PipelineSecretsResult {
  findings: Finding[];
  /** Plain values handed to the scanner. */
  valuesScanned: number;
  warnings: ScanWarning[];
}

/** One plain value and where it sits. */
interface PlainValue {
  object: AdoObjectLocation;
  /** A variable or a classic task's input. */
  holder: 'variable' | 'task input';
  /** Where inside the object: 'stage Production', 'task npm publish in stage Production'; absent at the top. */
  scope?: string;
  name: string;
  value: string;
}

/** Longest value scanned (a variable is rarely longer; a pasted file might be). */
const MAX_VALUE_BYTES = 256 * 1024;

const PIPELINE_REMEDIATION =
  'Rotate first: everyone who can read the pipeline or the Library has seen the value. Then store the new value as a secret variable (the lock icon) or, better, in Azure Key Vault linked through a variable group, and refer to it as $(name).';

function variables(object: AdoObjectLocation, scope: string | undefined, vars: readonly PipelineVariable[]): PlainValue[] {
  return vars.flatMap((v) => (!v.isSecret && holdsLiteral(v.plainValueForSecretsScan) ? [{ object, holder: 'variable' as const, ...(scope ? { scope } : {}), name: v.name, value: v.plainValueForSecretsScan }] : []));
}

function taskInputs(object: AdoObjectLocation, stage: string | undefined, steps: readonly ClassicStep[]): PlainValue[] {
  return steps.flatMap((st) =>
    Object.entries(st.inputsForSecretsScan).flatMap(([name, value]) =>
      holdsLiteral(value) ? [{ object, holder: 'task input' as const, scope: `task ${st.displayName ?? st.taskId}${stage ? ` in stage ${stage}` : ''}`, name, value }] : [],
    ),
  );
}

/** Every plain value of the snapshot the secrets engine should read. */
export function plainValues(s: OrgSnapshot): PlainValue[] {
  const out: PlainValue[] = [];
  for (const d of s.buildDefinitions) {
    const object = pipelineObject(d);
    out.push(...variables(object, undefined, d.variables), ...taskInputs(object, undefined, d.steps));
  }
  for (const r of s.releaseDefinitions) {
    const object = releaseObject(r);
    out.push(...variables(object, undefined, r.variables));
    for (const st of r.stages) out.push(...variables(object, `stage ${st.name}`, st.variables), ...taskInputs(object, st.name, st.steps));
  }
  for (const g of s.variableGroups) {
    const object = variableGroupObject(g);
    for (const v of g.variables) if (!v.isSecret && holdsLiteral(v.plainValueForSecretsScan)) out.push({ object, holder: 'variable', name: v.name, value: v.plainValueForSecretsScan });
  }
  return out;
}

/** The text the scanner reads for one value: an assignment, so rules keyed on the name (password=...) apply. */
function syntheticText(p: PlainValue): string {
  const name = p.name.replace(/[\r\n=:]/g, '_');
  return p.value.includes('\n') ? `${name}:\n${p.value}\n` : `${name}=${p.value}\n`;
}

const KIND_WORDS: Record<string, string> = { pipeline: 'pipeline', 'variable-group': 'variable group' };

export function pipelineSecrets(s: OrgSnapshot, options: { salt: string }, scanner: TextSecretScanner = secretsScanner): PipelineSecretsResult {
  const findings: Finding[] = [];
  const warnings: ScanWarning[] = [];
  const values = plainValues(s);
  for (const p of values) {
    const text = syntheticText(p);
    const content = Buffer.from(text, 'utf8').subarray(0, MAX_VALUE_BYTES);
    // A neutral path: the object's name could look like a test folder and lower a rule's confidence.
    const file: FileInput = { path: 'pipeline-variables.env', size: content.length, content };
    const found = scanner.scan(file, { options: { salt: options.salt }, warn: (w) => warnings.push({ ...w, path: `${p.object.name}: ${p.name}` }) });
    for (const f of found) {
      const evidence: Evidence[] = [ev(p.holder === 'variable' ? 'Variable' : 'Task input', p.name)];
      if (p.scope) evidence.push(ev('Where', p.scope));
      if (p.object.project) evidence.push(ev('Project', p.object.project.name));
      const kind = p.object.id.startsWith('release-') ? 'release pipeline' : KIND_WORDS[p.object.objectKind] ?? p.object.objectKind;
      const ruleRemediation = f.remediation.endsWith(GENERAL_REMEDIATION) ? f.remediation.slice(0, -GENERAL_REMEDIATION.length).trim() : f.remediation;
      findings.push({
        ...f,
        message: `${f.message}, in ${p.holder} ${p.name}${p.scope ? ` (${p.scope})` : ''} of ${kind} ${p.object.name}`,
        location: p.object,
        // Stable per rule, object, variable and credential (the group key holds the salted hash).
        fingerprint: fingerprint(f.ruleId, 'ado', p.object.objectKind, p.object.id, p.scope ?? '', p.holder, p.name, f.groupKey ?? ''),
        details: { ...(f.details?.secret ? { secret: f.details.secret } : {}), evidence },
        remediation: `${ruleRemediation} ${PIPELINE_REMEDIATION}`.trim(),
      });
    }
  }
  return { findings, valuesScanned: values.length, warnings };
}

function ev(label: string, value: string): Evidence {
  return { label, value };
}
