import type { PyRule } from '../context';

export const blacklistRules: readonly PyRule[] = [];
