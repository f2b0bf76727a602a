// Posture controls: users. (Filled in by the controls' change.)
import type { Control } from './control';

export const usersControls: readonly Control[] = [];
