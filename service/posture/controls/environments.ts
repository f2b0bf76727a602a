// Posture controls: environments. (Filled in by the controls' change.)
import type { Control } from './control';

export const environmentsControls: readonly Control[] = [];
