// The azure rules (ARM and Bicep), in an explicit list.
import type { IacRule } from '../../types';
import { aksRules } from './aks';
import { containerRules } from './containers';
import { keyVaultRules } from './keyvault';
import { networkRules } from './network';
import { sqlRules } from './sql';
import { storageRules } from './storage';
import { webRules } from './web';

export const azureRules: readonly IacRule[] = [...storageRules, ...keyVaultRules, ...sqlRules, ...webRules, ...aksRules, ...networkRules, ...containerRules];
