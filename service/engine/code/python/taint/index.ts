// Taint rules for Flask, Django, FastAPI and WSGI code. Being built.
import type { PyRule } from '../context';

export const pythonTaintRules: readonly PyRule[] = [];
