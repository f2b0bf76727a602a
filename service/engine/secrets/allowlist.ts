// Values that look like secrets but are not: references, placeholders, documented examples,
// hashes and identifiers. Checked after the regex and entropy, before a finding is made.
import { shannonEntropy } from './entropy';

/** Variable references and templates: the value names a secret kept elsewhere. */
const TEMPLATE = /\$\{|\{\{|\$\(|#\{|%\(|\$\[|<%|@Microsoft\.KeyVault|process\.env|os\.environ|os\.getenv|getenv\(|GetEnvironmentVariable|\$env:|^\$[A-Za-z_]|^%[A-Za-z_][\w]*%$|^<[^>]*>$|secretKeyRef|valueFrom|\bvault:|^ENC\[|^!vault|^arn:aws:secretsmanager|^projects\/[^/]+\/secrets\//i;

export function isTemplateReference(value: string): boolean {
  return TEMPLATE.test(value);
}

/**
 * Documented example credentials (provider docs, SDK samples, emulators). Compared exactly,
 * after removing a trailing quote or semicolon.
 */
const KNOWN_EXAMPLES = new Set<string>([
  'AKIAIOSFODNN7EXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
  // Azurite / Azure Storage emulator account key (public, documented).
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==',
  // Azure Cosmos DB emulator key (public, documented).
  'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==',
  // Stripe documentation keys.
  'sk_test_4eC39HqLyjWDarjtT1zdp7dc',
  'pk_test_TYooMQauvdEDq54NiTphI7jx',
  'sk_test_BQokikJOvBiI2HlWgH4olfQ2',
  // Twilio test credentials in docs.
  'ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
  // Google reCAPTCHA v2's documented test keys (every request passes).
  '6LeIxAcTAAAAAJcZVRqyHh71UMIEGNQ_MXjiZKhI',
  '6LeIxAcTAAAAAGG-vFI1TnRWxMZNFuojJ4WifJWe',
  // jwt.io sample token signature part appears with the header below.
  'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
]);

export function isKnownExample(value: string): boolean {
  if (KNOWN_EXAMPLES.has(value)) return true;
  // jwt.io's sample token, whatever its payload.
  if (value.endsWith('.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c')) return true;
  // AWS documentation keys all end in EXAMPLE / EXAMPLEKEY.
  return value.endsWith('EXAMPLE') || value.endsWith('EXAMPLEKEY');
}

/** Words that mark a placeholder in any secret value. */
const PLACEHOLDER_WORDS = /example|placeholder|replace[_-]?(?:me|with|this)|changeme|change[_-]me|your[_-]?(?:own[_-]?)?(?:api[_-]?)?(?:key|token|secret|pass|password|pat|client|account|app|access|private)|[_-]here\b|_here$|dummy|redacted|insert[_-]?|x{5,}|X{5,}|\*{3,}|\.{4,}|fake[_-]?(?:key|token|secret|password)|notreal|not[_-]a[_-]real|sample[_-]?(?:key|token|secret)|lorem|^<|>$|^\[|\]$|\.\.\.$|\u00e2\u0080\u00a6/i;

/** Whole values that, in a generic `key = value` assignment, are words or defaults, not secrets. */
const GENERIC_PLACEHOLDER = /^(?:true|false|null|nil|none|undefined|yes|no|on|off|required|optional|string|number|bool(?:ean)?|object|array|int(?:eger)?|text|password|passwd|secret|token|key|value|default|empty|test(?:ing)?|demo|foo|bar|baz|admin|root|user(?:name)?|guest|pass|pwd|secure|hidden|masked|unset|tbd|todo|n\/a|na|env|local|dev|prod|changeit)$|^(?:my|some|a|the)[_-]?(?:secret|password|pass|token|key)|^(?:abc|123|qwerty|letmein|password|secret|admin)\d*!?$/i;

/**
 * Words that, inside a generic assignment's value, say it is made up (test_secret, mock-token,
 * "hidden"): a placeholder, unless the rest of the value is random enough to be a real one.
 */
const GENERIC_PLACEHOLDER_WORDS = /test[_-]?(?:pass|secret|token|key)|sample|mock|stub|fixture|secret|passw|hidden|redact|censor|mask/i;

/** Whether a value is a placeholder: surely (`placeholder`), in doubt (`doubtful`), or not (undefined). */
export type PlaceholderVerdict = 'placeholder' | 'doubtful' | undefined;

/**
 * Placeholders and made-up values. Obvious ones (example, your-key, xxxxx, ****, changeme, a run
 * of one or two characters, an ordered run such as 12345678, `password`, `true`) are `placeholder`.
 * A generic value that holds a telling word but whose rest is random (`mock_9Fq2LmX7pR4vT8wZ`,
 * `Secret-k8Tq2Lm9Zp4Rw7Xv`) is `doubtful`: reported at low confidence rather than dropped.
 */
export function placeholderVerdict(value: string, generic: boolean): PlaceholderVerdict {
  if (PLACEHOLDER_WORDS.test(value) || isLowVariety(value)) return 'placeholder';
  if (generic && GENERIC_PLACEHOLDER.test(value)) return 'placeholder';
  // 12345678, abcdefgh: typed by a person making up a value.
  if (longestOrderedRun(value) >= 8) return 'placeholder';
  if (generic) {
    const word = GENERIC_PLACEHOLDER_WORDS.exec(value);
    if (word) return randomRest(value, word[0].length) ? 'doubtful' : 'placeholder';
  }
  return undefined;
}

/** A placeholder, surely or in doubt (rules that cannot report a doubt drop both). */
export function isPlaceholder(value: string, generic: boolean): boolean {
  return placeholderVerdict(value, generic) !== undefined;
}

/** What remains of a value without `taken` of its characters is long and random enough to be a secret. */
function randomRest(value: string, taken: number): boolean {
  return value.length - taken >= 12 && /[0-9]/.test(value) && /[A-Za-z]/.test(value) && shannonEntropy(value) >= 3.5;
}

/** xxxx…, 0000…, abababab…: too few distinct characters for the length. */
function isLowVariety(value: string): boolean {
  if (value.length < 8) return false;
  // Up to five distinct characters, kept in locals: this runs on every candidate, so no allocation.
  let a = -1, b = -1, c = -1, d = -1;
  let distinct = 0;
  for (let i = 0; i < value.length; i++) {
    const x = value.charCodeAt(i) & 0xff;
    if (x === a || x === b || x === c || x === d) continue;
    if (distinct === 4) { distinct = 5; break; }
    if (distinct === 0) a = x;
    else if (distinct === 1) b = x;
    else if (distinct === 2) c = x;
    else d = x;
    distinct++;
  }
  return distinct <= 2 || (value.length >= 16 && distinct <= 4);
}

/** The longest run of characters in alphabet or digit order ("12345678", "abcdefgh", "…7890"). */
function longestOrderedRun(value: string): number {
  let streak = 1;
  let longest = value.length > 0 ? 1 : 0;
  for (let i = 1; i < value.length; i++) {
    const prev = value.charCodeAt(i - 1);
    const cur = value.charCodeAt(i);
    const next = cur === prev + 1 || (prev === 57 && cur === 48); // …9 then 0
    const alnum = (cur >= 48 && cur <= 57) || (cur >= 65 && cur <= 90) || (cur >= 97 && cur <= 122);
    streak = next && alnum ? streak + 1 : 1;
    if (streak > longest) longest = streak;
  }
  return longest;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HASH_PREFIX = /^(?:sha(?:1|256|384|512)[-:]|md5[-:]|h1:|sha1-|blake2b?[-:]|git[-+:])/i;

/** UUIDs, digests with their algorithm prefix: identifiers and hashes, not credentials. */
export function isHashOrIdentifier(value: string): boolean {
  return UUID.test(value) || HASH_PREFIX.test(value);
}

/** Key names whose values are hashes, ids or names rather than credentials (generic rules). */
const NON_SECRET_KEY = /(?:hash|sha\d*|digest|checksum|integrity|commit|etag|revision|uuid|guid|nonce|continuation|cursor|pag(?:e|ination)[_-]?token|next[_-]?(?:page[_-]?)?token|sync[_-]?token|csrf|xsrf|domain|host(?:name)?$|audience|issuer|salt_?length|_id|id$|ids$|name$|names$|path$|file$|url$|uri$|endpoint|type$|format$|length$|count$|size$|timeout|expir|ttl$|version|prefix|suffix|header$|field$|label|policy|scope$|method$|algorithm|encoding|hint|placeholder|description|message|question|mode$|regex|pattern|class$|provider$|kind$|ref$|reference|variable|param|location|region|store$|manager|helper|generator|validator|strength|rotation|reset|recovery|forgot|confirm|changed|updated|created|last|old|new_?password_?(?:label|hint))/i;

export function isNonSecretKeyName(keyName: string): boolean {
  return NON_SECRET_KEY.test(keyName);
}
