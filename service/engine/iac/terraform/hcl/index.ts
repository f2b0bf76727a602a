// The HCL2 native-syntax toolkit: parse a .tf file with line numbers, evaluate expressions statically.
export type * from './ast';
export { MAX_NESTING, parseHcl } from './parser';
export { type EvalContext, type HclObject, type HclValue, type Reference, evaluateExpression } from './eval';
export { references } from './refs';
export { Unknown, isUnknown } from './unknown';
