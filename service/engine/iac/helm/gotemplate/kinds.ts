export type ParamKind = 'any' | 'string' | 'int' | 'float' | 'bool' | 'list' | 'map';

export const KIND_TYPE_NAMES: Record<ParamKind, string> = {
  any: 'interface {}',
  string: 'string',
  int: 'int',
  float: 'float64',
  bool: 'bool',
  list: '[]interface {}',
  map: 'map[string]interface {}',
};
