// Test helpers: run one template source with Helm's function map.
import { helmFuncMap } from './chart';
import { TemplateSet, execute, type ExecuteResult, type Limits } from './gotemplate/exec';

export function runTemplate(source: string, data: unknown = {}, limits?: Partial<Limits>): ExecuteResult {
  const set = new TemplateSet(helmFuncMap());
  set.parse('t', source);
  return execute(set, 't', data, { limits });
}

export function render(source: string, data: unknown = {}, limits?: Partial<Limits>): string {
  return runTemplate(source, data, limits).output;
}

/** The error a template execution or parse throws, as text ('' when it renders). */
export function errorOf(source: string, data: unknown = {}, limits?: Partial<Limits>): string {
  try {
    render(source, data, limits);
    return '';
  } catch (e) {
    return (e as Error).message;
  }
}
