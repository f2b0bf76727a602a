// Deserialisers that rebuild functions from their input (node-serialize, serialize-to-js, funcster),
// and js-yaml loading with a schema that has the JavaScript types.
import type { Node } from 'estree';
import { unwrap } from '../engine/guards';
import { calleeName, importsAny, walkNodes, type JsFile } from '../engine/modules';
import type { TaintRuleDef } from '../rule';
import { objectLiteralOf, propertyOf } from './util';

const FUNCTION_DESERIALIZERS = new Set(['node-serialize.unserialize', 'serialize-to-js.deserialize', 'funcster.deepDeserialize', 'funcster.deserialize']);
const YAML_LOADERS = new Set(['js-yaml.load', 'js-yaml.loadAll', 'js-yaml.default.load', 'js-yaml.default.loadAll']);
const SAFE_SCHEMA = /^(?:[\w$]+\.)?(?:JSON|CORE|FAILSAFE|DEFAULT)_SCHEMA$/;

/** The text of a schema option, following a const to its initialiser once. */
function schemaText(file: JsFile, node: Node): string {
  const n = unwrap(node);
  let text = file.source.getText(n as never);
  if (n.type === 'Identifier') {
    const def = file.variables.get(n)?.defs[0];
    const init = def?.type === 'Variable' ? (def.node as unknown as { init?: Node | null }).init : null;
    if (init) text += ' ' + file.source.getText(init as never);
  }
  return text;
}

export const insecureDeserialization: TaintRuleDef = {
  name: 'insecure-deserialization',
  rule: {
    id: 'CODE-JS-INSECURE-DESERIALIZATION',
    language: 'javascript',
    title: 'Data is deserialised with a format that can run code',
    severity: 'high',
    confidence: 'medium',
    description:
      'node-serialize unserialize, serialize-to-js deserialize and funcster rebuild functions from the text they read (node-serialize runs an `_$$ND_FUNC$$_` function expression immediately), and js-yaml with DEFAULT_FULL_SCHEMA or the js-yaml-js-types types builds !!js/function values. Whoever controls the input (a cookie, a request body, an uploaded file) runs code on the server.',
    remediation:
      "Read untrusted data with JSON.parse (and validate it), or YAML with js-yaml 4's default schema (yaml.load(text)) or yaml.safeLoad on js-yaml 3. Never deserialise functions from data.",
    remediationSnippet: "const profile = JSON.parse(Buffer.from(req.cookies.profile, 'base64').toString());",
    cwe: ['CWE-502'],
    tags: ['deserialization'],
    examples: {
      fail: [
        "const serialize = require('node-serialize');\nconst app = require('express')();\napp.get('/', (req, res) => {\n  const profile = serialize.unserialize(Buffer.from(req.cookies.profile, 'base64').toString());\n  res.send('Hello ' + profile.username);\n});\n",
        "const yaml = require('js-yaml');\nconst fs = require('fs');\nmodule.exports = function loadConfig(path) {\n  return yaml.load(fs.readFileSync(path, 'utf8'), { schema: yaml.DEFAULT_FULL_SCHEMA });\n};\n",
        {
          path: 'src/import/state.ts',
          code: "import { deserialize } from 'serialize-to-js';\n\nexport function restoreState(raw: string) {\n  return deserialize(raw);\n}\n",
        },
        "import yaml from 'js-yaml';\nimport jsTypes from 'js-yaml-js-types';\nconst schema = yaml.DEFAULT_SCHEMA.extend(jsTypes.all);\nexport const parseDocs = (text) => yaml.loadAll(text, null, { schema });\n",
      ],
      pass: [
        "const app = require('express')();\napp.get('/', (req, res) => {\n  const profile = JSON.parse(Buffer.from(req.cookies.profile, 'base64').toString());\n  res.send('Hello ' + profile.username);\n});\n",
        "const yaml = require('js-yaml');\nconst fs = require('fs');\nmodule.exports = function loadConfig(path) {\n  return yaml.load(fs.readFileSync(path, 'utf8'), { schema: yaml.JSON_SCHEMA });\n};\n",
        {
          path: 'src/config.ts',
          code: "import { load } from 'js-yaml';\nimport { readFileSync } from 'node:fs';\n\nexport const config = load(readFileSync('config.yml', 'utf8')) as Record<string, unknown>;\n",
        },
        "const serialize = require('serialize-javascript');\nmodule.exports = (state) => `<script>window.__STATE__ = ${serialize(state, { isJSON: true })}</script>`;\n",
      ],
    },
  },
  check(file, hits) {
    if (!importsAny(file, ['node-serialize', 'serialize-to-js', 'funcster', 'js-yaml'])) return;
    walkNodes(file, (node) => {
      if (node.type !== 'CallExpression') return;
      const name = calleeName(file, node.callee);
      const line = node.loc!.start.line;
      if (FUNCTION_DESERIALIZERS.has(name)) {
        const [mod, fn] = name.split('.');
        hits.add({ rule: 'insecure-deserialization', node, message: `${mod}'s ${fn} (line ${line}) rebuilds functions from its input: whoever controls the data runs code`, flow: [] });
        return;
      }
      if (!YAML_LOADERS.has(name)) return;
      for (const arg of node.arguments.slice(1)) {
        const schema = propertyOf(objectLiteralOf(file, arg as Node), 'schema');
        const text = schema ? schemaText(file, schema.value as Node) : '';
        const jsTypes = importsAny(file, ['js-yaml-js-types']) && !SAFE_SCHEMA.test(text.trim());
        if (schema && (/DEFAULT_FULL_SCHEMA/.test(text) || jsTypes)) {
          const fn = name.endsWith('loadAll') ? 'loadAll' : 'load';
          hits.add({ rule: 'insecure-deserialization', node, message: `js-yaml ${fn} (line ${line}) uses a schema with the JavaScript types (!!js/function): whoever controls the YAML runs code`, flow: [] });
          return;
        }
      }
    });
  },
};
