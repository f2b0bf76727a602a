// The azure rules (ARM and Bicep), in an explicit list.
import type { IacRule } from '../../types';
import { storageRules } from './storage';

export const azureRules: readonly IacRule[] = [...storageRules];
