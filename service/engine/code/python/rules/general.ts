// Bandit's B1xx and B2xx tests.
import type { PyRule } from '../context';
import { assertUsed, badFilePermissions, bindAllInterfaces, hardcodedTmpDirectory, tryExceptContinue, tryExceptPass } from './b1-general';
import { hardcodedPasswordDefault, hardcodedPasswordFuncarg, hardcodedPasswordString } from './b1-passwords';
import { requestWithoutTimeout } from './b1-requests';
import { flaskDebugTrue, tarfileUnsafeMembers } from './b2-flask-tarfile';

export const generalRules: readonly PyRule[] = [
  assertUsed,
  badFilePermissions,
  bindAllInterfaces,
  hardcodedPasswordString,
  hardcodedPasswordFuncarg,
  hardcodedPasswordDefault,
  hardcodedTmpDirectory,
  tryExceptPass,
  tryExceptContinue,
  requestWithoutTimeout,
  flaskDebugTrue,
  tarfileUnsafeMembers,
];
