// Posture controls: releases. (Filled in by the controls' change.)
import type { Control } from './control';

export const releasesControls: readonly Control[] = [];
