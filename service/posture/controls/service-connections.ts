// Posture controls: service-connections. (Filled in by the controls' change.)
import type { Control } from './control';

export const serviceConnectionsControls: readonly Control[] = [];
