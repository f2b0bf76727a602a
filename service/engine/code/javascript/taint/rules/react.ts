// React's dangerouslySetInnerHTML fed with markup that is neither a constant nor sanitised.
import type { Node } from 'estree';
import { unwrap } from '../engine/guards';
import { calleeName, walkNodes, type JsFile } from '../engine/modules';
import { clip } from '../engine/values';
import type { TaintRuleDef } from '../rule';
import { propertyOf } from './util';

const SANITIZER = /(?:^|\.)(?:sanitize\w*|purify|xss|filterXSS|escape\w*|encode\w*|stripTags|striptags|insane)$|^(?:dompurify|isomorphic-dompurify|sanitize-html|xss|insane|striptags)(?:\.|$)/i;

/** True when the markup is a constant, or comes from a sanitiser (directly or through a const). */
function isSafeMarkup(file: JsFile, node: Node, depth = 0): boolean {
  const n = unwrap(node);
  if (depth > 4) return false;
  switch (n.type) {
    case 'Literal':
      return true;
    case 'TemplateLiteral':
      return n.expressions.every((e) => isSafeMarkup(file, e as Node, depth + 1));
    case 'BinaryExpression':
      return n.operator === '+' && isSafeMarkup(file, n.left as Node, depth + 1) && isSafeMarkup(file, n.right, depth + 1);
    case 'ConditionalExpression':
      return isSafeMarkup(file, n.consequent, depth + 1) && isSafeMarkup(file, n.alternate, depth + 1);
    case 'LogicalExpression':
      return isSafeMarkup(file, n.left, depth + 1) && isSafeMarkup(file, n.right, depth + 1);
    case 'CallExpression': {
      const name = calleeName(file, n.callee);
      // JSON for a <script type="application/ld+json"> block: data, not markup.
      return SANITIZER.test(name) || name === 'JSON.stringify';
    }
    case 'AwaitExpression':
      return isSafeMarkup(file, n.argument, depth + 1);
    case 'Identifier': {
      const v = file.variables.get(n);
      const def = v?.defs[0];
      if (def?.type !== 'Variable' || (def.parent as { kind?: string }).kind !== 'const') return false;
      const init = (def.node as unknown as { init?: Node | null }).init;
      return !!init && isSafeMarkup(file, init, depth + 1);
    }
    default:
      return false;
  }
}

export const reactDangerousHtml: TaintRuleDef = {
  name: 'react-dangerous-html',
  rule: {
    id: 'CODE-JS-REACT-DANGEROUS-HTML',
    language: 'javascript',
    title: 'dangerouslySetInnerHTML renders markup that is not sanitised',
    severity: 'medium',
    confidence: 'medium',
    description:
      "A React element's dangerouslySetInnerHTML is set to markup that is neither a constant nor the result of a sanitiser (DOMPurify.sanitize, sanitize-html, xss). React escapes everything else it renders; this markup goes into the page as is, so any user-controlled part of it (a review, a profile field, a CMS or Markdown body) runs script in the visitor's session.",
    remediation:
      'Render the content as text (React escapes it), or sanitise the markup right where it is rendered: dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(html) }}. Markdown renderers need a sanitiser too.',
    remediationSnippet: "import DOMPurify from 'dompurify';\n\n<div dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(review.bodyHtml) }} />",
    cwe: ['CWE-79'],
    tags: ['xss', 'react'],
    examples: {
      fail: [
        {
          path: 'src/components/Comment.tsx',
          code: "type Props = { comment: { author: string; html: string } };\n\nexport function Comment({ comment }: Props) {\n  return (\n    <article>\n      <h4>{comment.author}</h4>\n      <div className=\"body\" dangerouslySetInnerHTML={{ __html: comment.html }} />\n    </article>\n  );\n}\n",
        },
        {
          path: 'src/components/Post.jsx',
          code: "import { marked } from 'marked';\n\nexport default function Post({ post }) {\n  const html = marked.parse(post.markdown);\n  return <section dangerouslySetInnerHTML={{ __html: html }} />;\n}\n",
        },
        {
          path: 'src/pages/search.tsx',
          code: "import { useRouter } from 'next/router';\n\nexport default function Search() {\n  const { query } = useRouter();\n  return <p dangerouslySetInnerHTML={{ __html: `Results for <b>${query.q}</b>` }} />;\n}\n",
        },
      ],
      pass: [
        {
          path: 'src/components/Comment.tsx',
          code: "import DOMPurify from 'dompurify';\n\ntype Props = { comment: { author: string; html: string } };\n\nexport function Comment({ comment }: Props) {\n  return <div className=\"body\" dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(comment.html) }} />;\n}\n",
        },
        {
          path: 'src/components/Post.jsx',
          code: "import { marked } from 'marked';\nimport sanitizeHtml from 'sanitize-html';\n\nexport default function Post({ post }) {\n  const html = sanitizeHtml(marked.parse(post.markdown));\n  return <section dangerouslySetInnerHTML={{ __html: html }} />;\n}\n",
        },
        {
          path: 'src/components/Icon.tsx',
          code: "const CHECK = '<svg viewBox=\"0 0 16 16\"><path d=\"M2 8l4 4 8-8\"/></svg>';\n\nexport const Check = () => <span className=\"icon\" dangerouslySetInnerHTML={{ __html: CHECK }} />;\n",
        },
        {
          path: 'src/pages/product.tsx',
          code: "export default function Product({ product }: { product: { name: string; sku: string } }) {\n  const jsonLd = { '@context': 'https://schema.org', '@type': 'Product', name: product.name, sku: product.sku };\n  return <script type=\"application/ld+json\" dangerouslySetInnerHTML={{ __html: JSON.stringify(jsonLd) }} />;\n}\n",
        },
      ],
    },
  },
  check(file, hits) {
    if (!file.source.text.includes('dangerouslySetInnerHTML')) return;
    walkNodes(file, (node) => {
      const attr = node as unknown as { type: string; name?: { type: string; name?: string }; value?: { type: string; expression?: Node } | null };
      if (attr.type !== 'JSXAttribute' || attr.name?.name !== 'dangerouslySetInnerHTML' || attr.value?.type !== 'JSXExpressionContainer' || !attr.value.expression) return;
      const html = propertyOf(attr.value.expression, '__html');
      if (!html || isSafeMarkup(file, html.value as Node)) return;
      const text = clip(file.source.getText(html.value as never), 80);
      hits.add({ rule: 'react-dangerous-html', node: html, message: `dangerouslySetInnerHTML renders ${text} (line ${html.loc!.start.line}) without sanitising it`, flow: [] });
    });
  },
};
