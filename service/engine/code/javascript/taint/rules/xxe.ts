// libxmljs parsing with external entities substituted or external DTDs loaded.
import type { Node } from 'estree';
import { calleeName, importsAny, walkNodes } from '../engine/modules';
import type { TaintRuleDef } from '../rule';
import { isLiteralFlag, objectLiteralOf, propertyOf } from './util';

const PARSERS = /^libxmljs2?\.(?:parseXml|parseXmlString|parseXmlAsync|parseHtml|parseHtmlString|SaxParser|SaxPushParser|Document\.fromXml)$/;
const DANGEROUS = ['noent', 'replaceEntities', 'dtdload'] as const;

export const xxe: TaintRuleDef = {
  name: 'xxe',
  rule: {
    id: 'CODE-JS-XXE',
    language: 'javascript',
    title: 'XML is parsed with external entities enabled',
    severity: 'high',
    confidence: 'high',
    description:
      'libxmljs (or libxmljs2) parses XML with noent: true or replaceEntities: true (entities substituted) or dtdload: true (external DTDs fetched). A document that declares <!ENTITY x SYSTEM "file:///etc/passwd"> then reads local files into the result, or makes the server fetch URLs (XXE, SSRF).',
    remediation: 'Leave noent and dtdload off (libxmljs defaults), or parse with a parser that never resolves external entities.',
    remediationSnippet: "const doc = libxmljs.parseXml(req.body, { noblanks: true });",
    cwe: ['CWE-611'],
    tags: ['xxe'],
    examples: {
      fail: [
        "const libxmljs = require('libxmljs');\nconst app = require('express')();\napp.post('/import', (req, res) => {\n  const doc = libxmljs.parseXml(req.body, { noent: true, noblanks: true });\n  res.json({ items: doc.find('//item').length });\n});\n",
        {
          path: 'src/feeds/parse.ts',
          code: "import { parseXmlString } from 'libxmljs2';\n\nconst OPTIONS = { dtdload: true, dtdvalid: true };\n\nexport function parseFeed(xml: string) {\n  return parseXmlString(xml, OPTIONS);\n}\n",
        },
        "const libxml = require('libxmljs2');\nmodule.exports = (stream) => {\n  const parser = new libxml.SaxPushParser({ noent: true });\n  stream.on('data', (chunk) => parser.push(chunk));\n  return parser;\n};\n",
      ],
      pass: [
        "const libxmljs = require('libxmljs');\nconst app = require('express')();\napp.post('/import', (req, res) => {\n  const doc = libxmljs.parseXml(req.body, { noblanks: true });\n  res.json({ items: doc.find('//item').length });\n});\n",
        {
          path: 'src/feeds/parse.ts',
          code: "import { parseXmlString } from 'libxmljs2';\n\nexport function parseFeed(xml: string) {\n  return parseXmlString(xml, { noent: false, dtdload: false });\n}\n",
        },
        "const { XMLParser } = require('fast-xml-parser');\nmodule.exports = (xml) => new XMLParser({ processEntities: true }).parse(xml);\n",
      ],
    },
  },
  check(file, hits) {
    if (!importsAny(file, ['libxmljs', 'libxmljs2'])) return;
    walkNodes(file, (node) => {
      if (node.type !== 'CallExpression' && node.type !== 'NewExpression') return;
      const name = calleeName(file, node.callee);
      if (!PARSERS.test(name)) return;
      for (const arg of node.arguments) {
        const options = objectLiteralOf(file, arg as Node);
        const on = DANGEROUS.filter((flag) => isLiteralFlag(propertyOf(options, flag), true));
        if (!on.length) continue;
        hits.add({ rule: 'xxe', node, message: `${name.replace(/^libxmljs2?\./, '')} (line ${node.loc!.start.line}) parses with ${on.map((f) => `${f}: true`).join(' and ')}: external entities reach the document`, flow: [] });
        return;
      }
    });
  },
};
