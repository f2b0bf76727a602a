// Posture controls: agent-pools. (Filled in by the controls' change.)
import type { Control } from './control';

export const agentPoolsControls: readonly Control[] = [];
