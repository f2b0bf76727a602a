import type { PyRule } from '../context';

export const templatingRules: readonly PyRule[] = [];
