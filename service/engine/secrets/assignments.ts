// "A literal assigned to a name", read at the bytes around a keyword hit, in the syntaxes
// repositories hold: one small tokenizer instead of one regex per syntax. The keyword prefilter
// finds the secret-looking names; this reads the name holding a hit and what is assigned to it.
//
//   KEY=v  KEY: v  "key": "v"  key = 'v'  key := `v`  KEY ?= v  KEY += v  key => "v"  key <- "v"
//   $password = "v";  $env:KEY = "v"  export KEY="v"  ENV KEY v  val key: String = "v"
//   public string Key { get; set; } = "v";  key == "v"  key != "v"  ("key", "v")  setKey("v")
//   <Key>v</Key>  <key>\n  v\n</key>  <add key="Key" value="v"/>  - name: KEY\n  value: v
//   {"name": "KEY", "value": "v"}  variable "key" { default = "v" }  "key": { "value": "v" }
//   "{\"key\": \"v\"}"  key: |\n  v  --key=v  --key v  machine h login u password v
//
// Works on bytes (latin1: one char per byte), bounded everywhere: a hit costs at most a few
// hundred byte reads, so files dense with `password` or `token` stay cheap.

/** How the value was assigned (tests and messages). */
export type AssignmentForm =
  /** `name <op> value` with one of the operators above (or a space after ENV / a DSL name). */
  | 'operator'
  /** `<name>value</name>`, the value possibly on the next line. */
  | 'element'
  /** The name is itself the value of a `name`/`key` field and a `value` field follows. */
  | 'pair'
  /** `"name": { "value": "v" }` (ARM parameter files and the like). */
  | 'nested'
  /** `setName("v")`, `.name("v")`: a setter or builder call with a literal. */
  | 'call'
  /** `("name", "v")`, `put("name", "v")`: a quoted name and a literal as neighbouring arguments. */
  | 'comma'
  /** `--name=v`, `--name v`: a command-line option. */
  | 'flag';

export interface Assignment {
  /** The name's bounds in the bytes (without quotes, `$`, `<` or a flag's dashes). */
  nameStart: number;
  nameEnd: number;
  /** Start of the name's last dotted segment (`spring.datasource.password`: of `password`). */
  segmentStart: number;
  /** The literal's bounds, without its quotes. */
  valueStart: number;
  valueEnd: number;
  /** The value's opening quote (34 ", 39 ', 96 `), 0 for a bare value (config files, element text). */
  quote: number;
  form: AssignmentForm;
  /**
   * The first byte after the literal and the blanks after it (0 at the end of the text): '+' or
   * '.' for a concatenation (`'abc' + x`), ')' or ';' for the end of a statement.
   */
  after: number;
  /** For a child of a mapping read by childAssignments: the parent key's name (`datadog`). */
  parent?: string;
}

// ---------- byte classes ----------
const TAB = 9, LF = 10, CR = 13, SP = 32, BANG = 33, DQ = 34, HASH = 35, DOLLAR = 36, SQ = 39, LPAREN = 40, RPAREN = 41,
  PLUS = 43, COMMA = 44, DASH = 45, DOT = 46, SLASH = 47, COLON = 58, SEMI = 59, LT = 60, EQ = 61, GT = 62, QMARK = 63,
  AT = 64, LBRACKET = 91, BACKSLASH = 92, RBRACKET = 93, BACKTICK = 96, LBRACE = 123, PIPE = 124, RBRACE = 125, TILDE = 126;

/** Bytes of a name: letters, digits, _ - . and non-ASCII (UTF-8 letters such as ñ). */
const NAME = new Uint8Array(256);
for (let b = 0; b < 256; b++) {
  NAME[b] = (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b === 95 || b === DASH || b === DOT || b >= 128 ? 1 : 0;
}
/** Bytes of a word (field names such as `name`, `value`): letters, digits and _. */
const WORD = new Uint8Array(256);
for (let b = 0; b < 256; b++) WORD[b] = (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b === 95 ? 1 : 0;

/** Bytes that end a bare (unquoted) value. */
const BARE_STOP = new Uint8Array(256);
for (const b of [TAB, LF, 11, 12, CR, SP, DQ, SQ, BACKTICK, LT, COMMA, SEMI, LPAREN, RPAREN, RBRACKET, RBRACE]) BARE_STOP[b] = 1;

const isQuote = (b: number): boolean => b === DQ || b === SQ || b === BACKTICK;
const isBlank = (b: number): boolean => b === SP || b === TAB;
const isLetter = (b: number): boolean => (b >= 65 && b <= 90) || (b >= 97 && b <= 122);

/** Longest name read on either side of a hit; a longer run of name bytes is no name (blobs, minified code). */
const NAME_BOUND = 48;
/** Longest literal read. */
const VALUE_BOUND = 1024;
/** Blanks read around an operator. */
const BLANK_BOUND = 16;

// ---------- the scratch state of one reading (no allocation per attempt) ----------
let vStart = 0;
let vEnd = 0;
let vQuote = 0;
/** Offset just past what the value reader consumed (the closing quote included). */
let vAfter = 0;
/** The name sits in a query string (`?a=1&token=v`): '&' ends a bare value. */
let inQuery = false;
let nStart = 0;
let nEnd = 0;
let nSegment = 0;
/** Leading dashes of the name (a command-line option). */
let nDashes = 0;
/** The name's quote (0 when bare) and the backslashes escaping it (JSON held in a string). */
let nameQuote = 0;
let nameLevel = 0;

/**
 * The run of name bytes the last call read (empty when it was too long): another keyword hit
 * inside it reads the same assignment (`password` and `pass` in DB_PASSWORD).
 */
const run = { start: 0, end: 0 };
// Exported under its name by reference, so that this module reads its own binding (a compiled
// `exports.nameRun` lookup would cost every keyword hit).
export { run as nameRun };

function result(bytes: Uint8Array, form: AssignmentForm): Assignment {
  let i = vAfter;
  while (isBlank(bytes[i])) i++;
  return { nameStart: nStart, nameEnd: nEnd, segmentStart: nSegment, valueStart: vStart, valueEnd: vEnd, quote: vQuote, form, after: i < bytes.length ? bytes[i] : 0 };
}

/** Only quoted literals are wanted (the caller's rules refuse bare values in this file). */
let quotedOnly = false;

/**
 * The assignment whose name holds the keyword hit [hitStart, hitEnd), or undefined when the name
 * is not assigned a literal there (a reference, a call, prose). With `onlyQuoted`, a bare value
 * is not read at all (source code, where only a quoted literal is a credential).
 */
export function assignmentAt(bytes: Uint8Array, hitStart: number, hitEnd: number, onlyQuoted = false): Assignment | undefined {
  quotedOnly = onlyQuoted;
  // A keyword may end past its name (`pass=`, `pass:`): the name ends where its bytes do.
  while (hitEnd > hitStart + 1 && NAME[bytes[hitEnd - 1]] === 0) hitEnd--;
  if (!readName(bytes, hitStart, hitEnd)) return undefined;
  const ns = run.start;
  // What opens the name: a quote (escaped in JSON held in a string: \"name\"), '<' (an element).
  const opener = ns > 0 ? bytes[ns - 1] : LF;
  inQuery = opener === 38 /* & */ || opener === QMARK;
  nameQuote = 0;
  nameLevel = 0;
  let i = nEnd;
  if (isQuote(opener)) {
    let level = 0;
    while (level < 3 && ns - 2 - level >= 0 && bytes[ns - 2 - level] === BACKSLASH) level++;
    // A quote that does not close after the name opens a longer string ("DB_PASSWORD=v\n…").
    if (closesAt(bytes, i, opener, level)) {
      nameQuote = opener;
      nameLevel = level;
      i += level + 1;
      if (bytes[i] === RBRACKET) i++; // $cfg['password'] = …, ENV["TOKEN"] = …
    }
  } else if (opener === LT && nDashes === 0) {
    return elementAfterName(bytes, i) ? result(bytes, 'element') : undefined;
  }
  if (nDashes > 0) return flagValue(bytes, i);
  const afterName = i;
  while (i < afterName + BLANK_BOUND && isBlank(bytes[i])) i++;
  const spaced = i > afterName;
  // Each form in its own function: the common misses stay short, and a form first met late in a
  // scan recompiles its own small function rather than the whole reader.
  switch (bytes[i]) {
    case EQ: return afterEquals(bytes, i);
    case COLON: return afterColon(bytes, i);
    case QMARK: case PLUS: case BANG: case PIPE: case LT: return afterCompound(bytes, i);
    case LPAREN: return spaced || nameQuote !== 0 ? undefined : afterParen(bytes, i);
    case COMMA: return afterComma(bytes, i);
    case LBRACE: return afterBrace(bytes, i);
    case LBRACKET: return afterBracket(bytes, i);
    default: return afterOther(bytes, i, spaced);
  }
}

/** The run of name bytes around the hit, or false when there is none worth reading. Sets nameRun, nStart, nEnd, nSegment, nDashes. */
function readName(bytes: Uint8Array, hitStart: number, hitEnd: number): boolean {
  const n = bytes.length;
  run.start = run.end = hitStart;
  // Both scans note the dot nearest the hit on their side: the last segment starts after it.
  let ne = hitEnd;
  let dotAfter = -1;
  const hi = Math.min(n, hitEnd + NAME_BOUND);
  while (ne < hi && NAME[bytes[ne]]) {
    if (bytes[ne] === DOT) dotAfter = ne;
    ne++;
  }
  if (ne === hi && hi < n && NAME[bytes[hi]]) return false;
  // What follows first: a path or a host (github.com/x, user@github.com), or a name closing an
  // expression (accessToken), token; tokens]) is no assignment: decided before reading backwards.
  const following = bytes[ne];
  if (following === SLASH || following === AT || following === RPAREN || following === SEMI || following === RBRACE || following === RBRACKET ||
    (quotedOnly && !quotedFormFollows(bytes, ne))) {
    run.end = ne;
    return false;
  }
  let ns = hitStart;
  let dotBefore = -1;
  const lo = Math.max(0, hitStart - NAME_BOUND);
  while (ns > lo && NAME[bytes[ns - 1]]) {
    ns--;
    if (dotBefore < 0 && bytes[ns] === DOT) dotBefore = ns;
  }
  if (ns === lo && lo > 0 && NAME[bytes[lo - 1]]) return false;
  // .NET configuration keys hold ':' between sections: "Admin:Password", key="ConnectionStrings:Orders".
  if (ns > 1 && bytes[ns - 1] === COLON && NAME[bytes[ns - 2]] && closesAt(bytes, ne, DQ, 0)) ns = sectionedStart(bytes, ns);
  run.start = ns;
  run.end = ne;
  if (ne - ns >= 20 && looksRandom(bytes, ns, ne)) return false;
  // A trailing '.' or '-' is punctuation (`password.`), not part of the name.
  while (ne > hitEnd && (bytes[ne - 1] === DOT || bytes[ne - 1] === DASH)) ne--;
  // Leading dashes make a command-line option (--password v, -Dkey.password=v).
  let dashes = 0;
  while (ns + dashes < hitStart && bytes[ns + dashes] === DASH) dashes++;
  // A leading '.' is member access (this.password, .password("v")).
  let nameStart = ns + dashes;
  while (nameStart < hitStart && bytes[nameStart] === DOT) nameStart++;
  nStart = nameStart;
  nEnd = ne;
  nDashes = dashes;
  // A trailing dot was dropped from the name above; a leading one is before nameStart.
  const lastDot = dotAfter >= 0 && dotAfter < ne - 1 ? dotAfter : dotBefore;
  nSegment = lastDot > nameStart ? lastDot + 1 : nameStart;
  return true;
}

/**
 * Reading quoted values only (source code): what follows the name can start such a form, an
 * operator or a quote after blanks; a word (a comment's prose) or a line end cannot.
 */
function quotedFormFollows(bytes: Uint8Array, ne: number): boolean {
  let i = ne;
  while (i < ne + BLANK_BOUND && isBlank(bytes[i])) i++;
  return OPENS_QUOTED[bytes[i]] === 1;
}
const OPENS_QUOTED = new Uint8Array(256);
for (const b of [EQ, COLON, LPAREN, COMMA, QMARK, BANG, PIPE, LT, GT, LBRACE, LBRACKET, PLUS, DQ, SQ, BACKTICK, BACKSLASH, DASH]) OPENS_QUOTED[b] = 1;

/** The start of a sectioned .NET key ("Admin:Password") ending at the name run starting at `ns`. */
function sectionedStart(bytes: Uint8Array, ns: number): number {
  let k = ns - 1;
  for (let sections = 0; sections < 4; sections++) {
    let m = k;
    while (m > 0 && k - m < NAME_BOUND && NAME[bytes[m - 1]]) m--;
    if (m === k) break;
    if (bytes[m - 1] === COLON) { k = m - 1; continue; }
    if (bytes[m - 1] === DQ) return m;
    break;
  }
  return ns;
}

/** --password=v, --password v, -Dapp.password=v */
function flagValue(bytes: Uint8Array, i: number): Assignment | undefined {
  if (bytes[i] === EQ) return readValue(bytes, i + 1, false) ? result(bytes, 'flag') : undefined;
  if (nDashes === 2 && nameQuote === 0 && isBlank(bytes[i])) {
    let j = i;
    while (j < i + 4 && isBlank(bytes[j])) j++;
    if (bytes[j] === DASH) return undefined;
    return readValue(bytes, j, false) ? result(bytes, 'flag') : undefined;
  }
  return undefined;
}

/** = value, => value, == "v", === "v" (=~ is a regex match). */
function afterEquals(bytes: Uint8Array, i: number): Assignment | undefined {
  const next = bytes[i + 1];
  if (next === GT) return readValue(bytes, i + 2, false) ? result(bytes, 'operator') : undefined;
  if (next === EQ) return readValue(bytes, i + (bytes[i + 2] === EQ ? 3 : 2), true) ? result(bytes, 'operator') : undefined;
  if (next === TILDE) return undefined;
  if (readValue(bytes, i + 1, false)) return result(bytes, 'operator');
  return nestedValue(bytes, i + 1) ? result(bytes, 'nested') : undefined;
}

/** : value (YAML, JSON, typed declarations, block scalars, name/value pairs), := and ::=. */
function afterColon(bytes: Uint8Array, i: number): Assignment | undefined {
  const next = bytes[i + 1];
  if (next === EQ) return readValue(bytes, i + 2, false) ? result(bytes, 'operator') : undefined; // :=
  if (next === COLON) return bytes[i + 2] === EQ && readValue(bytes, i + 3, false) ? result(bytes, 'operator') : undefined; // ::=
  if (next === SLASH && bytes[i + 2] === SLASH) return undefined; // a URL's scheme
  const j = i + 1;
  // A bare name followed by ':' and no blank: a label, a ternary, a JS object key (quoted
  // values only), unless the name starts its line (.properties `password:v`).
  if (nameQuote === 0 && !isBlank(next) && next !== LF && next !== CR) return readValue(bytes, j, !startsLine(bytes, run.start)) ? result(bytes, 'operator') : undefined;
  const typed = afterType(bytes, j);
  if (typed >= 0) return readValue(bytes, typed, false) ? result(bytes, 'operator') : undefined;
  if (blockScalar(bytes, j) || readValue(bytes, j, false)) return result(bytes, 'operator');
  if (nestedValue(bytes, j)) return result(bytes, 'nested');
  return pairValue(bytes, run.start, nEnd, nameQuote, nameLevel) ? result(bytes, 'pair') : undefined;
}

/** ?=, ??=, +=, != (a comparison or a Makefile shell assignment), ||=, R's <-. */
function afterCompound(bytes: Uint8Array, i: number): Assignment | undefined {
  const op = bytes[i];
  const next = bytes[i + 1];
  if (op === QMARK) {
    if (next === EQ) return readValue(bytes, i + 2, false) ? result(bytes, 'operator') : undefined;
    return next === QMARK && bytes[i + 2] === EQ && readValue(bytes, i + 3, false) ? result(bytes, 'operator') : undefined;
  }
  if (op === PLUS) return next === EQ && readValue(bytes, i + 2, false) ? result(bytes, 'operator') : undefined;
  if (op === PIPE) return next === PIPE && bytes[i + 2] === EQ && readValue(bytes, i + 3, false) ? result(bytes, 'operator') : undefined;
  if (op === LT) return next === DASH && readValue(bytes, i + 2, false) ? result(bytes, 'operator') : undefined;
  // != : a comparison (a quoted literal), or a Makefile shell assignment (`TOKEN != echo v`).
  if (next !== EQ) return undefined;
  const j = i + (bytes[i + 2] === EQ ? 3 : 2);
  if (readValue(bytes, j, true)) return result(bytes, 'operator');
  const echoed = echoArgument(bytes, j);
  return echoed >= 0 && readValue(bytes, echoed, false) ? result(bytes, 'operator') : undefined;
}

/** A setter or a builder method (setPassword(, withToken(, .password(), not any function. */
function afterParen(bytes: Uint8Array, i: number): Assignment | undefined {
  let j = i + 1;
  while (isBlank(bytes[j])) j++;
  if (!isQuote(bytes[j]) && !isLetter(bytes[j]) && bytes[j] !== AT && bytes[j] !== DOLLAR) return undefined;
  return setterName(bytes, nSegment, nEnd) && readValue(bytes, j, true) ? result(bytes, 'call') : undefined;
}

/** ("password", "v") and put("password", "v"), not a list of names (["password", "token"]). */
function afterComma(bytes: Uint8Array, i: number): Assignment | undefined {
  const ns = run.start;
  if (nameQuote !== 0 && opensArguments(bytes, ns - 1 - nameLevel) && readValue(bytes, i + 1, true) && !keyFollows(bytes, vAfter) && !listFollows(bytes, vAfter)) {
    return result(bytes, 'comma');
  }
  return pairValue(bytes, ns, nEnd, nameQuote, nameLevel) ? result(bytes, 'pair') : undefined;
}

/** C# auto-property with an initializer (Password { get; set; } = "v"), or an HCL block after a label. */
function afterBrace(bytes: Uint8Array, i: number): Assignment | undefined {
  const close = indexOfOnLine(bytes, i + 1, RBRACE, 48);
  if (close >= 0) {
    let j = close + 1;
    while (j < close + 1 + BLANK_BOUND && isBlank(bytes[j])) j++;
    if (bytes[j] === EQ && bytes[j + 1] !== EQ && readValue(bytes, j + 1, false)) return result(bytes, 'operator');
  }
  // HCL: variable "db_password" { … default = "v" }
  return pairValue(bytes, run.start, nEnd, nameQuote, nameLevel) ? result(bytes, 'pair') : undefined;
}

/** C arrays: char password[] = "v"; char key[33] = "v"; */
function afterBracket(bytes: Uint8Array, i: number): Assignment | undefined {
  let j = i + 1;
  while (j < i + 8 && bytes[j] >= 48 && bytes[j] <= 57) j++;
  if (bytes[j] !== RBRACKET) return undefined;
  j++;
  while (j < i + 24 && isBlank(bytes[j])) j++;
  return bytes[j] === EQ && bytes[j + 1] !== EQ && readValue(bytes, j + 1, true) ? result(bytes, 'operator') : undefined;
}

/** No operator: a value after a blank (ENV, .netrc, a DSL, #define, SQL), or the name is a pair's value. */
function afterOther(bytes: Uint8Array, i: number, spaced: boolean): Assignment | undefined {
  const ns = run.start;
  if (spaced && nameQuote === 0) {
    const op = bytes[i];
    // A quoted value (SQL, a DSL, #define), or a word after ENV NAME or a .netrc `login user`
    // (prose, `the password is`, is neither: the word before the name decides, cheaply).
    if (isQuote(op) ? spaceAssigns(bytes, ns, nEnd, i) : (WORD[op] === 1 || op === DOLLAR) && afterEnvOrLogin(bytes, ns) && spaceAssigns(bytes, ns, nEnd, i)) {
      return result(bytes, 'operator');
    }
  }
  return pairValue(bytes, ns, nEnd, nameQuote, nameLevel) ? result(bytes, 'pair') : undefined;
}

/**
 * A run of name bytes that is a random string (base64, minified data), not a name: words change
 * between lower case, upper case and digits a few times (dbPassword2); random text every other byte.
 */
function looksRandom(bytes: Uint8Array, s: number, e: number): boolean {
  let changes = 0;
  let last = 0;
  for (let i = s; i < e; i++) {
    const b = bytes[i];
    const kind = b >= 97 && b <= 122 ? 1 : b >= 65 && b <= 90 ? 2 : b >= 48 && b <= 57 ? 3 : 0;
    if (kind !== 0 && last !== 0 && kind !== last && !(last === 2 && kind === 1)) changes++;
    last = kind;
  }
  return changes * 4 > e - s;
}

/** Lines of a mapping's children read after its key. */
const CHILD_LINES = 16;

/**
 * A key that opens a mapping (YAML `datadog:` then indented keys; JSON or HCL `"datadog": {` then
 * keys on the next lines): the assignments of the keys under it, up to CHILD_LINES lines, each
 * with `parent` set to the key's name. Keyed rules see `datadog.api_key` through it.
 */
/**
 * The key holding the hit is followed by ':' or '=' (a test before childAssignments, which is
 * then called for few hits and stays small to compile).
 */
export function keyOpensValue(bytes: Uint8Array, hitEnd: number): boolean {
  let i = hitEnd;
  const stop = Math.min(bytes.length, hitEnd + NAME_BOUND);
  while (i < stop && NAME[bytes[i]]) i++;
  if (isQuote(bytes[i])) i++;
  while (isBlank(bytes[i])) i++;
  return bytes[i] === COLON || bytes[i] === EQ;
}

export function childAssignments(bytes: Uint8Array, hitStart: number, hitEnd: number): Assignment[] {
  while (hitEnd > hitStart + 1 && NAME[bytes[hitEnd - 1]] === 0) hitEnd--;
  let ne = hitEnd;
  while (ne < bytes.length && ne - hitEnd < NAME_BOUND && NAME[bytes[ne]]) ne++;
  let i = ne;
  // The key ends with ':' or '=' (most hits fail here, before the name is read backwards).
  if (isQuote(bytes[i])) i++;
  while (isBlank(bytes[i])) i++;
  if (bytes[i] !== COLON && bytes[i] !== EQ) return [];
  let ns = hitStart;
  while (ns > 0 && hitStart - ns < NAME_BOUND && NAME[bytes[ns - 1]]) ns--;
  i = ne;
  if (isQuote(bytes[i])) i++;
  while (isBlank(bytes[i])) i++;
  if (bytes[i] !== COLON && bytes[i] !== EQ) return [];
  i++;
  while (isBlank(bytes[i])) i++;
  if (bytes[i] === LBRACE) { i++; while (isBlank(bytes[i])) i++; }
  if (bytes[i] === HASH) while (i < bytes.length && bytes[i] !== LF) i++;
  if (bytes[i] === CR) i++;
  if (bytes[i] !== LF) return [];
  // The parent's indentation.
  let ls = ns;
  while (ls > 0 && bytes[ls - 1] !== LF && ns - ls < 256) ls--;
  let parentIndent = 0;
  while (isBlank(bytes[ls + parentIndent]) || bytes[ls + parentIndent] === DASH) parentIndent++;
  let parent = '';
  for (let k = ns; k < ne; k++) parent += String.fromCharCode(bytes[k]);
  const out: Assignment[] = [];
  let line = i + 1;
  for (let n = 0; n < CHILD_LINES && line < bytes.length; n++) {
    let k = line;
    while (isBlank(bytes[k])) k++;
    const indent = k - line;
    const first = bytes[k];
    const next = bytes.indexOf(LF, k);
    const end = next < 0 ? bytes.length : next;
    if (first !== LF && first !== CR && first !== HASH && k < bytes.length) {
      if (indent <= parentIndent) break;
      if (first === DASH && isBlank(bytes[k + 1])) k += 2;
      if (isQuote(bytes[k])) k++;
      let ke = k;
      while (ke < end && ke - k < NAME_BOUND && NAME[bytes[ke]]) ke++;
      if (ke > k) {
        const child = assignmentAt(bytes, k, ke);
        if (child !== undefined && child.nameStart >= k && child.valueStart < end) {
          child.parent = parent;
          out.push(child);
        }
      }
    }
    line = end + 1;
  }
  return out;
}

/** Only blanks before `i` on its line. */
function startsLine(bytes: Uint8Array, i: number): boolean {
  let s = i;
  while (s > 0 && i - s < 64 && isBlank(bytes[s - 1])) s--;
  return s === 0 || bytes[s - 1] === LF;
}

/** True when `level` backslashes and `quote` are at `i`. */
function closesAt(bytes: Uint8Array, i: number, quote: number, level: number): boolean {
  for (let k = 0; k < level; k++) if (bytes[i + k] !== BACKSLASH) return false;
  return bytes[i + level] === quote;
}

function indexOfOnLine(bytes: Uint8Array, from: number, target: number, bound: number): number {
  const stop = Math.min(bytes.length, from + bound);
  for (let i = from; i < stop; i++) {
    const b = bytes[i];
    if (b === target) return i;
    if (b === LF) return -1;
  }
  return -1;
}

/**
 * After `name:` and a blank, a type and '=' (`val token: String = "v"`, `password: str = "v"`,
 * `token: string | undefined = "v"`): the offset after '=', else -1.
 */
function afterType(bytes: Uint8Array, i: number): number {
  while (isBlank(bytes[i])) i++;
  // Rust references and pointers: &str, &'static str, *const c_char.
  if (bytes[i] === 38 /* & */ || bytes[i] === 42 /* * */) {
    i++;
    if (bytes[i] === SQ) { i++; while (WORD[bytes[i]]) i++; while (isBlank(bytes[i])) i++; }
  }
  if (!isLetter(bytes[i])) return -1;
  const stop = Math.min(bytes.length, i + 48);
  let j = i;
  // A type: words, dots, generics, arrays, nullability and unions.
  while (j < stop) {
    const b = bytes[j];
    if (WORD[b] || b === DOT || b === LT || b === GT || b === LBRACKET || b === RBRACKET || b === QMARK || b === PIPE || b === SP || b === COMMA) j++;
    else break;
  }
  if (bytes[j] !== EQ || bytes[j + 1] === EQ || bytes[j + 1] === GT) return -1;
  return j + 1;
}

/** `name: |` or `name: >-` then the value on the next (indented) line. */
function blockScalar(bytes: Uint8Array, i: number): boolean {
  if (quotedOnly) return false;
  while (isBlank(bytes[i])) i++;
  if (bytes[i] !== PIPE && bytes[i] !== GT) return false;
  i++;
  while (bytes[i] === DASH || bytes[i] === PLUS || (bytes[i] >= 48 && bytes[i] <= 57)) i++;
  while (isBlank(bytes[i])) i++;
  if (bytes[i] === CR) i++;
  if (bytes[i] !== LF) return false;
  i++;
  const indent = i;
  while (i < indent + 64 && isBlank(bytes[i])) i++;
  if (i === indent) return false;
  return bare(bytes, i, false);
}

/**
 * Blanks, then a quoted literal (with a string prefix: r"", b'', f"", @"", $"", L"", u8"") or,
 * unless `quoted`, a bare value. A few wrappers are looked through: []byte("v"), String("v"),
 * str("v"), SecretStr("v"), ConvertTo-SecureString "v". Sets vStart/vEnd/vQuote/vAfter.
 */
function readValue(bytes: Uint8Array, i: number, quoted: boolean): boolean {
  const stop = i + BLANK_BOUND;
  while (i < stop && isBlank(bytes[i])) i++;
  if (quotedAt(bytes, i)) return true;
  // String prefixes: one or two letters, @ or $ right before the quote.
  let j = i;
  while (j < i + 2 && (isLetter(bytes[j]) || bytes[j] === AT || bytes[j] === DOLLAR || bytes[j] === 56 /* u8 */)) j++;
  if (j > i && (isQuote(bytes[j]) || bytes[j] === BACKSLASH) && quotedAt(bytes, j)) return true;
  const w = wrapped(bytes, i);
  if (w >= 0 && quotedAt(bytes, w)) return true;
  const f = startsLookup(bytes, i) ? fallbackLiteral(bytes, i) : -1;
  if (f >= 0 && quotedAt(bytes, f)) return true;
  if (quoted || quotedOnly) return false;
  if (bytes[i] === HASH) return false; // a comment, not a value
  // A Makefile $(shell echo v): the echoed value (other $(…) are references).
  if (bytes[i] === DOLLAR && bytes[i + 1] === LPAREN) {
    const echoed = echoArgument(bytes, i);
    return echoed >= 0 && (quotedAt(bytes, echoed) || bare(bytes, echoed, false));
  }
  return bare(bytes, i, false);
}

/**
 * A lookup with a literal default (called where startsLookup holds): process.env.X ?? 'v', process.env.X || "v", os.getenv("X") or
 * "v", $_ENV['X'] ?: 'v', os.getenv("X", "v"), ENV.fetch("X", "v"), getOrDefault("X", "v"): the
 * offset of the default's quote, else -1. The expression stays on its line (200 bytes at most).
 */
function fallbackLiteral(bytes: Uint8Array, i: number): number {
  const stop = Math.min(bytes.length, i + 200);
  let j = i;
  let depth = 0;
  let callee = i;
  while (j < stop) {
    const b = bytes[j];
    if (NAME[b] || b === DOLLAR || b === LBRACKET || b === RBRACKET) {
      if (!NAME[bytes[j - 1]]) callee = j;
      j++;
      continue;
    }
    if (isQuote(b)) {
      if (!quotedAt(bytes, j)) return -1;
      j = vAfter;
      continue;
    }
    if (b === LPAREN) {
      // getenv("X", "v"): the second argument of a lookup
      if (depth === 0 && isLookup(bytes, callee, j)) {
        let k = j + 1;
        while (isBlank(bytes[k])) k++;
        if (isQuote(bytes[k]) && quotedAt(bytes, k)) {
          k = vAfter;
          while (isBlank(bytes[k])) k++;
          if (bytes[k] === COMMA) {
            k++;
            while (isBlank(bytes[k])) k++;
            if (isQuote(bytes[k])) return k;
          }
        }
      }
      depth++;
      j++;
      continue;
    }
    if (b === RPAREN && depth > 0) { depth--; j++; continue; }
    if ((isBlank(b) || b === COMMA) && depth > 0) { j++; continue; }
    break;
  }
  if (depth !== 0 || j === i) return -1;
  while (isBlank(bytes[j])) j++;
  const a = bytes[j];
  const b = bytes[j + 1];
  if ((a === QMARK && (b === QMARK || b === COLON)) || (a === PIPE && b === PIPE)) j += 2;
  else if (a === 111 /* o */ && b === 114 /* r */ && isBlank(bytes[j + 2])) j += 2;
  else return -1;
  while (isBlank(bytes[j])) j++;
  return isQuote(bytes[j]) ? j : -1;
}

/** Expressions that read the environment or settings (where a literal default may follow). */
const LOOKUP_STARTS: Uint8Array[][] = [];
for (const w of ['process.env', 'os.environ', 'os.getenv', 'getenv(', 'ENV[', 'ENV.fetch', '$_ENV', '$_SERVER', 'System.getenv', 'System.getProperty',
  'Environment.', 'env(', 'env.', 'config(', 'config.', 'settings.', 'import.meta.env', 'Deno.env', 'Configuration[', 'configuration[', 'props.', 'properties.']) {
  (LOOKUP_STARTS[w.charCodeAt(0)] ??= []).push(Uint8Array.from(w, (c) => c.charCodeAt(0)));
}

function startsLookup(bytes: Uint8Array, i: number): boolean {
  const candidates = LOOKUP_STARTS[bytes[i]];
  if (candidates === undefined) return false;
  for (const w of candidates) {
    let k = 0;
    while (k < w.length && bytes[i + k] === w[k]) k++;
    if (k === w.length) return true;
  }
  return false;
}

/** The callee before '(' is an environment or settings lookup that takes a default. */
function isLookup(bytes: Uint8Array, s: number, e: number): boolean {
  let k = e;
  while (k > s && WORD[bytes[k - 1]]) k--;
  return wordIs(bytes, k, e, LOOKUPS);
}
const LOOKUPS = wordSet(['getenv', 'get', 'fetch', 'getordefault', 'getproperty', 'getstring', 'getvalue', 'env', 'config']);

/** After blanks, `echo ` or `printf ` (a Makefile shell assignment): the offset of its argument, else -1. */
function echoArgument(bytes: Uint8Array, i: number): number {
  while (isBlank(bytes[i])) i++;
  for (const w of ECHO) {
    let k = 0;
    while (k < w.length && bytes[i + k] === w[k]) k++;
    if (k === w.length) {
      i += k;
      while (isBlank(bytes[i])) i++;
      return bytes[i] === DASH ? -1 : i;
    }
  }
  return -1;
}
const ECHO = ['echo ', 'printf ', '$(shell echo ', '$(shell printf '].map((w) => Uint8Array.from(w, (c) => c.charCodeAt(0)));

/** Wrappers by their first byte. */
const WRAPPERS: Uint8Array[][] = [];
for (const w of ['[]byte(', 'String(', 'new String(', 'str(', 'SecretStr(', 'SecretString(', 'SecureString(', 'Secret(', 'bytes(', 'ConvertTo-SecureString ', 'ConvertTo-SecureString -String ', 'Buffer.from(']) {
  (WRAPPERS[w.charCodeAt(0)] ??= []).push(Uint8Array.from(w, (c) => c.charCodeAt(0)));
}

/** After a wrapper call or command around a literal: the offset of its quote, else -1. */
function wrapped(bytes: Uint8Array, i: number): number {
  const candidates = WRAPPERS[bytes[i]];
  if (candidates === undefined) return -1;
  for (const w of candidates) {
    let k = 0;
    while (k < w.length && bytes[i + k] === w[k]) k++;
    if (k === w.length) {
      let j = i + k;
      while (isBlank(bytes[j])) j++;
      return isQuote(bytes[j]) || bytes[j] === BACKSLASH ? j : -1;
    }
  }
  return -1;
}

/**
 * A quoted literal at `i`: ", ' or ` (or """ / '''), possibly escaped (\" in JSON held in a
 * string). Ends at the matching quote on the same line (template and triple-quoted strings may
 * span lines); backslash escapes are skipped.
 */
function quotedAt(bytes: Uint8Array, i: number): boolean {
  let level = 0;
  while (level < 3 && bytes[i + level] === BACKSLASH) level++;
  const q = bytes[i + level];
  if (!isQuote(q)) return false;
  if (level > 0 && q === BACKTICK) return false;
  let c = i + level + 1;
  const triple = level === 0 && bytes[c] === q && bytes[c + 1] === q;
  if (triple) c += 2;
  else if (level === 0 && bytes[c] === q) return false; // empty
  const start = c;
  const stop = Math.min(bytes.length, start + VALUE_BOUND);
  const multiline = triple || q === BACKTICK;
  while (c < stop) {
    const b = bytes[c];
    if (b === LF && !multiline) return false;
    if (b === BACKSLASH) {
      let r = 1;
      while (bytes[c + r] === BACKSLASH) r++;
      if (level > 0 && r === level && bytes[c + r] === q) {
        if (c === start) return false;
        vStart = start; vEnd = c; vQuote = q; vAfter = c + r + 1;
        return true;
      }
      if (level > 0 && r === level && bytes[c + r] === 110 /* \n: a newline in the escaped text */ && bytes[c - 1] !== BACKSLASH) return false;
      c += level === 0 ? 2 : r;
      continue;
    }
    if (b === q && level === 0) {
      if (triple && !(bytes[c + 1] === q && bytes[c + 2] === q)) { c++; continue; }
      if (c === start) return false;
      vStart = start; vEnd = c; vQuote = q; vAfter = c + (triple ? 3 : 1);
      return true;
    }
    c++;
  }
  return false;
}

/**
 * A bare value at `i`: up to a blank, a quote, '<', ',', ';', '(', ')', ']', '}' or an escape (\n, \",
 * in text held in a string). `elementText` reads element content (which ends at '<' alone).
 */
function bare(bytes: Uint8Array, i: number, elementText: boolean): boolean {
  const first = bytes[i];
  if (first === LBRACE || first === LBRACKET || first === LPAREN) return false;
  const stop = Math.min(bytes.length, i + VALUE_BOUND);
  let c = i;
  while (c < stop) {
    const b = bytes[c];
    if (b === 38 /* & */ && inQuery) break;
    if (BARE_STOP[b] && !(elementText && (b === COMMA || b === SEMI || b === LPAREN || b === RPAREN || b === RBRACKET || b === RBRACE))) break;
    if (b === BACKSLASH) {
      const e = bytes[c + 1];
      if (e === 110 || e === 114 || e === 116 || e === DQ || e === SQ) break;
    }
    c++;
  }
  // A bare value followed by '(' is a call (getPassword(), $(shell …)), not a literal.
  if (c === i || bytes[c] === LPAREN) return false;
  vStart = i; vEnd = c; vQuote = 0; vAfter = c;
  return true;
}

/**
 * `<name>v</name>` or `<name attr="x">\n  v\n</name>`: the element's text, on its line or the next
 * ones (up to two line breaks).
 */
function elementAfterName(bytes: Uint8Array, i: number): boolean {
  if (bytes[i] !== GT) {
    if (!isBlank(bytes[i])) return false;
    // Attributes up to '>' on the same line (not a self-closing tag).
    const close = indexOfOnLine(bytes, i, GT, 160);
    if (close < 0 || bytes[close - 1] === SLASH) return false;
    i = close;
  }
  return elementText(bytes, i + 1);
}

/** Element text from `i` (just after '>'): blanks and up to two line breaks, then the text up to '<'. */
function elementText(bytes: Uint8Array, i: number): boolean {
  let lines = 0;
  const stop = Math.min(bytes.length, i + 160);
  while (i < stop) {
    const b = bytes[i];
    if (b === LF) { if (++lines > 2) return false; }
    else if (!isBlank(b) && b !== CR) break;
    i++;
  }
  if (bytes[i] === LT || !bare(bytes, i, true)) return false;
  // The text must end the element: `<token>a b c</token>` is prose.
  let j = vEnd;
  while (j < vEnd + 160 && (isBlank(bytes[j]) || bytes[j] === LF || bytes[j] === CR)) j++;
  return bytes[j] === LT;
}

/** `"name": {` then `"value": "v"` as its first field (ARM parameter files, HCL blocks). */
function nestedValue(bytes: Uint8Array, i: number): boolean {
  while (isBlank(bytes[i])) i++;
  if (bytes[i] !== LBRACE) return false;
  i++;
  let lines = 0;
  while (i < bytes.length && (isBlank(bytes[i]) || bytes[i] === LF || bytes[i] === CR)) if (bytes[i++] === LF && ++lines > 1) return false;
  if (isQuote(bytes[i])) i++;
  const word = i;
  while (WORD[bytes[i]]) i++;
  if (!isValueField(bytes, word, i)) return false;
  if (isQuote(bytes[i])) i++;
  while (isBlank(bytes[i])) i++;
  if (bytes[i] !== COLON && bytes[i] !== EQ) return false;
  return readValue(bytes, i + 1, false);
}

/** Before the name's opening quote at `q`: '(' or '{' opens the arguments it starts. */
function opensArguments(bytes: Uint8Array, q: number): boolean {
  let i = q;
  while (i > 0 && isBlank(bytes[i - 1])) i--;
  return bytes[i - 1] === LPAREN || bytes[i - 1] === LBRACE;
}

/** After a literal (the comma form): more literals or the end of a list (`"a", "b", "c"]`). */
function listFollows(bytes: Uint8Array, i: number): boolean {
  while (isBlank(bytes[i])) i++;
  if (bytes[i] === RBRACKET) return true;
  if (bytes[i] !== COMMA) return false;
  i++;
  while (isBlank(bytes[i])) i++;
  return isQuote(bytes[i]);
}

/** After a literal (the comma form): is it a key itself (`"name", "value": …`)? */
function keyFollows(bytes: Uint8Array, i: number): boolean {
  while (isBlank(bytes[i])) i++;
  return bytes[i] === COLON || (bytes[i] === EQ && bytes[i + 1] !== EQ);
}

/** Field names whose value is the name of the thing a later `value` field sets. */
const NAME_FIELDS = wordSet(['name', 'key', 'parameterkey', 'parametername', 'variable', 'setting', 'property', 'option', 'field']);

/** Lowercase words as bytes, by length. */
type WordSet = Uint8Array[][];
function wordSet(words: string[]): WordSet {
  const set: WordSet = [];
  for (let l = 0; l <= 32; l++) set.push([]);
  for (const w of words) set[w.length].push(Uint8Array.from(w, (c) => c.charCodeAt(0)));
  return set;
}

/** The word bytes[s, e) (ASCII case folded) is in `set`. */
function wordIs(bytes: Uint8Array, s: number, e: number, set: WordSet): boolean {
  const words = e - s < set.length ? set[e - s] : undefined;
  if (words === undefined) return false;
  for (const w of words) {
    let k = 0;
    while (k < w.length && (bytes[s + k] | 0x20) === w[k]) k++;
    if (k === w.length) return true;
  }
  return false;
}

/** `value`, `Value`, `parameterValue`, `defaultValue`, or HCL's `default`. */
function isValueField(bytes: Uint8Array, s: number, e: number): boolean {
  const len = e - s;
  if (len === 7 && wordIs(bytes, s, e, DEFAULT_FIELD)) return true;
  if (len < 5 || len > 16) return false;
  for (let k = 0; k < 5; k++) if ((bytes[e - 5 + k] | 0x20) !== VALUE_WORD[k]) return false;
  return true;
}
const VALUE_WORD = [118, 97, 108, 117, 101];
const DEFAULT_FIELD = wordSet(['default']);

/**
 * The name is the value of a name field (`- name: DB_PASSWORD`, `"key": "ApiToken"`,
 * `<add key="Password" …`, `variable "db_password" {`) and a value field follows it on its line
 * or as the first token of the next ones: read that value.
 */
function pairValue(bytes: Uint8Array, ns: number, ne: number, nameQuote: number, nameLevel: number): boolean {
  // Most names are no pair's value: a short test first, the search after it only when it passes
  // (so the hot part stays small for the compiler).
  return pairNameBefore(bytes, ns, nameQuote, nameLevel) && pairValueAfter(bytes, ne, nameQuote, nameLevel);
}

/** Before the name: a name field and its ':' or '=' (or `=>`), or an HCL block keyword. */
function pairNameBefore(bytes: Uint8Array, ns: number, nameQuote: number, nameLevel: number): boolean {
  // Backwards from the name: its quote, blanks, ':' or '=', the field's quote, the field name.
  let i = ns - (nameQuote !== 0 ? 1 + nameLevel : 0);
  let k = 0;
  while (k++ < 4 && i > 0 && isBlank(bytes[i - 1])) i--;
  // Nothing before: no field names it (and no read before the text, which costs a recompile).
  if (i <= 0) return false;
  let sep = bytes[i - 1];
  if (sep === GT && bytes[i - 2] === EQ) { sep = EQ; i--; } // 'name' => 'DB_PASSWORD'
  if (sep === COLON || sep === EQ) {
    i--;
    while (isBlank(bytes[i - 1])) i--;
    while (isQuote(bytes[i - 1]) || bytes[i - 1] === BACKSLASH) i--;
    const we = i;
    while (i > 0 && we - i <= 16 && WORD[bytes[i - 1]]) i--;
    if (!wordIs(bytes, i, we, NAME_FIELDS) || bytes[i - 1] === DOT) return false;
  } else if (nameQuote === DQ) {
    // HCL: variable "db_password" { default = "v" }
    const we = i;
    while (i > 0 && we - i <= 8 && WORD[bytes[i - 1]]) i--;
    if (!wordIs(bytes, i, we, HCL_BLOCKS)) return false;
  } else {
    return false;
  }
  return true;
}

/** After the name (the value of a name field): the value field and its value. */
function pairValueAfter(bytes: Uint8Array, ne: number, nameQuote: number, nameLevel: number): boolean {
  // Forwards: past the name's closing quote, look for the value field.
  let j = ne + (nameQuote !== 0 ? 1 + nameLevel : 0);
  // <entry key="password">v</entry>, <setting name="Password" serializeAs="String"><value>v</value>
  const gt = indexOfOnLine(bytes, j, GT, 160);
  const lt = indexOfOnLine(bytes, j, LT, 160);
  if (gt >= 0 && (lt < 0 || gt < lt) && bytes[gt - 1] !== SLASH && bytes[gt - 1] !== DASH && bytes[gt - 1] !== EQ) {
    if (elementText(bytes, gt + 1)) return true;
  }
  const stop = Math.min(bytes.length, j + 400);
  let lines = 0;
  // The next word is the first token of a later line (after indentation, '-', '<', '{' or a quote).
  let first = false;
  while (j < stop) {
    const b = bytes[j];
    if (b === LF) {
      if (++lines > 4) return false;
      first = true;
      j++;
      continue;
    }
    if (isBlank(b) || b === CR) { j++; continue; }
    // The end of the name's object or statement.
    if (b === RBRACE || b === SEMI || b === LPAREN || b === RPAREN) return false;
    if (WORD[b]) {
      const ws = j;
      while (j < stop && WORD[bytes[j]]) j++;
      const before = bytes[ws - 1];
      const isFirst = first;
      first = false;
      // The next name field starts another pair.
      if (wordIs(bytes, ws, j, NAME_FIELDS) && fieldOperator(bytes, j) >= 0) return false;
      if (before === DOT || !isValueField(bytes, ws, j) || (lines > 0 && !isFirst)) continue;
      if (before === LT && bytes[j] === GT) return elementText(bytes, j + 1);
      const op = fieldOperator(bytes, j);
      if (op >= 0) return readValue(bytes, op, false);
      continue;
    }
    if (b !== DASH && b !== LT && b !== LBRACE && b !== BACKSLASH && !isQuote(b)) first = false;
    j++;
  }
  return false;
}
const HCL_BLOCKS = wordSet(['variable', 'output', 'locals']);

/** After a field name: its closing quote, blanks and ':', '=' or '=>' (not '=='); the offset after it, else -1. */
function fieldOperator(bytes: Uint8Array, j: number): number {
  while (isQuote(bytes[j]) || bytes[j] === BACKSLASH) j++;
  while (isBlank(bytes[j])) j++;
  const b = bytes[j];
  if (b === COLON && bytes[j + 1] !== COLON) return j + 1;
  if (b === EQ && bytes[j + 1] === GT) return j + 2;
  if (b === EQ && bytes[j + 1] !== EQ) return j + 1;
  return -1;
}

/** Verbs whose call reads, derives or checks rather than sets (`getPassword("x")`, `hashPassword(…)`). */
const NOT_SETTERS = wordSet(('get has is find load read fetch lookup resolve remove delete del clear reset generate gen create make parse format validate ' +
  'check verify compare match hash encrypt decrypt encode decode sign print log show display render mask redact sanitize on handle update change ' +
  'forgot send request require ensure assert expect to from new translate t i18n describe it test').split(' '));

/**
 * A call that sets the named thing: a setter (setPassword(, set_token(, withApiKey(, usePassword()
 * or a builder method named for it (.password(, .clientSecret(). Other functions that take a
 * string (randomToken('seed'), getPassword("name"), notSecrets('KEY')) are not assignments.
 */
function setterName(bytes: Uint8Array, s: number, e: number): boolean {
  // The leading verb: up to an upper-case letter, '_' or '-' (setPassword, set_password).
  let k = s;
  while (k < e && k - s < 12 && bytes[k] >= 97 && bytes[k] <= 122) k++;
  const b = bytes[k];
  const verb = k > s && k < e && ((b >= 65 && b <= 90) || b === 95 || b === DASH);
  if (verb && wordIs(bytes, s, k, SETTERS)) return true;
  // A method named for the thing: x.password(, ).apiKey( (not .getPassword(, not ...spread().
  const member = s > 1 && bytes[s - 1] === DOT && ((NAME[bytes[s - 2]] === 1 && bytes[s - 2] !== DOT) || bytes[s - 2] === RPAREN);
  return member && !(verb && wordIs(bytes, s, k, NOT_SETTERS));
}
const SETTERS = wordSet(['set', 'with', 'use', 'put', 'add']);

/** Before the name: `ENV ` (a Dockerfile), or `login <user> ` (a .netrc line); a quick test. */
function afterEnvOrLogin(bytes: Uint8Array, ns: number): boolean {
  let s = ns;
  while (s > 0 && ns - s < 8 && isBlank(bytes[s - 1])) s--;
  if (s === ns) return false;
  if (bytes[s - 1] === 86 && bytes[s - 2] === 78 && bytes[s - 3] === 69) return true; // ENV
  const we = s;
  while (s > 0 && we - s < 64 && NAME[bytes[s - 1]]) s--;
  return s < we && isBlank(bytes[s - 1]) && bytes[s - 2] === 110; // …n of `login`
}

/**
 * A value after a blank with no operator: Dockerfile `ENV NAME value`, a DSL line
 * (`password "v"`: Gradle, Ruby), a C macro (`#define API_KEY "v"`), SQL (`WITH PASSWORD 'v'`),
 * a .netrc line (`machine h login u password v`).
 */
function spaceAssigns(bytes: Uint8Array, ns: number, ne: number, i: number): boolean {
  // SQL: CREATE USER app WITH PASSWORD 'v', ALTER ROLE app ENCRYPTED PASSWORD 'v'
  if (bytes[i] === SQ && wordIs(bytes, ns, ne, PASSWORD_WORD) && readValue(bytes, i, true)) return true;
  let s = ns;
  while (s > 0 && ns - s < 16 && isBlank(bytes[s - 1])) s--;
  if (s === 0 || bytes[s - 1] === LF) {
    // password "v" (and nothing after it but punctuation or a comment)
    if (!isQuote(bytes[i]) || !readValue(bytes, i, true)) return false;
    let j = vAfter;
    while (isBlank(bytes[j]) || bytes[j] === SEMI || bytes[j] === COMMA || bytes[j] === RPAREN) j++;
    return j >= bytes.length || bytes[j] === LF || bytes[j] === CR || bytes[j] === HASH || (bytes[j] === SLASH && bytes[j + 1] === SLASH);
  }
  if (s === ns) return false;
  // The word before the name: ENV (first on its line), or a .netrc user name after `login`.
  const we = s;
  while (s > 0 && we - s < 64 && NAME[bytes[s - 1]]) s--;
  if (we - s === 3 && bytes[s] === 69 && bytes[s + 1] === 78 && bytes[s + 2] === 86 && (s === 0 || bytes[s - 1] === LF)) return readValue(bytes, i, false);
  // #define NAME "v"
  if (wordIs(bytes, s, we, DEFINE) && bytes[s - 1] === HASH) return readValue(bytes, i, true);
  while (s > 0 && we - s < 80 && isBlank(bytes[s - 1])) s--;
  const le = s;
  while (s > 0 && le - s < 6 && WORD[bytes[s - 1]]) s--;
  if (!wordIs(bytes, s, le, LOGIN)) return false;
  // A .netrc line starts with `machine <host>` or `default`.
  let ls = s;
  while (ls > 0 && s - ls < 256 && bytes[ls - 1] !== LF) ls--;
  while (isBlank(bytes[ls])) ls++;
  let we2 = ls;
  while (WORD[bytes[we2]]) we2++;
  return wordIs(bytes, ls, we2, NETRC_START) && readValue(bytes, i, false);
}
const NETRC_START = wordSet(['machine', 'default']);
const LOGIN = wordSet(['login']);
const DEFINE = wordSet(['define']);
const PASSWORD_WORD = wordSet(['password']);

/**
 * One reading of every form at load time. The optimizing compiler then sees type feedback for
 * each branch when the reader gets hot, instead of compiling it, meeting an untried branch in a
 * later file, falling back to the interpreter and compiling again (five times over a 30 MB scan,
 * most of the reader's cost on a single run of the CLI).
 */
function warmUp(): void {
  const text = [
    'DB_PASSWORD=a1b2c3', 'password: "a1b2c3"', '"password": "a1b2c3"', "password = 'a1b2c3'", 'password := `a1b2c3`', 'PASSWORD ?= a1b2c3',
    'PASSWORD += a1b2c3', 'PASSWORD != echo a1b2c3', 'password ||= "a1b2c3"', 'password ??= "a1b2c3"', 'password => "a1b2c3"', 'password <- "a1b2c3"',
    'if password == "a1b2c3"', 'if password !== "a1b2c3"', 'x.setPassword("a1b2c3")', 'getPassword(x)', 'put("password", "a1b2c3")',
    '["password", "token"]', 'string Password { get; set; } = "a1b2c3";', 'char password[] = "a1b2c3";', '#define PASSWORD "a1b2c3"',
    "WITH PASSWORD 'a1b2c3'", 'ENV PASSWORD a1b2c3', 'machine h login u password a1b2c3', 'password "a1b2c3"', '--password=a1b2c3',
    '--password a1b2c3', '-Dx.password=a1b2c3', '<password>a1b2c3</password>', '<password>\n a1b2c3\n</password>',
    '<add key="password" value="a1b2c3" />', '- name: PASSWORD\n  value: a1b2c3', '{"name": "PASSWORD", "value": "a1b2c3"}',
    'variable "password" {\n  default = "a1b2c3"\n}', '"password": {\n  "value": "a1b2c3"\n}', 'password: |\n  a1b2c3',
    'val password: String = "a1b2c3"', 'password = process.env.X ?? "a1b2c3"', 'password = os.getenv("X", "a1b2c3")',
    'password = $(shell echo a1b2c3)', 'password = []byte("a1b2c3")', 'password = r"a1b2c3"', 'password = """a1b2c3"""',
    '"{\\"password\\": \\"a1b2c3\\"}"', '"Admin:Password": "a1b2c3"', '$cfg[\'password\'] = \'a1b2c3\';', 'password: a1b2c3 # x',
    'password.length > 8', 'the password is', 'github.com/password', 'password(x)', 'password}', 'password;', 'password:\n  token: a1b2c3',
  ].join('\n');
  // A Buffer, as the scanner's texts are (a plain Uint8Array would be a second shape to compile for).
  const bytes = Buffer.from(text, 'latin1');
  const lower = text.toLowerCase();
  // Three rounds: feedback is recorded only once a function has been called a few times.
  for (let round = 0; round < 3; round++) for (const keyword of ['password', 'token']) {
    for (let at = lower.indexOf(keyword); at >= 0; at = lower.indexOf(keyword, at + 1)) {
      assignmentAt(bytes, at, at + keyword.length, false);
      assignmentAt(bytes, at, at + keyword.length, true);
      childAssignments(bytes, at, at + keyword.length);
    }
  }
}
warmUp();
