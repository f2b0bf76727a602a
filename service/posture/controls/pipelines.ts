// Posture controls: pipelines. (Filled in by the controls' change.)
import type { Control } from './control';

export const pipelinesControls: readonly Control[] = [];
