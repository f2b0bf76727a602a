// Builders shared by the Azure service rule files: connection strings, Microsoft's identifiable
// keys (provider signature at a fixed place) and the 84-character common annotated keys.
import { BASE62, BASE64URL, randomToken, inSyntax, inSyntaxes, notSecrets, lazyExamples } from '../examples';
import type { SecretRule } from '../rule';
import { escapeRegex } from './helpers';

export const B64 = '[A-Za-z0-9+/]';
export const ROTATE_KEYS = 'Regenerate the key in the Azure portal (the resource\'s Keys / Access keys / Shared access policies blade) or with the Azure CLI, update consumers from Key Vault, and prefer Entra ID authentication with managed identities over keys.';

interface ConnSpec {
  id: string; title: string; description: string; keyword: string; pattern: RegExp; sample: string;
  key: string; helpUri?: string; describe?: (m: RegExpExecArray) => string | undefined; notFlag?: string[];
  severity?: 'critical' | 'high';
}

/** A connection string whose secret part is a named group. */
export function connectionRule(spec: ConnSpec): SecretRule {
  return {
    id: spec.id,
    title: spec.title,
    description: spec.description,
    severity: spec.severity ?? 'critical',
    confidence: 'high',
    remediation: ROTATE_KEYS,
    helpUri: spec.helpUri,
    keywords: [spec.keyword],
    pattern: spec.pattern,
    window: 'line',
    priority: 2,
    describe: spec.describe ? ({ match }) => spec.describe?.(match) : undefined,
    examples: lazyExamples(() => ({
      mustFlag: [
        ...inSyntaxes(spec.key, spec.sample, ['json', 'yaml', 'env', 'xml', 'pipeline', 'code']),
        `{\n  "IsEncrypted": false,\n  "Values": {\n    "${spec.key}": "${spec.sample}"\n  }\n}\n`,
      ],
      mustNotFlag: [
        ...notSecrets(spec.key, spec.sample),
        inSyntax('json', spec.key, spec.sample.replace(/=([A-Za-z0-9+/]{20,}={0,2})(;|$)/g, '=<key>$2')),
        ...(spec.notFlag ?? []),
      ],
    })),
  };
}

/** The namespace named in a connection string, for the message. */
export const ns = (m: RegExpExecArray): string | undefined => (m.groups?.ns ? `for '${m.groups.ns}'` : undefined);

interface SigSpec { id: string; title: string; sig: string; shape: 32 | 64 | 39 | 'function'; helpUri?: string; key: string }

/** Microsoft's identifiable keys: random base64 with a fixed provider signature at a fixed place. */
export function identifiableRule(spec: SigSpec): SecretRule {
  const s = escapeRegex(spec.sig);
  const body =
    spec.shape === 32 ? `${B64}{33}${s}[A-P]${B64}{5}=` :
    spec.shape === 64 ? `${B64}{76}${s}${B64}{5}[AQgw]==` :
    spec.shape === 39 ? `${B64}{42}${s}[A-D]${B64}{5}` :
    `[A-Za-z0-9_-]{44}${s}[A-Za-z0-9_-]{5}[AQgw]==`;
  const sample =
    spec.shape === 32 ? randomToken(spec.id, BASE62, 33) + spec.sig + 'B' + randomToken(spec.id + '2', BASE62, 5) + '=' :
    spec.shape === 64 ? randomToken(spec.id, BASE62, 76) + spec.sig + randomToken(spec.id + '2', BASE62, 5) + 'Q==' :
    spec.shape === 39 ? randomToken(spec.id, BASE62, 42) + spec.sig + 'C' + randomToken(spec.id + '2', BASE62, 5) :
    randomToken(spec.id, BASE64URL, 44) + spec.sig + randomToken(spec.id + '2', BASE62, 5) + 'g==';
  const boundary = spec.shape === 'function' ? '[A-Za-z0-9_-]' : '[A-Za-z0-9+/]';
  return {
    id: spec.id,
    title: spec.title,
    description: `A ${spec.title.toLowerCase()} in Microsoft's identifiable format (signature "${spec.sig}").`,
    severity: 'critical',
    confidence: 'high',
    remediation: ROTATE_KEYS,
    helpUri: spec.helpUri,
    keywords: [spec.sig.toLowerCase()],
    pattern: new RegExp(`(?<!${boundary})(?<secret>${body})(?!${boundary})`, 'g'),
    window: 'token',
    priority: 1,
    examples: lazyExamples(() => ({
      mustFlag: inSyntaxes(spec.key, sample, ['json', 'yaml', 'env', 'xml', 'pipeline', 'code']),
      mustNotFlag: [...notSecrets(spec.key, sample), inSyntax('yaml', spec.key, sample.slice(0, sample.length - 10))],
    })),
  };
}

/** 84-char common annotated security keys (52 random + JQQJ…), by provider signature. */
export function caskRule(id: string, title: string, sig: string | undefined, key: string, helpUri?: string): SecretRule {
  const sigRe = sig ? sig : '(?!AZDO|ACOG|AZEG)[A-Za-z][A-Za-z0-9]{3}';
  const sample = randomToken(id, BASE62, 52) + 'JQQJ99' + randomToken(id + 'b', BASE62, 1) + 'C' + randomToken(id + 'c', BASE62, 16) + (sig ?? 'AZSB') + randomToken(id + 'd', BASE62, 4);
  return {
    id, title,
    description: `A ${title.toLowerCase()} in the 84-character common annotated key format (signature "JQQJ"${sig ? `, provider "${sig}"` : ''}).`,
    severity: 'critical', confidence: sig ? 'high' : 'medium', remediation: ROTATE_KEYS, helpUri,
    keywords: [sig ? sig.toLowerCase() : 'jqqj'],
    pattern: new RegExp(`(?<![A-Za-z0-9])(?<secret>[0-9A-Za-z]{52}JQQJ[0-9A-Za-z]{20}${sigRe}[0-9A-Za-z]{4})(?![A-Za-z0-9])`, 'g'),
    window: 'token',
    priority: sig ? 1 : 0,
    examples: lazyExamples(() => ({
      mustFlag: inSyntaxes(key, sample, ['json', 'yaml', 'env', 'xml', 'pipeline', 'python']),
      mustNotFlag: [...notSecrets(key, sample), inSyntax('yaml', key, sample.slice(0, 70))],
    })),
  };
}

