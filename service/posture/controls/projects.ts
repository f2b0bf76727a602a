// Posture controls: projects. (Filled in by the controls' change.)
import type { Control } from './control';

export const projectsControls: readonly Control[] = [];
