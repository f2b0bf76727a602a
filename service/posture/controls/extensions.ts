// Posture controls: extensions. (Filled in by the controls' change.)
import type { Control } from './control';

export const extensionsControls: readonly Control[] = [];
