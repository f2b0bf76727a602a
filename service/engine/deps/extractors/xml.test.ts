import { attribute, childElement, childElements, childText, decodeXml, lineAtOffset, lineStarts, parseXml } from './xml';

describe('parseXml', () => {
  it('keeps values as strings and gives the line of each element', () => {
    const text = '<?xml version="1.0"?>\r\n<a>\r\n  <b v="1.10">x &amp; y</b>\r\n  <b v="2.0"/>\r\n  <c>1.0</c>\r\n</a>';
    const doc = parseXml(text);
    const a = childElement(doc.top, 'a');
    const bs = childElements(a, 'b');
    expect(bs.map((b) => attribute(b, 'v'))).toEqual(['1.10', '2.0']);
    expect(bs.map((b) => doc.lineOf(b))).toEqual([3, 4]);
    expect(childText(a, 'b')).toBe('x & y');
    expect(childText(a, 'c')).toBe('1.0');
    expect(childText(a, 'missing')).toBeUndefined();
  });

  it('lower-cases names on request (MSBuild)', () => {
    const doc = parseXml('<Project><ItemGroup><PackageReference Include="A" VERSION="1.0" /></ItemGroup></Project>', true);
    const ref = childElement(childElement(childElement(doc.top, 'project'), 'itemgroup'), 'packagereference');
    expect(attribute(ref, 'version')).toBe('1.0');
  });

  it.each([
    ['an internal entity bomb', '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n]>\n<a>&lol2;</a>', 2],
    ['an external entity', '<!DOCTYPE a [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><a>&xxe;</a>', 1],
    ['a bare DOCTYPE', '<?xml version="1.0"?>\n\n<!doctype a SYSTEM "http://example.com/a.dtd"><a/>', 3],
  ])('refuses %s, naming the line', (_name, text, line) => {
    expect(() => parseXml(text)).toThrow(new RegExp(`^line ${line}: a DOCTYPE declaration is refused`));
  });

  it('leaves undeclared entities as written', () => {
    expect(childText(parseXml('<a>&lol;</a>').top, 'a')).toBe('&lol;');
  });

  it.each([
    ['an unclosed element', '<a>\n<b>\n</a>', 3],
    ['an unquoted attribute', '<a>\n  <b v=1/>\n</a>', 2],
  ])('throws on %s with the line', (_name, text, line) => {
    expect(() => parseXml(text)).toThrow(new RegExp(`^line ${line}:`));
  });
});

describe('XML helpers', () => {
  it.each([
    ['a &lt; b &gt; c', 'a < b > c'],
    ['&quot;&apos;&amp;amp;', `"'&amp;`],
    ['&#65;&#x42;', 'AB'],
    ['&#0; &#x110000; &foo;', '&#0; &#x110000; &foo;'],
  ])('decodeXml(%s)', (input, want) => expect(decodeXml(input)).toBe(want));

  it('finds lines by offset', () => {
    const starts = lineStarts('ab\ncd\n\nef');
    expect([0, 2, 3, 6, 7, 9].map((o) => lineAtOffset(starts, o))).toEqual([1, 1, 2, 3, 4, 4]);
  });
});
