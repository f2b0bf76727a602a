// Every Python rule: Bandit's tests (B1xx–B7xx) re-implemented, then the taint rules.
import type { PyRule } from '../context';
import { pythonTaintRules } from '../taint';
import { blacklistRules } from './blacklist';
import { cryptoTlsRules } from './crypto-tls';
import { execUsed } from './exec';
import { generalRules } from './general';
import { injectionRules } from './injection';
import { jwtNoVerify } from './jwt';
import { templatingRules } from './templating';

export const pythonRules: readonly PyRule[] = [execUsed, ...generalRules, ...blacklistRules, ...cryptoTlsRules, ...injectionRules, ...templatingRules, jwtNoVerify, ...pythonTaintRules];
