// Posture controls: organization. (Filled in by the controls' change.)
import type { Control } from './control';

export const organizationControls: readonly Control[] = [];
