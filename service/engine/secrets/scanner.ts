// The secrets scanner: bytes in, redacted findings out. The raw value never leaves this module:
// findings carry a masked preview and a salted hash (in the fingerprint and the group key) only. The
// one exception is opt-in: a caller that verifies secrets with their providers passes onSecret.

import { fingerprint, secretHash } from '../fingerprint';
import { isBinary } from '../walk';
import type { FileInput, FileScanner, Finding, RuleMeta, ScanContext } from '../types';
import { DEFAULT_LIMITS, Detector, type Candidate, type DetectLimits, type DetectNotes } from './detect';
import { maskSecret } from './redact';
import type { SecretRule } from './rule';

export const GENERAL_REMEDIATION = 'Rotate first: the value is compromised from the moment it was pushed, so revoke it and issue a new one before anything else. Then remove it from the code and from Git history (git filter-repo or BFG, then force-push and ask clones to re-clone), and load it at run time from a secret store (Azure Key Vault, pipeline secret variables or variable groups linked to Key Vault).';

export interface SecretScanOptions {
  /** Bytes of a file considered; the rest is skipped with a warning. */
  maxBytes: number;
  /** Findings reported per file; the rest are dropped with a warning. */
  maxFindings: number;
  limits: DetectLimits;
}

/**
 * Overlap of the windows a large file is scanned through (FileScanner.windows): half of it, 128 KiB,
 * covers what one finding depends on: a base64 blob decoded whole (DetectLimits.maxDecodeBytes,
 * 64 KiB) and the text rules read around a keyword (24 KiB blocks, 4 KiB around URL-encoded text,
 * 2 KiB after an anchored keyword, pairs within 2,000 bytes).
 */
export const WINDOW_OVERLAP_BYTES = 256 * 1024;

/** Warnings by which the scanner says it examined only part of a file. */
export const PARTIAL_SCAN_CODES: readonly string[] = ['file-truncated', 'secrets-hit-cap', 'secrets-match-cap', 'secrets-decode-cap', 'secrets-finding-cap'];

export const DEFAULT_OPTIONS: SecretScanOptions = {
  maxBytes: 16 * 1024 * 1024,
  maxFindings: 200,
  limits: DEFAULT_LIMITS,
};

/** Extensions (lower case) of files that are never text worth scanning. */
export const BINARY_EXTENSIONS: ReadonlySet<string> = new Set(
  ('png jpg jpeg gif bmp ico icns webp avif tif tiff psd heic mp3 mp4 m4a m4v mov avi mkv webm wav flac ogg opus aac wma wmv ' +
    'zip gz tgz bz2 xz zst 7z rar tar jar war ear nupkg whl egg deb rpm msi dmg iso img apk ipa exe dll so dylib o a lib obj pdb ' +
    'class pyc pyo wasm node bin dat woff woff2 ttf otf eot pdf doc docx xls xlsx ppt pptx odt ods odp sqlite sqlite3 db mdb ' +
    'parquet avro orc onnx pt pth h5 tflite pb npy npz pkl glb fbx blend unitypackage swf flv').split(' '),
);

/** Whole-file minified bundles and maps are scanned too: keys leak into bundles. Only binaries are skipped. */
export function wantsPath(path: string): boolean {
  const dot = path.lastIndexOf('.');
  if (dot < 0 || path.indexOf('/', dot) >= 0) return true;
  return !BINARY_EXTENSIONS.has(path.slice(dot + 1).toLowerCase());
}

/**
 * A secret handed to SecretsOptions.onSecret: the raw value with the identity of its finding. Only
 * for verifying it with its provider while it is in memory (service/verify): never to be stored,
 * logged or answered.
 */
export interface FoundSecret {
  /** The finding's fingerprint (several findings of one file may share it). */
  fingerprint: string;
  ruleId: string;
  value: string;
  /** The raw paired identifier folded into the finding (an AWS access key id, a Twilio account SID). */
  paired?: string;
}

/** What a caller may set per scan (ScanOptions.options.secrets). */
export interface SecretsOptions {
  /** Salt of the secret hashes: per organization in the service, a local one in the CLI. */
  salt: string;
  /**
   * Opt-in: called once per finding with its raw value (secret verification). Absent, the default,
   * no raw value leaves this module. The engine does no I/O with it.
   */
  onSecret?: (secret: FoundSecret) => void;
}

export const DEFAULT_SECRET_SALT = 'vigil-local';

export class SecretScanner implements FileScanner<SecretsOptions> {
  readonly name = 'secrets';
  readonly version = '2';
  readonly category = 'secret' as const;
  readonly defaultOptions: SecretsOptions = { salt: DEFAULT_SECRET_SALT };
  readonly detector: Detector;
  readonly rules: readonly RuleMeta[];
  /** Files of any size: larger ones come in windows (a secret at the end of a 100 MB line is found). */
  readonly windows: { overlap: number; maxBytes: number };
  readonly partialCodes = PARTIAL_SCAN_CODES;
  /** Keystore files that are findings even when binary (rules with binaryFile). */
  readonly binaryPaths?: RegExp;
  private readonly binaryFileRules: readonly SecretRule[];
  private readonly options: SecretScanOptions;

  constructor(rules: readonly SecretRule[], options: Partial<SecretScanOptions> = {}) {
    this.detector = new Detector(rules);
    this.rules = rules.map(ruleMeta);
    this.options = { ...DEFAULT_OPTIONS, ...options };
    this.windows = { overlap: WINDOW_OVERLAP_BYTES, maxBytes: this.options.maxBytes };
    this.binaryFileRules = rules.filter((r) => r.binaryFile && r.paths);
    if (this.binaryFileRules.length > 0) this.binaryPaths = new RegExp(this.binaryFileRules.map((r) => `(?:${r.paths!.source})`).join('|'), 'i');
  }

  get ruleCount(): number {
    return this.detector.rules.length;
  }

  wants(path: string, _size: number): boolean {
    return wantsPath(path);
  }

  scan(file: FileInput, ctx: ScanContext<SecretsOptions>): Finding[] {
    try {
      return this.scanUnsafe(file, ctx);
    } catch (err) {
      // A detector bug must cost one file, not the scan; the message never carries content.
      ctx.warn({ code: 'scanner-error', path: file.path, message: `secrets scanner failed on this file: ${(err as Error).name}` });
      return [];
    }
  }

  private binaryFile(file: FileInput, ctx: ScanContext<SecretsOptions>): Finding[] {
    const candidates = binaryFileCandidates(this.binaryFileRules, file.content, file.path);
    return toFindings(candidates, file.content, file.path, ctx.options.salt, ctx.options.onSecret);
  }

  private scanUnsafe(file: FileInput, ctx: ScanContext<SecretsOptions>): Finding[] {
    // The engine hands over a binary file only when its path matches binaryPaths (a keystore);
    // other files are text (walk.isBinary on a whole file or on the first window of a large one),
    // and a later window may hold a NUL.
    if (!file.window && this.binaryPaths?.test(file.path) && isBinary(file.content)) return this.binaryFile(file, ctx);
    let bytes: Uint8Array = file.content;
    if (bytes.length > this.options.maxBytes) {
      ctx.warn({ code: 'file-truncated', path: file.path, message: `only the first ${this.options.maxBytes} bytes were scanned for secrets` });
      bytes = bytes.subarray(0, this.options.maxBytes);
    }
    const notes: DetectNotes = { hitsCapped: false, candidatesCapped: false, decodesCapped: false };
    let candidates = this.detector.detect(bytes, file.path, this.options.limits, notes);
    if (notes.hitsCapped) ctx.warn({ code: 'secrets-hit-cap', path: file.path, message: 'too many keyword hits; the rest of the file was not examined for secrets' });
    if (notes.candidatesCapped) ctx.warn({ code: 'secrets-match-cap', path: file.path, message: 'too many candidate secrets; the rest were not examined' });
    if (notes.decodesCapped) ctx.warn({ code: 'secrets-decode-cap', path: file.path, message: 'too many encoded blobs; the rest were not decoded' });
    if (candidates.length === 0) return [];
    candidates = pairCandidates(resolveOverlaps(candidates));
    // A window answers only for the secrets that start in its part; its neighbours report the rest.
    const window = file.window;
    if (window) candidates = candidates.filter((c) => c.start >= window.from && c.start < window.to);
    if (candidates.length > this.options.maxFindings) {
      ctx.warn({ code: 'secrets-finding-cap', path: file.path, message: `more than ${this.options.maxFindings} secrets in one file; the rest are not reported` });
      candidates = candidates.slice(0, this.options.maxFindings);
    }
    return toFindings(candidates, bytes, file.path, ctx.options.salt, ctx.options.onSecret);
  }
}

/** A binary file that is itself the secret: one finding per matching rule, valued by its first bytes in base64. */
function binaryFileCandidates(rules: readonly SecretRule[], content: Uint8Array, path: string): Candidate[] {
  if (content.length < 64) return [];
  const value = Buffer.from(content.buffer, content.byteOffset, Math.min(content.length, 48)).toString('base64');
  return rules.filter((r) => r.paths!.test(path)).map((rule) => ({ rule, start: 0, end: 0, value, detail: 'a committed binary keystore' }));
}

/** A secret rule's catalog entry. */
export function ruleMeta(rule: SecretRule): RuleMeta {
  return {
    id: rule.id,
    title: rule.title,
    severity: rule.severity,
    confidence: rule.confidence,
    category: 'secret',
    description: rule.description,
    remediation: rule.remediation,
    ...(rule.helpUri ? { helpUri: rule.helpUri } : {}),
    cwe: ['CWE-798'],
    ...(rule.references?.length ? { references: rule.references } : {}),
  };
}

/**
 * Overlapping candidates describe one secret: keep the highest priority (then the longer value,
 * then the plain over the decoded one). Identical rule + value at the same place is one finding.
 */
export function resolveOverlaps(cands: Candidate[]): Candidate[] {
  const sorted = [...cands].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Candidate[] = [];
  for (const c of sorted) {
    let drop = false;
    for (let i = kept.length - 1; i >= 0; i--) {
      const k = kept[i];
      if (k.end <= c.start) {
        if (c.start - k.end > 64 * 1024) break;
        continue;
      }
      // Overlap.
      if (better(c, k)) {
        kept.splice(i, 1);
      } else {
        drop = true;
        break;
      }
    }
    if (!drop) kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start);
}

function better(a: Candidate, b: Candidate): boolean {
  const pa = a.rule.priority ?? (a.rule.generic ? -1 : 0);
  const pb = b.rule.priority ?? (b.rule.generic ? -1 : 0);
  if (pa !== pb) return pa > pb;
  if (!a.encoding !== !b.encoding) return !a.encoding;
  return a.value.length > b.value.length;
}

/** The raw value of the identifier paired with a candidate, for SecretsOptions.onSecret only. */
const pairedValues = new WeakMap<Candidate, string>();

/** Fold paired identifiers (AWS key id, …) into the secret's finding. */
export function pairCandidates(cands: Candidate[]): Candidate[] {
  const consumed = new Set<Candidate>();
  const out: Candidate[] = [];
  for (const c of cands) {
    const pair = c.rule.pairWith;
    if (!pair) continue;
    const within = pair.within ?? 2000;
    let best: Candidate | undefined;
    for (const o of cands) {
      if (o.rule.id !== pair.ruleId || consumed.has(o)) continue;
      const dist = Math.abs(o.start - c.start);
      if (dist <= within && (!best || dist < Math.abs(best.start - c.start))) best = o;
    }
    if (best) {
      consumed.add(best);
      c.paired = `${pair.label} ${maskSecret(best.value)}`;
      pairedValues.set(c, best.value);
    }
  }
  for (const c of cands) if (!consumed.has(c)) out.push(c);
  return out;
}

function toFindings(cands: Candidate[], bytes: Uint8Array, path: string, salt: string, onSecret?: (secret: FoundSecret) => void): Finding[] {
  const findings: Finding[] = [];
  let line = 1;
  let lineStart = 0;
  let pos = 0;
  for (const c of cands) {
    // Candidates are sorted by start: count newlines incrementally, jumping with indexOf.
    for (;;) {
      const nl = bytes.indexOf(10, pos);
      if (nl < 0 || nl >= c.start) break;
      line++;
      lineStart = nl + 1;
      pos = nl + 1;
    }
    const rule = c.rule;
    const hash = secretHash(c.value, salt);
    let message = `${rule.title} found`;
    if (c.detail) message += ` ${c.detail}`;
    const lookAlike = rule.checksum !== undefined && !rule.checksum(c.value);
    if (lookAlike) message += ' (its checksum does not verify: likely a made-up or edited value)';
    if (c.paired) message += `, paired with ${c.paired}`;
    if (c.encoding) message += c.encoding === 'base64' ? ' (inside base64-encoded text)' : ' (inside URL-encoded text)';
    const id = fingerprint(rule.id, path, hash);
    if (onSecret) {
      const paired = pairedValues.get(c);
      onSecret({ fingerprint: id, ruleId: rule.id, value: c.value, ...(paired !== undefined ? { paired } : {}) });
    }
    findings.push({
      ruleId: rule.id,
      title: rule.title,
      severity: rule.severity,
      category: 'secret',
      confidence: lookAlike ? 'low' : c.confidence ?? rule.confidence,
      message,
      location: { kind: 'file', path, line, column: columnOf(bytes, lineStart, c.start) },
      fingerprint: id,
      // One credential is one thing to rotate, wherever it sits: the one place the hash is kept.
      groupKey: `secret:${hash}`,
      details: { secret: { preview: maskSecret(c.value) } },
      remediation: `${rule.remediation} ${GENERAL_REMEDIATION}`,
      ...(rule.helpUri ? { helpUri: rule.helpUri } : {}),
      cwe: ['CWE-798'],
    });
  }
  return findings;
}

/** 1-based column in characters (UTF-8 decoded) of byte offset `at` in the line at `lineStart`. */
function columnOf(bytes: Uint8Array, lineStart: number, at: number): number {
  let ascii = true;
  for (let i = lineStart; i < at; i++) if (bytes[i] > 127) { ascii = false; break; }
  if (ascii) return at - lineStart + 1;
  return Buffer.from(bytes.buffer, bytes.byteOffset + lineStart, at - lineStart).toString('utf8').length + 1;
}
