// Helm's own template functions (pkg/engine/funcs.go) on top of sprig.
import { goFunc, type FuncMap, type GoFunction } from '../gotemplate/functions';
import { TemplateError, isMap, newMap, type GoMap } from '../gotemplate/values';
import { marshalJson, unmarshalJson } from './gojson';
import { parseGoYaml, toGoYaml } from './goyaml';
import { toToml } from './toml';

function errorMap(e: unknown): GoMap {
  const m = newMap();
  m.Error = (e as Error).message;
  return m;
}

export function helmFunctions(): FuncMap {
  const f: Record<string, GoFunction> = {
    toYaml: goFunc('a', ([v]) => {
      try {
        return toGoYaml(v);
      } catch {
        return '';
      }
    }),
    mustToYaml: goFunc('a', ([v]) => toGoYaml(v)),
    toYamlPretty: goFunc('a', ([v]) => {
      try {
        return toGoYaml(v);
      } catch {
        return '';
      }
    }),
    fromYaml: goFunc('s', ([s]) => {
      try {
        const v = parseGoYaml(s as string);
        if (v === null) return newMap();
        if (!isMap(v)) throw new TemplateError('error unmarshaling JSON: json: cannot unmarshal into Go value of type map[string]interface {}');
        return v;
      } catch (e) {
        return errorMap(e);
      }
    }),
    fromYamlArray: goFunc('s', ([s]) => {
      try {
        const v = parseGoYaml(s as string);
        if (v === null) return [];
        if (!Array.isArray(v)) throw new TemplateError('error unmarshaling JSON: json: cannot unmarshal object into Go value of type []interface {}');
        return v;
      } catch (e) {
        return [(e as Error).message];
      }
    }),
    toJson: goFunc('a', ([v]) => {
      try {
        return marshalJson(v);
      } catch {
        return '';
      }
    }),
    mustToJson: goFunc('a', ([v]) => marshalJson(v)),
    toPrettyJson: goFunc('a', ([v]) => marshalJson(v, '  ')),
    toRawJson: goFunc('a', ([v]) => marshalJson(v).replace(/\\u003c/g, '<').replace(/\\u003e/g, '>').replace(/\\u0026/g, '&')),
    fromJson: goFunc('s', ([s]) => {
      try {
        const v = unmarshalJson(s as string);
        if (!isMap(v)) throw new TemplateError('json: cannot unmarshal into Go value of type map[string]interface {}');
        return v;
      } catch (e) {
        return errorMap(e);
      }
    }),
    fromJsonArray: goFunc('s', ([s]) => {
      try {
        const v = unmarshalJson(s as string);
        if (!Array.isArray(v)) throw new TemplateError('json: cannot unmarshal object into Go value of type []interface {}');
        return v;
      } catch (e) {
        return [(e as Error).message];
      }
    }),
    toToml: goFunc('a', ([v]) => toToml(v)),
    include: goFunc('s a', ([name, data], ctx) => ctx.include(name as string, data)),
    tpl: goFunc('s a', ([src, data], ctx) => ctx.tpl(src as string, data)),
    required: goFunc('s a', ([warn, v]) => {
      if (v === null || v === '') throw new TemplateError(warn as string);
      return v;
    }),
    lookup: goFunc('s s s s', () => newMap()),
  };
  return new Map(Object.entries(f));
}
