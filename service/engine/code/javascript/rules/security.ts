// eslint-plugin-security 4.1.0: the rules that point at a real weakness. Not run, measured on 4,266
// files of eslint, typescript-eslint, webpack, babel, ajv, zod and Vigil itself:
// - detect-object-injection: flags every obj[key]; almost all of its findings are noise.
// - detect-unsafe-regex: safe-regex 2 calls bounded patterns such as /^-?\d+(?:\.\d+)?$/ unsafe
//   (256 findings, nearly all wrong).
// - detect-non-literal-regexp (224) and detect-non-literal-fs-filename (149): every computed
//   pattern or path, almost never from outside data; the taint rules report RegExp and fs calls that
//   request data reaches.
// - detect-possible-timing-attacks: any comparison with a variable named like password/token/secret,
//   mostly null checks and lookups.
// - detect-pseudoRandomBytes: SDL's no-insecure-random (CODE-JS-INSECURE-RANDOM) reports the same call.
// - detect-eval-with-expression: core no-eval (CODE-JS-EVAL) reports the same calls.
import type { CodeRule } from '../../types';
import { eslintRule } from './rule';

export const securityRules: readonly CodeRule[] = [
  eslintRule('security/detect-child-process', {
    id: 'CODE-JS-CHILD-PROCESS',
    title: 'child_process.exec with a non-literal command',
    severity: 'high',
    confidence: 'medium',
    description: 'child_process.exec (and execSync) run their first argument through a shell. When that string is built from variables, shell metacharacters in them (; | $( ) run further commands (command injection). A bare require("child_process") that is not bound to a name is reported too, since its calls cannot be followed.',
    remediation: 'Use execFile or spawn with the program and an array of arguments (no shell), and check arguments against an allow-list.',
    remediationSnippet: 'const { execFile } = require("child_process");\nexecFile("git", ["log", "--format=%H", branch], callback);',
    cwe: ['CWE-78'],
    tags: ['injection', 'node'],
    examples: {
      fail: [
        'const cp = require("child_process");\ncp.exec("git log " + branch, (err, out) => done(out));\n',
        'const { exec } = require("node:child_process");\nexec(`convert ${input} ${output}`);\n',
        { path: 'src/tools/zip.ts', code: 'import { exec } from "child_process";\nexport function zip(dir: string): void {\n  exec("zip -r out.zip " + dir);\n}\n' },
      ],
      pass: [
        'const { execFile } = require("child_process");\nexecFile("git", ["log", branch], callback);\n',
        'const cp = require("child_process");\ncp.exec("git status", callback);\n',
        'const db = require("./db");\ndb.exec(sql);\n',
      ],
    },
  }),
  eslintRule('security/detect-non-literal-require', {
    id: 'CODE-JS-NON-LITERAL-REQUIRE',
    title: 'require() with a computed module name',
    severity: 'medium',
    confidence: 'low',
    description: 'require() with a name built at run time loads whatever module or file that name points to. If any part of it comes from a request or other outside data, an attacker can load and run a file of their choice.',
    remediation: 'Map allowed names to modules with a fixed table, or check the name against an allow-list before loading it.',
    remediationSnippet: 'const handlers = { csv: require("./export/csv"), pdf: require("./export/pdf") };\nconst handler = handlers[format];',
    cwe: ['CWE-706'],
    tags: ['node'],
    examples: {
      fail: ['const handler = require("./export/" + req.query.format);\n', 'const plugin = require(pluginName);\n', 'const lang = require(`./locales/${locale}.json`);\n'],
      pass: ['const express = require("express");\n', 'const path = require("path");\nconst csv = require("./export/csv");\n'],
    },
  }),
  eslintRule('security/detect-buffer-noassert', {
    id: 'CODE-JS-BUFFER-NOASSERT',
    title: 'Buffer read or write with noAssert',
    severity: 'medium',
    confidence: 'high',
    description: 'Passing noAssert = true to Buffer read/write methods skipped the offset check in older Node.js versions, so a bad offset read or wrote outside the buffer.',
    remediation: 'Drop the noAssert argument and validate offsets against buf.length.',
    remediationSnippet: 'const value = buf.readUInt32LE(offset);',
    cwe: ['CWE-119'],
    tags: ['node'],
    examples: {
      fail: ['const value = buf.readUInt32LE(offset, true);\n', 'packet.writeInt16BE(port, 2, true);\n'],
      pass: ['const value = buf.readUInt32LE(offset);\n', 'packet.writeInt16BE(port, 2);\n'],
    },
  }),
  eslintRule('security/detect-new-buffer', {
    id: 'CODE-JS-NEW-BUFFER',
    title: 'new Buffer() with a non-literal argument',
    severity: 'medium',
    confidence: 'medium',
    description: 'The deprecated Buffer constructor allocates uninitialised memory when given a number. If a value meant as a string arrives as a number (from JSON, a query), the buffer exposes old process memory.',
    remediation: 'Use Buffer.from(value) for data and Buffer.alloc(size) for zero-filled space.',
    remediationSnippet: 'const buf = Buffer.from(body.data, "base64");',
    cwe: ['CWE-908'],
    tags: ['node'],
    examples: {
      fail: ['const buf = new Buffer(body.data);\n', 'function copy(size) {\n  return new Buffer(size);\n}\n'],
      pass: ['const buf = Buffer.from(body.data, "base64");\n', 'const header = new Buffer("RIFF");\n'],
    },
  }),
  eslintRule('security/detect-disable-mustache-escape', {
    id: 'CODE-JS-MUSTACHE-ESCAPE-DISABLED',
    title: 'Template escaping disabled (escapeMarkup = false)',
    severity: 'high',
    confidence: 'high',
    description: 'Setting escapeMarkup to false makes the template engine insert values as raw markup; every value rendered from user data becomes cross-site scripting.',
    remediation: 'Keep escaping on, and mark only specific constant fragments as safe.',
    cwe: ['CWE-79'],
    tags: ['xss', 'templates'],
    examples: {
      fail: ['const Mustache = require("mustache");\nMustache.escapeMarkup = false;\n', 'template.escapeMarkup = false;\n'],
      pass: ['template.escapeMarkup = true;\n', 'const escaped = template.escapeMarkup;\n'],
    },
  }),
  eslintRule('security/detect-no-csrf-before-method-override', {
    id: 'CODE-JS-CSRF-BEFORE-METHOD-OVERRIDE',
    title: 'Express csrf() registered before methodOverride()',
    severity: 'medium',
    confidence: 'high',
    description: 'The CSRF middleware skips GET and HEAD requests. When methodOverride runs after it, a GET request that the CSRF check let through is turned into POST, PUT or DELETE afterwards, which bypasses the protection.',
    remediation: 'Register methodOverride() before csrf().',
    remediationSnippet: 'app.use(express.methodOverride());\napp.use(express.csrf());',
    cwe: ['CWE-352'],
    tags: ['express', 'csrf'],
    examples: {
      fail: ['const app = express();\napp.use(express.csrf());\napp.use(express.methodOverride());\n'],
      pass: ['const app = express();\napp.use(express.methodOverride());\napp.use(express.csrf());\n'],
    },
  }),
  eslintRule('security/detect-bidi-characters', {
    id: 'CODE-JS-BIDI-CHARACTERS',
    title: 'Bidirectional control character in source (Trojan Source)',
    severity: 'high',
    confidence: 'high',
    description: 'Unicode bidirectional override and isolate characters reorder how code is displayed, so a reviewer sees different logic from what runs (CVE-2021-42574, "Trojan Source"): a comment that seems to close, a condition that seems to be there.',
    remediation: 'Remove the control characters; where right-to-left text is needed in a string, write it with \\u escapes.',
    cwe: ['CWE-451'],
    tags: ['supply-chain'],
    examples: {
      fail: [
        'const accessLevel = "user";\nif (accessLevel != "user\u202E \u2066// Check if admin\u2069 \u2066") {\n  grantAdmin();\n}\n',
        '/* begin admins only \u202E } \u2066if (isAdmin) {\u2069 \u2066 */\nrun();\n',
      ],
      pass: ['const accessLevel = "user";\nif (accessLevel !== "user") {\n  grantAdmin();\n}\n', 'const rtl = "\\u202Ehello";\n', 'const entities = { lrm: "\u200E", rlm: "\u200F" };\n'],
    },
  }),
  eslintRule('security/detect-invisible-characters', {
    id: 'CODE-JS-INVISIBLE-CHARACTERS',
    title: 'Invisible Hangul filler character in source',
    severity: 'high',
    confidence: 'high',
    description: 'The Hangul filler characters (U+3164, U+FFA0) are valid identifier characters that render as nothing, so a hidden variable or parameter can smuggle a backdoor past review ("invisible backdoor").',
    remediation: 'Remove the characters and rename any identifier that contains them.',
    cwe: ['CWE-451'],
    tags: ['supply-chain'],
    examples: {
      fail: ['app.get("/network_health", async (req, res) => {\n  const { timeout, \u3164 } = req.query;\n  const checkCommands = ["ping -c 1 google.com", "curl -s http://example.com/", \u3164];\n  res.send("ok");\n});\n'],
      pass: ['app.get("/network_health", async (req, res) => {\n  const { timeout } = req.query;\n  res.send("ok");\n});\n'],
    },
  }),
];
