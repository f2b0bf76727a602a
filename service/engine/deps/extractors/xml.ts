// XML for the extractors that read it (pom.xml, packages.config, MSBuild projects and props): parsed
// without any DTD handling (a DOCTYPE is refused outright, so an entity bomb or an external entity
// never expands), values kept as strings, and each element's start offset kept so an entry gets its line.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** An element as fast-xml-parser gives it: children by name, attributes as `@name`, text as `#text`. */
export type XmlElement = Record<string, unknown>;

export interface XmlDocument {
  /** The document's top level (the root element is one of its keys). */
  top: XmlElement;
  /** 1-based line of an element's start tag, when the parser kept its offset. */
  lineOf(element: unknown): number | undefined;
}

const META = XMLParser.getMetaDataSymbol() as unknown as symbol;
const TEXT = '#text';
const ATTR = '@';

const lowerCase = (name: string): string => name.toLowerCase();

function parser(lowerCaseNames: boolean): XMLParser {
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: ATTR,
    textNodeName: TEXT,
    // Entities stay as written (decoded below, the five predefined ones and character references only).
    processEntities: false,
    htmlEntities: false,
    parseTagValue: false,
    parseAttributeValue: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    captureMetaData: true,
    ...(lowerCaseNames ? { transformTagName: lowerCase, transformAttributeName: lowerCase } : {}),
  });
}
const exact = parser(false);
const folded = parser(true);

/**
 * Parses an XML file. Throws (the file becomes a parse-error warning) on a DOCTYPE, whatever it
 * holds, and on malformed XML, naming the line. `lowerCaseNames`: element and attribute names are
 * lower-cased (MSBuild reads them case-insensitively).
 */
export function parseXml(text: string, lowerCaseNames = false): XmlDocument {
  const doctype = /<!DOCTYPE/i.exec(text);
  if (doctype) throw new Error(`line ${lineAtOffset(lineStarts(text), doctype.index)}: a DOCTYPE declaration is refused (entities and DTDs are never read)`);
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new Error(`line ${valid.err.line}: ${valid.err.msg}`);
  const top = (lowerCaseNames ? folded : exact).parse(text) as XmlElement;
  let starts: number[] | undefined;
  return {
    top,
    lineOf(element) {
      if (element === null || typeof element !== 'object') return undefined;
      const meta = (element as Record<symbol, { startIndex?: number } | undefined>)[META];
      if (meta?.startIndex === undefined) return undefined;
      starts ??= lineStarts(text);
      return lineAtOffset(starts, meta.startIndex);
    },
  };
}

/** Offsets at which each line starts (one pass over the text). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** 1-based line holding `offset`. */
export function lineAtOffset(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

const isElement = (v: unknown): v is XmlElement => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The child elements called `name` (a lone one, a repeated one, or an empty `<name/>`), in order. */
export function childElements(parent: unknown, name: string): XmlElement[] {
  if (!isElement(parent)) return [];
  const value = parent[name];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.map((v) => (isElement(v) ? v : { [TEXT]: v }));
}

/** The first child element called `name`. */
export function childElement(parent: unknown, name: string): XmlElement | undefined {
  return childElements(parent, name)[0];
}

/** The text of child `name` (decoded, trimmed); '' for an empty element; undefined when absent. */
export function childText(parent: unknown, name: string): string | undefined {
  if (!isElement(parent) || parent[name] === undefined) return undefined;
  const value = Array.isArray(parent[name]) ? (parent[name] as unknown[])[0] : parent[name];
  return textOf(value);
}

/** An element's own text (decoded, trimmed). */
export function textOf(value: unknown): string {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return decodeXml(String(value)).trim();
  if (isElement(value) && value[TEXT] !== undefined) return decodeXml(String(value[TEXT])).trim();
  return '';
}

/** An attribute's value (decoded), or undefined. */
export function attribute(element: unknown, name: string): string | undefined {
  if (!isElement(element)) return undefined;
  const value = element[ATTR + name];
  return value === undefined ? undefined : decodeXml(String(value));
}

/** Child element names that are not attributes or text, in document order (a PropertyGroup's properties). */
export function childNames(element: unknown): string[] {
  if (!isElement(element)) return [];
  return Object.keys(element).filter((k) => !k.startsWith(ATTR) && k !== TEXT);
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** The five predefined entities and character references; anything else stays as written. */
export function decodeXml(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|lt|gt|amp|quot|apos);/g, (whole, ref: string) => {
    if (ref[0] !== '#') return PREDEFINED[ref];
    const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}
