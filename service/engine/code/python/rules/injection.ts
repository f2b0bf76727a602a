import type { PyRule } from '../context';

export const injectionRules: readonly PyRule[] = [];
