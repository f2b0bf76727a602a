// The upstream ESLint rules Vigil runs on JavaScript and TypeScript, one Vigil rule each.
import type { CodeRule } from '../../types';
import { evalRules } from './eval';
import { sdlRules } from './sdl';
import { securityRules } from './security';
import { unsanitizedRules } from './unsanitized';

export const eslintRules: readonly CodeRule[] = [...sdlRules, ...securityRules, ...unsanitizedRules, ...evalRules];

/**
 * Upstream rules that report the same sink as a more precise one: a hit of the key is dropped when
 * one of the listed rules reported on the same line of the same file (one finding per sink).
 * no-unsanitized judges the value (literal or escaped) where SDL reports every write; a taint
 * finding carries the flow from the request where the upstream rule only sees a non-literal.
 */
export const DUPLICATE_OF: Readonly<Record<string, readonly string[]>> = {
  '@microsoft/sdl/no-inner-html': ['no-unsanitized/property', 'no-unsanitized/method'],
  '@microsoft/sdl/no-document-write': ['no-unsanitized/method'],
  'no-eval': ['vigil-taint/code-injection'],
  'no-implied-eval': ['vigil-taint/code-injection'],
  'no-new-func': ['vigil-taint/code-injection'],
  'no-unsanitized/method': ['vigil-taint/code-injection'],
  'security/detect-non-literal-require': ['vigil-taint/code-injection'],
  'security/detect-child-process': ['vigil-taint/command-injection'],
};
