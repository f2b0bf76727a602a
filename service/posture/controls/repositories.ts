// Posture controls: repositories. (Filled in by the controls' change.)
import type { Control } from './control';

export const repositoriesControls: readonly Control[] = [];
