// Posture controls: variable-groups. (Filled in by the controls' change.)
import type { Control } from './control';

export const variableGroupsControls: readonly Control[] = [];
