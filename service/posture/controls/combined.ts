// Posture controls: combined. (Filled in by the controls' change.)
import type { Control } from './control';

export const combinedControls: readonly Control[] = [];
