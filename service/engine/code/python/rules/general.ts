import type { PyRule } from '../context';

export const generalRules: readonly PyRule[] = [];
