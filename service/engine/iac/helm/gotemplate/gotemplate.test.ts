import { errorOf, render, runTemplate } from '../testing';
import { builtinFunctions } from './builtins';
import { ExecError, LimitError, TemplateSet, execute } from './exec';
import { ParseError } from './parser';

const data = {
  s: 'str',
  f: 80,
  big: 1000000,
  small: 0.00001,
  t: true,
  l: ['a', 'b'],
  nums: ['a', 'b', 'c', 'd'],
  empty: [],
  m: { b: 2, a: 1 },
  nested: { a: { b: 'deep' } },
  nil: null,
};

describe('text/template: text, trim markers and comments', () => {
  it.each([
    ['plain text', 'hello\nworld', 'hello\nworld'],
    ['both trim markers eat all surrounding whitespace', 'a  {{- " b " -}}  c', 'a b c'],
    ['left trim eats newlines and indentation', 'a:\n  {{- " x" }}\nb', 'a: x\nb'],
    ['right trim eats newlines', '{{ "x" -}}\n\n  y', 'xy'],
    ['a minus without a space is a negative number', '{{-3}} {{ -3 }}', '-3 -3'],
    ['comments print nothing', 'a{{/* note */}}b', 'ab'],
    ['comments with trim markers', 'a\n  {{- /* note */ -}}\n  b', 'ab'],
    ['multi-line comments', '{{/*\nline1\nline2\n*/}}x', 'x'],
    ['newlines inside an action', '{{ printf "%s-%s"\n  "a"\n  "b" }}', 'a-b'],
  ])('%s', (_name, source, expected) => {
    expect(render(source, data)).toBe(expected);
  });
});

describe('text/template: values and fields', () => {
  it.each([
    ['a missing map key prints <no value> in plain Go', '{{ .missing }}', '<no value>'],
    ['field chains on maps', '{{ .nested.a.b }}', 'deep'],
    ['a float64 from values prints with %v', '{{ .f }} {{ .big }} {{ .small }} {{ 1.5 }}', '80 1e+06 1e-05 1.5'],
    ['integer literals', '{{ 0x1F }} {{ 1_000 }} {{ 017 }} {{ 0b101 }} {{ \'a\' }}', '31 1000 15 5 97'],
    ['float literals', '{{ 1.0 }} {{ 1e3 }} {{ .5 }}', '1 1000 0.5'],
    ['string escapes', '{{ "a\\tb\\u00e9\\x41" }}', 'a\tbéA'],
    ['raw strings keep backslashes', '{{ `a\\n` }}', 'a\\n'],
    ['lists print Go style', '{{ .l }}', '[a b]'],
    ['maps print with sorted keys', '{{ .m }}', 'map[a:1 b:2]'],
    ['booleans', '{{ true }} {{ false }}', 'true false'],
    ['dot', '{{ . }}', 'x'],
  ])('%s', (_name, source, expected) => {
    expect(render(source, _name === 'dot' ? 'x' : data)).toBe(expected);
  });

  it('a field of a missing key is a nil pointer error with Go location and context', () => {
    expect(errorOf('\n  {{ .nope.b.c }}', data)).toBe('template: t:2:5: executing "t" at <.nope.b.c>: nil pointer evaluating interface {}.b');
  });

  it('a field of a value that came out of a pipeline yields nothing', () => {
    expect(render('{{ $x := .nope }}[{{ $x.a }}]', data)).toBe('[<no value>]');
    expect(render('[{{ (.nope).a }}]', data)).toBe('[<no value>]');
  });

  it('fields of non-maps are errors', () => {
    expect(errorOf('{{ .s.x }}', data)).toContain("can't evaluate field x in type string");
    expect(errorOf('{{ .m 1 }}', data)).toContain('m is not a method but has arguments');
    expect(errorOf('{{ "x" 1 }}', data)).toContain("can't give argument to non-function");
    expect(errorOf('{{ nil }}', data)).toContain('nil is not a command');
  });
});

describe('text/template: control structures', () => {
  it.each([
    ['if / else if / else', '{{ if .nope }}1{{ else if .t }}2{{ else }}3{{ end }}', '2'],
    ['if else', '{{ if .empty }}1{{ else }}2{{ end }}', '2'],
    ['range over a list', '{{ range .l }}[{{ . }}]{{ end }}', '[a][b]'],
    ['range else on an empty list', '{{ range .empty }}x{{ else }}empty{{ end }}', 'empty'],
    ['range else on nil', '{{ range .nope }}x{{ else }}none{{ end }}', 'none'],
    ['range over a map visits keys in order', '{{ range $k, $v := .m }}{{ $k }}={{ $v }};{{ end }}', 'a=1;b=2;'],
    ['range with one variable gets the element', '{{ range $v := .l }}{{ $v }}{{ end }}', 'ab'],
    ['range with index and element', '{{ range $i, $e := .l }}{{ $i }}:{{ $e }} {{ end }}', '0:a 1:b '],
    ['range over an integer', '{{ range 3 }}{{ . }}{{ end }}', '012'],
    ['break and continue', '{{ range $i, $v := .nums }}{{ if eq $i 2 }}{{ break }}{{ end }}{{ if eq $i 0 }}{{ continue }}{{ end }}{{ $v }}{{ end }}', 'b'],
    ['$ is the root inside range', '{{ range .l }}{{ $.s }}{{ end }}', 'strstr'],
    ['with sets dot', '{{ with .nested.a }}{{ .b }}{{ end }}', 'deep'],
    ['with else', '{{ with .nope }}x{{ else }}none{{ end }}', 'none'],
    ['else with', '{{ with .nope }}A{{ else with .s }}B{{ . }}{{ end }}', 'Bstr'],
    ['assignment reaches the outer variable; declarations stay inside', '{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ $y := 3 }}{{ end }}{{ $x }}', '2'],
    ['define and template', '{{ define "x" }}[{{ . }}]{{ end }}{{ template "x" "a" }}{{ template "x" }}', '[a][<no value>]'],
    ['templates see no caller variables, $ is their dot', '{{ define "v" }}{{ $ }}{{ end }}{{ $x := 1 }}{{ template "v" "root" }}', 'root'],
    ['block defines and runs', '{{ block "b" . }}default {{ . }}{{ end }}', 'default x'],
  ])('%s', (_name, source, expected) => {
    expect(render(source, _name.startsWith('block') ? 'x' : data)).toBe(expected);
  });

  it('Go\'s own slice works on strings and lists', () => {
    const set = new TemplateSet(builtinFunctions());
    set.parse('t', '{{ slice "abcd" 1 3 }} {{ slice .nums 1 3 }} {{ slice .nums 2 }}');
    expect(execute(set, 't', data).output).toBe('bc [b c] [c d]');
  });

  it('nil is not a value to test', () => {
    expect(errorOf('{{ if nil }}x{{ end }}', data)).toContain('nil is not a command');
  });

  it('truthiness follows Go: zero values and empty collections are false', () => {
    const falsy = ['""', '0', '0.0', 'false', '(list)', '(dict)', '.nope'];
    const truthy = ['"0"', '1', '0.5', 'true', '(list 0)', '(dict "a" 0)', '" "'];
    for (const v of falsy) expect(render(`{{ if ${v} }}t{{ else }}f{{ end }}`, data)).toBe('f');
    for (const v of truthy) expect(render(`{{ if ${v} }}t{{ else }}f{{ end }}`, data)).toBe('t');
  });
});

describe('text/template: builtin functions', () => {
  it.each([
    ['and returns the first falsy operand', '{{ and 1 0 "x" }}|{{ and 1 "a" }}', '0|a'],
    ['or returns the first truthy operand', '{{ or 0 "" "z" }}|{{ or 0 "" }}', 'z|'],
    ['and short-circuits', '{{ and 0 (fail "boom") }}', '0'],
    ['or short-circuits', '{{ or 1 (fail "boom") }}', '1'],
    ['not', '{{ not 0 }} {{ not "a" }}', 'true false'],
    ['eq with several operands', '{{ eq "a" "b" "a" }} {{ eq 1 2 }}', 'true false'],
    ['eq of a float from values with a float literal', '{{ eq .f 80.0 }}', 'true'],
    ['eq with nil is false, not an error', '{{ eq .nope "x" }}', 'false'],
    ['ordering', '{{ lt 1 2 }} {{ lt "a" "b" }} {{ le 2 2 }} {{ gt 3 2 }} {{ ge 2 3 }} {{ ne 1 2 }}', 'true true true true false true'],
    ['len counts bytes of strings', '{{ len "héllo" }} {{ len .l }} {{ len .m }}', '6 2 2'],
    ['index into maps, lists and strings', '{{ index .nested "a" "b" }} {{ index .l 1 }} {{ index "abc" 1 }} {{ index .m "zz" }}', 'deep b 98 <no value>'],
    ['slice (sprig\'s, which replaces Go\'s in Helm)', '{{ slice .nums 1 3 }} {{ slice .nums 2 }}', '[b c] [c d]'],
    ['print adds spaces between non-strings only', '{{ print 1 2 "a" "b" 3 }}', '1 2ab3'],
    ['println', '{{ println 1 "a" }}', '1 a\n'],
    ['printf verbs', '{{ printf "%s|%d|%v|%q|%t|%f|%x|%5s|%-5s|%05d|%.2f|%X|%%" "s" 42 .l "q" true 3.5 255 "r" "l" 42 3.14159 "hi" }}', 's|42|[a b]|"q"|true|3.500000|ff|    r|l    |00042|3.14|6869|%'],
    ['printf with wrong types, missing and extra operands', '{{ printf "%d" "x" }} {{ printf "%s" }} {{ printf "a" 1 }} {{ printf "%d" .f }} {{ printf "%s" nil }}', '%!d(string=x) %!s(MISSING) a%!(EXTRA int=1) %!d(float64=80) %!s(<nil>)'],
    ['printf %v of maps and %T', '{{ printf "%v %T %T" .m .f .l }}', 'map[a:1 b:2] float64 []interface {}'],
    ['printf %g and %e', '{{ printf "%g %e %.3g" 1234567.0 1500.0 3.14159 }}', '1.234567e+06 1.500000e+03 3.14'],
    ['printf %q escapes like strconv.Quote', '{{ printf "%q" "a\\"b\\n\\x01é" }}', '"a\\"b\\n\\x01é"'],
    ['html', `{{ html "<a href='x'>&\\"" }}`, '&lt;a href=&#39;x&#39;&gt;&amp;&#34;'],
    ['js', `{{ js "it's <b>=" }}`, "it\\'s \\u003Cb\\u003E\\u003D"],
    ['urlquery', '{{ urlquery "a b&c=d/é" }}', 'a+b%26c%3Dd%2F%C3%A9'],
    ['pipelines pass the value as the last argument', '{{ "abc" | printf "%s-%s" "x" }}', 'x-abc'],
    ['parenthesised pipelines', '{{ (len .l) | printf "%d" }}', '2'],
    ['fields of a parenthesised result', '{{ (dict "a" (dict "b" 1)).a.b }}', '1'],
  ])('%s', (_name, source, expected) => {
    expect(render(source, data)).toBe(expected);
  });

  it.each([
    ['eq of an int literal and a float from values', '{{ eq .f 80 }}', 'error calling eq: incompatible types for comparison'],
    ['lt of a number and a string', '{{ lt 1 "a" }}', 'error calling lt: incompatible types for comparison'],
    ['lt of booleans', '{{ lt true false }}', 'invalid type for comparison'],
    ['len of an int', '{{ len 3 }}', 'error calling len: len of type int'],
    ['index out of range', '{{ index .l 5 }}', 'error calling index: index out of range: 5'],
    ['index with a float', '{{ index .l .f }}', 'cannot index slice/array with type float64'],
    ['a string parameter given a number literal', '{{ upper 1 }}', 'expected string; found 1'],
    ['a string parameter given a float from values', '{{ .f | upper }}', 'wrong type for value; expected string; got float64'],
    ['a string parameter given nil from a pipeline', '{{ .nope | upper }}', 'invalid value; expected string'],
    ['a string parameter given a missing field', '{{ upper .nope }}', 'wrong type for value; expected string; got interface {}'],
    ['too few arguments', '{{ replace "a" "b" }}', 'wrong number of args for replace: want 3 got 2'],
    ['template not defined', '{{ template "nope" }}', 'template "nope" not defined'],
    ['range over a string', '{{ range "abc" }}{{ end }}', "range can't iterate over abc"],
  ])('%s is an error', (_name, source, message) => {
    expect(errorOf(source, data)).toContain(message);
  });
});

describe('text/template: parse errors', () => {
  it.each([
    ['unknown function names the function', '{{ nope 1 }}', 'template: t:1: function "nope" not defined'],
    ['unclosed action', 'a {{ .x', 'unclosed action'],
    ['unexpected end', '{{ end }}', 'unexpected {{end}}'],
    ['missing if condition', '{{ if }}x{{ end }}', 'missing value for if'],
    ['break outside range', '{{ break }}', '{{break}} outside {{range}}'],
    ['constant in a later pipeline stage', '{{ 1 | 2 }}', 'non executable command in pipeline stage 2'],
    ['undefined variable', '{{ if true }}{{ $y := 3 }}{{ end }}{{ $y }}', 'undefined variable "$y"'],
    ['unclosed comment', '{{/* x', 'unclosed comment'],
    ['comment that does not end at the delimiter', '{{/* x */ 1 }}', 'comment ends before closing delimiter'],
    ['missing end', '{{ if true }}x', 'unexpected EOF'],
    ['unterminated string', '{{ "abc }}', 'unterminated quoted string'],
    ['bad character', '{{ .a# }}', 'unrecognized character in action'],
    ['unclosed paren', '{{ (len .a }}', 'unclosed left paren'],
  ])('%s', (_name, source, message) => {
    let err: unknown;
    try {
      runTemplate(source, data);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ParseError);
    expect((err as Error).message).toContain(message);
  });

  it('reports the line of the parse error', () => {
    try {
      runTemplate('a\nb\n{{ nope }}');
      throw new Error('no error');
    } catch (e) {
      expect(e).toBeInstanceOf(ParseError);
      expect((e as ParseError).line).toBe(3);
      expect((e as Error).message).toBe('template: t:3: function "nope" not defined');
    }
  });
});

describe('text/template: line map', () => {
  it('maps each output line of text to its template line', () => {
    const r = runTemplate('a\nb\n{{ .s }}\nc', data);
    expect(r.output).toBe('a\nb\nstr\nc');
    expect(r.lineMap).toEqual([1, 2, 3, 4]);
  });

  it('follows trimmed control structures', () => {
    const r = runTemplate('a:\n  {{- if true }}\n  b: 1\n  {{- end }}\nc: 2', data);
    expect(r.output).toBe('a:\n  b: 1\nc: 2');
    expect(r.lineMap).toEqual([1, 3, 5]);
  });

  it('maps every line an action prints to the action', () => {
    const r = runTemplate('x:\n  {{- toYaml .m | nindent 2 }}\ny: 1', data);
    expect(r.output).toBe('x:\n  a: 1\n  b: 2\ny: 1');
    expect(r.lineMap).toEqual([1, 2, 2, 3]);
  });

  it('maps output of template calls to the calling line', () => {
    const src = '{{- define "two" }}\nline1\nline2\n{{- end }}\nhead\n{{- template "two" }}\ntail';
    const r = runTemplate(src, data);
    expect(r.output).toBe('\nhead\nline1\nline2\ntail');
    expect(r.lineMap).toEqual([4, 5, 6, 6, 7]);
  });

  it('keeps empty lines on their own template lines', () => {
    const r = runTemplate('a\n\n{{ "b" }}\n', data);
    expect(r.lineMap).toEqual([1, 2, 3, 3]);
  });
});

describe('text/template: bounds', () => {
  it('stops a self-including define at the depth limit', () => {
    let err: unknown;
    try {
      runTemplate('{{ define "a" }}x{{ include "a" . }}{{ end }}{{ include "a" . }}');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(LimitError);
    expect((err as Error).message).toContain('exceeded maximum template depth (100)');
  });

  it('stops a self-calling template at the depth limit', () => {
    expect(errorOf('{{ define "a" }}x{{ template "a" . }}{{ end }}{{ template "a" . }}')).toContain('exceeded maximum template depth (100)');
  });

  it('stops a range too long to finish within the step budget', () => {
    expect(errorOf('{{ range until 5000 }}{{ range until 5000 }}{{ end }}{{ end }}')).toContain('evaluation exceeds the limit of 1000000 steps');
    expect(errorOf('{{ range 100000000000 }}{{ end }}')).toContain('evaluation exceeds the limit');
  });

  it('refuses to build a list bigger than the limit', () => {
    expect(errorOf('{{ range until 100000000 }}x{{ end }}')).toContain('exceeds the limit of 1000000');
  });

  it('stops output beyond the size limit', () => {
    let err: unknown;
    try {
      runTemplate('{{ range until 1000 }}0123456789{{ end }}', {}, { maxOutputBytes: 5000 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(LimitError);
    expect((err as Error).message).toContain('output exceeds the limit of 5000 bytes');
  });

  it('stops a value that doubles itself', () => {
    expect(errorOf('{{ $s := "xxxxxxxxxx" }}{{ range until 100 }}{{ $s = print $s $s }}{{ end }}')).toContain('exceeds the limit');
  });

  it('records the top template line of an execution error', () => {
    try {
      runTemplate('a\n{{ if true }}\n  {{ fail "boom" }}\n{{ end }}');
      throw new Error('no error');
    } catch (e) {
      expect(e).toBeInstanceOf(ExecError);
      expect((e as ExecError).line).toBe(3);
      expect((e as Error).message).toBe('template: t:3:5: executing "t" at <fail "boom">: error calling fail: boom');
    }
  });
});
