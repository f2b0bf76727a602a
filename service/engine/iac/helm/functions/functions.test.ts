import { errorOf, render } from '../testing';

const data = { f: 80, s: 'str', l: ['a', 'b'], m: { b: 2, a: 1 }, n: null };

describe('sprig functions', () => {
  it.each([
    ['default of an empty string', '{{ default "d" "" }} {{ "" | default "d" }} {{ "x" | default "d" }}', 'd d x'],
    ['default of zero, false and missing', '{{ 0 | default 5 }} {{ false | default true }} {{ .nope | default "x" }}', '5 true x'],
    ['empty', '{{ empty "" }} {{ empty (list) }} {{ empty 0 }} {{ empty "a" }} {{ empty .nope }}', 'true true true false true'],
    ['coalesce', '{{ coalesce "" .nope "c" }}', 'c'],
    ['ternary', '{{ ternary "a" "b" true }} {{ ternary "a" "b" false }}', 'a b'],
    ['quote escapes and skips nil', '{{ quote "a\\"b" 1 }}|{{ .nope | quote }}|{{ .f | quote }}', '"a\\"b" "1"||"80"'],
    ['squote', "{{ squote \"it\" }}", "'it'"],
    ['trim family', '{{ trim "  a  " }}|{{ trimAll "$" "$5.00$" }}|{{ trimSuffix "-" "abc-" }}|{{ trimPrefix "a" "abc" }}', 'a|5.00|abc|bc'],
    ['case', '{{ upper "aé" }} {{ lower "AB" }} {{ title "hello world-foo" }} {{ untitle "Hello World" }}', 'AÉ ab Hello World-Foo hello world'],
    ['trunc', '{{ trunc 5 "hello world" }}|{{ trunc -5 "hello world" }}|{{ trunc 63 "short" }}', 'hello|world|short'],
    ['replace, contains, prefixes', '{{ replace "+" "_" "1.0+b" }} {{ contains "ll" "hello" }} {{ hasPrefix "he" "hello" }} {{ hasSuffix "x" "hello" }}', '1.0_b true true false'],
    ['indent and nindent', '{{ indent 2 "a\\nb" }}|{{ nindent 2 "a" }}', '  a\n  b|\n  a'],
    ['cat and nospace', '{{ cat "a" 1 nil "b" }}|{{ nospace "a b\\tc" }}', 'a 1 b|abc'],
    ['case conversions', '{{ camelcase "foo_bar" }} {{ kebabcase "FooBar" }} {{ snakecase "FooBar" }} {{ snakecase "HTTPServer" }}', 'FooBar foo-bar foo_bar http_server'],
    ['repeat and substr', '{{ repeat 3 "ab" }} {{ substr 1 3 "hello" }}', 'ababab el'],
    ['splitList and join', '{{ splitList "," "a,b" | join "-" }} {{ join "," (list "a" 1 nil) }}', 'a-b a,1'],
    ['split and splitn', '{{ (split "$" "foo$bar")._1 }} {{ (splitn "$" 2 "foo$bar$baz")._1 }}', 'bar bar$baz'],
    ['toString and toStrings', '{{ toString 1.5 }} {{ toStrings (list 1 "a") }} {{ toString nil }}', '1.5 [1 a] <nil>'],
    ['printf', '{{ printf "%s=%d" "a" 1 }}', 'a=1'],
  ])('%s', (_name, source, expected) => {
    expect(render(source, data)).toBe(expected);
  });

  it.each([
    ['int conversions', '{{ int "42" }} {{ int 3.9 }} {{ int64 "0x10" }} {{ int "nope" }} {{ atoi "12" | add 1 }}', '42 3 16 0 13'],
    ['float64', '{{ float64 "1.5" }} {{ float64 2 }}', '1.5 2'],
    ['integer arithmetic returns int64', '{{ add 1 2 3 }} {{ sub 5 2 }} {{ mul 2 3 }} {{ div 7 2 }} {{ mod 7 2 }} {{ add1 1 }}', '6 3 6 3 1 2'],
    ['arithmetic on floats from values truncates', '{{ add .f 1 }} {{ add 1.9 1 }}', '81 2'],
    ['max and min', '{{ max 1 5 3 }} {{ min 4 2 }}', '5 2'],
    ['float arithmetic', '{{ addf 1.5 1 }} {{ mulf 2 1.25 }} {{ divf 1 4 }} {{ floor 1.5 }} {{ ceil 1.2 }} {{ round 2.555 2 }}', '2.5 2.5 0.25 1 2 2.56'],
    ['until, untilStep, seq', '{{ until 3 }} {{ untilStep 0 10 3 }} {{ seq 3 }}|{{ seq 2 5 }}|{{ seq 0 2 6 }}', '[0 1 2] [0 3 6 9] 1 2 3|2 3 4 5|0 2 4 6'],
  ])('%s', (_name, source, expected) => {
    expect(render(source, data)).toBe(expected);
  });

  it.each([
    ['list and dict', '{{ list 1 "a" }} {{ dict "a" 1 "b" }}', '[1 a] map[a:1 b:]'],
    ['set, unset, hasKey', '{{ $d := dict "a" 1 }}{{ $_ := set $d "c" 3 }}{{ $_ := unset $d "a" }}{{ hasKey $d "a" }} {{ hasKey $d "c" }}', 'false true'],
    ['keys', '{{ keys (dict "b" 1 "a" 2) | sortAlpha | join "," }}', 'a,b'],
    ['pluck', '{{ pluck "a" (dict "a" 1) (dict "a" 2) (dict "b" 3) }}', '[1 2]'],
    ['get returns "" for a missing key', '[{{ get (dict "a" 1) "b" }}] {{ get (dict "a" 1) "a" }}', '[] 1'],
    ['merge keeps the destination', '{{ toJson (merge (dict "x" 1 "e" "" "n" (dict "p" 1)) (dict "x" 2 "y" 3 "e" "f" "n" (dict "p" 2 "q" 2))) }}', '{"e":"f","n":{"p":1,"q":2},"x":1,"y":3}'],
    ['mergeOverwrite takes the source', '{{ toJson (mergeOverwrite (dict "x" 1 "n" (dict "p" 1)) (dict "x" 2 "y" 3 "n" (dict "p" 2 "q" 2))) }}', '{"n":{"p":2,"q":2},"x":2,"y":3}'],
    ['deepCopy is independent', '{{ $a := dict "n" (dict "p" 1) }}{{ $b := deepCopy $a }}{{ $_ := set $b.n "p" 2 }}{{ $a.n.p }}', '1'],
    ['dig', '{{ dig "a" "b" "none" (dict "a" (dict "b" "found")) }} {{ dig "a" "x" "none" (dict "a" (dict "b" 1)) }}', 'found none'],
    ['first, last, rest, initial', '{{ list 1 2 3 | first }} {{ list 1 2 3 | last }} {{ rest (list 1 2 3) }} {{ initial (list 1 2 3) }} {{ first (list) }}', '1 3 [2 3] [1 2] <no value>'],
    ['append, prepend, concat', '{{ append (list 1) 2 }} {{ prepend (list 1) 0 }} {{ concat (list 1) (list 2 3) }}', '[1 2] [0 1] [1 2 3]'],
    ['uniq, without, has, compact, reverse', '{{ uniq (list 1 1 2) }} {{ without (list 1 2 3) 2 }} {{ has 2 (list 1 2) }} {{ compact (list 1 "" 2) }} {{ reverse (list 1 2) }}', '[1 2] [1 3] true [1 2] [2 1]'],
  ])('%s', (_name, source, expected) => {
    expect(render(source, data)).toBe(expected);
  });

  it.each([
    ['base64', '{{ b64enc "hello" }} {{ b64dec "aGVsbG8=" }}', 'aGVsbG8= hello'],
    ['sha256sum', '{{ sha256sum "abc" }}', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['deterministic random', '{{ randAlphaNum 5 }} {{ randAlphaNum 5 }}', 'a1B2c a1B2c'],
    ['fixed clock', '{{ now | date "2006-01-02 15:04" }} {{ now | htmlDate }}', '1970-01-01 00:00 1970-01-01'],
    ['semverCompare', '{{ semverCompare ">=1.19-0" "v1.30.0" }} {{ semverCompare "<1.19" "1.30.0" }} {{ semverCompare "^1.2.0" "1.9.9" }} {{ semverCompare "~1.2.0" "1.3.0" }} {{ semverCompare ">=1.20.0" "1.30.0-gke.1" }} {{ semverCompare "1.2.x" "1.2.7" }}', 'true false true false false true'],
    ['regexMatch', '{{ regexMatch "^[a-z]+$" "abc" }} {{ regexMatch "^[a-z]+$" "ab1" }} {{ regexMatch "(?i)^ABC$" "abc" }}', 'true false true'],
    ['regexReplaceAll expands Go group references', '{{ regexReplaceAll "a(x*)b" "-ab-axxb-" "${1}W" }}', '-W-xxW-'],
    ['regexFind', '{{ regexFind "[0-9]+" "ab12cd34" }} {{ regexFindAll "[0-9]+" "ab12cd34" -1 }}', '12 [12 34]'],
    ['kinds and types', '{{ kindIs "map" (dict) }} {{ kindIs "slice" (list) }} {{ typeOf 1 }} {{ typeOf .f }} {{ kindOf "a" }}', 'true true int float64 string'],
    ['paths', '{{ base "a/b.txt" }} {{ dir "a/b.txt" }} {{ ext "a/b.txt" }} {{ clean "a//b/../c" }}', 'b.txt a .txt a/c'],
  ])('%s', (_name, source, expected) => {
    expect(render(source, data)).toBe(expected);
  });

  it('fail aborts with its message', () => {
    expect(errorOf('{{ fail "boom" }}')).toContain('error calling fail: boom');
  });

  it('refuses regular expressions that would backtrack without bound', () => {
    expect(errorOf('{{ regexReplaceAll "(a+)+$" "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab" "x" }}')).toContain('nested repetition');
    expect(errorOf('{{ regexFind "(a|aa)*c" "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" }}')).toContain('nested repetition');
    expect(render('{{ regexMatch "(x+x+)+y" "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" }}')).toBe('false');
    expect(render('{{ regexMatch "(\\\\w+\\\\s?)*$" "an example string here!" }}')).toBe('false');
    expect(render('{{ regexMatch "^(ab)+$" "abab" }} {{ regexMatch "^[a-z]+(-[a-z]+)*$" "a-b" }} {{ regexMatch "^v?[0-9]+(\\\\.[0-9]+)*$" "v1.2.3" }} {{ regexMatch "^(http|https)?://" "https://x" }}')).toBe(
      'true true true true',
    );
  });

  it('division by zero is an error', () => {
    expect(errorOf('{{ div 1 0 }}')).toContain('integer divide by zero');
  });
});

describe('Helm functions', () => {
  it.each([
    ['toYaml of a map', '{{ toYaml .m }}', 'a: 1\nb: 2'],
    ['toYaml of nested values', '{{ toYaml (dict "l" (list 1 (dict "x" "y")) "e" (dict)) }}', 'e: {}\nl:\n- 1\n- x: "y"'],
    ['fromYaml', '{{ (fromYaml "a: [1, 2]\\nb: yes").b }} {{ (fromYaml "a: [1, 2]").a }}', 'true [1 2]'],
    ['fromYaml reports errors in the map', '{{ (fromYaml "a: [1").Error | contains "error converting YAML to JSON" }}', 'true'],
    ['fromYamlArray', '{{ fromYamlArray "- a\\n- b" }}', '[a b]'],
    ['toJson escapes HTML and sorts keys', '{{ toJson (dict "b" "<x>" "a" 1.5) }}', '{"a":1.5,"b":"\\u003cx\\u003e"}'],
    ['fromJson', '{{ (fromJson "{\\"a\\": {\\"b\\": 2}}").a.b }}', '2'],
    ['toPrettyJson', '{{ toPrettyJson (dict "a" (list 1)) }}', '{\n  "a": [\n    1\n  ]\n}'],
    ['toToml', '{{ toToml (dict "a" 1 "t" (dict "b" "x")) }}', 'a = 1\n\n[t]\n  b = "x"\n'],
    ['include returns a string for pipelines', '{{ define "x" }}X{{ . }}{{ end }}{{ include "x" "Y" | lower }}', 'xy'],
    ['tpl renders a string with values', '{{ tpl "{{ .a }}-{{ .b }}{{ .nope }}" (dict "a" 1 "b" "z") }}', '1-z'],
    ['tpl sees defines', '{{ define "d" }}D{{ end }}{{ tpl "{{ include \\"d\\" . }}" . }}', 'D'],
    ['required passes a value through', '{{ required "x is required" "v" }}', 'v'],
    ['lookup finds nothing offline', '{{ lookup "v1" "Secret" "ns" "x" | len }}', '0'],
  ])('%s', (_name, source, expected) => {
    expect(render(source, data)).toBe(expected);
  });

  it.each([
    ['required without a value', '{{ required "x is required" .nope }}', 'error calling required: x is required'],
    ['required with an empty string', '{{ required "x is required" "" }}', 'x is required'],
    ['include of an unknown template', '{{ include "nope" . }}', 'error calling include: template: no template "nope" associated with template "gotpl"'],
    ['tpl with a bad template', '{{ tpl "{{ nope }}" . }}', 'cannot parse template'],
  ])('%s is an error', (_name, source, message) => {
    expect(errorOf(source, data)).toContain(message);
  });
});
