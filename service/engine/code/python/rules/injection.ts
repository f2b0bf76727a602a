// Bandit's B6xx tests: processes and shells, SQL built from strings, Django raw SQL, logging
// configuration over a socket, Trojan Source characters, PyTorch and Hugging Face loading.
import type { PyRule } from '../context';
import { codeLoadingRules } from './b6-code-loading';
import { shellRules } from './b6-shell';
import { sqlRules } from './b6-sql';
import { trojanSource } from './b6-trojansource';

export const injectionRules: readonly PyRule[] = [...shellRules, ...sqlRules, trojanSource, ...codeLoadingRules];
