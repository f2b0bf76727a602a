// Posture controls: secure-files. (Filled in by the controls' change.)
import type { Control } from './control';

export const secureFilesControls: readonly Control[] = [];
