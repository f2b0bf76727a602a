import type { PyRule } from '../context';

export const cryptoTlsRules: readonly PyRule[] = [];
