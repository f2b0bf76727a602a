// Bandit's blacklists: calls B301–B324 and imports B401–B415.
import type { PyRule } from '../context';
import { callBlacklistRules } from './blacklist-calls';
import { hashlibWeakHash } from './blacklist-hashlib';
import { importBlacklistRules } from './blacklist-imports';

export const blacklistRules: readonly PyRule[] = [...callBlacklistRules, hashlibWeakHash, ...importBlacklistRules];
