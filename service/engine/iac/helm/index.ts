// Helm chart rendering without helm: Go's text/template, sprig and Helm's functions in TypeScript.
export { renderChart, helmFuncMap } from './chart';
export type { ChartInput, RenderError, RenderResult, RenderedManifest } from './chart';
export { DEFAULT_LIMITS, ExecError, LimitError, TemplateSet, execute } from './gotemplate/exec';
export type { ExecuteResult, Limits } from './gotemplate/exec';
export { ParseError } from './gotemplate/parser';
export { parseGoYaml, toGoYaml } from './functions/goyaml';
