// eslint-plugin-no-unsanitized (Mozilla): HTML sinks given values that are neither literals nor
// escaped. It overlaps SDL's no-inner-html and no-document-write on the same sinks; when both
// report the same place, the runner keeps this plugin's finding only (see DUPLICATE_OF).
import type { CodeRule } from '../../types';
import { eslintRule } from './rule';

export const unsanitizedRules: readonly CodeRule[] = [
  eslintRule('no-unsanitized/property', {
    id: 'CODE-JS-UNSANITIZED-PROPERTY',
    title: 'Unsanitised value assigned to innerHTML or outerHTML',
    severity: 'medium',
    confidence: 'high',
    description: 'A value that is neither a literal nor escaped is assigned (or appended with +=) to innerHTML or outerHTML, so the browser parses it as markup; user data in it becomes cross-site scripting.',
    remediation: 'Use textContent for text; sanitise markup with DOMPurify (or the Sanitizer API) before assigning it; escape interpolated values with an escaping tagged template.',
    remediationSnippet: 'card.innerHTML = DOMPurify.sanitize(markup);',
    cwe: ['CWE-79'],
    tags: ['xss', 'dom'],
    examples: {
      fail: ['card.innerHTML = "<h2>" + product.name + "</h2>";\n', 'log.innerHTML += `<li>${event.detail}</li>`;\n', { path: 'src/components/Card.tsx', code: 'export function mount(el: HTMLElement, html: string) {\n  el.outerHTML = html;\n}\n' }],
      pass: ['card.innerHTML = "<h2>Products</h2>";\n', 'card.textContent = product.name;\n', 'card.innerHTML = `<hr>`;\n'],
    },
  }),
  eslintRule('no-unsanitized/method', {
    id: 'CODE-JS-UNSANITIZED-METHOD',
    title: 'Unsanitised value passed to an HTML-parsing method',
    severity: 'medium',
    confidence: 'high',
    description: 'insertAdjacentHTML, createContextualFragment, setHTMLUnsafe and document.write/writeln are given a value that is neither a literal nor escaped: markup from outside data runs in the page. (A computed import() is not reported here: it is the risk of a computed require().)',
    remediation: 'Build elements with createElement and textContent, and sanitise markup with DOMPurify before passing it.',
    remediationSnippet: 'list.insertAdjacentHTML("beforeend", DOMPurify.sanitize(row));',
    cwe: ['CWE-79'],
    tags: ['xss', 'dom'],
    examples: {
      fail: [
        'list.insertAdjacentHTML("beforeend", "<li>" + item.title + "</li>");\n',
        'const fragment = document.createRange().createContextualFragment(response.html);\n',
        'document.write(adMarkup);\n',
        { path: 'src/render.ts', code: 'export function render(el: HTMLElement, html: string) {\n  el.insertAdjacentHTML("afterbegin", html);\n}\n' },
      ],
      pass: [
        'list.insertAdjacentHTML("beforeend", "<li>Loading…</li>");\n',
        'const mod = await import("./chart.js");\n',
        'res.write(body);\n',
        { path: 'lib/config-loader.js', code: 'export async function loadConfig(file) {\n  return (await import(pathToFileURL(file).href)).default;\n}\n' },
      ],
    },
  }),
];
