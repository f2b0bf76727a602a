// Bandit's B7xx tests: HTML templates and markup that skip escaping.
import type { PyRule } from '../context';
import { templateRules } from './b7-templates';

export const templatingRules: readonly PyRule[] = templateRules;
