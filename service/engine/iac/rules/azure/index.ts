// The azure rules (ARM and Bicep), in an explicit list.
import type { IacRule } from '../../types';
import { aksRules } from './aks';
import { computeRules } from './compute';
import { containerRules } from './containers';
import { dataRules } from './data';
import { governanceRules } from './governance';
import { keyVaultRules } from './keyvault';
import { networkRules } from './network';
import { serviceRules } from './services';
import { sqlRules } from './sql';
import { storageRules } from './storage';
import { templateRules } from './template';
import { webRules } from './web';

export const azureRules: readonly IacRule[] = [
  ...storageRules,
  ...keyVaultRules,
  ...sqlRules,
  ...webRules,
  ...aksRules,
  ...networkRules,
  ...containerRules,
  ...dataRules,
  ...computeRules,
  ...serviceRules,
  ...governanceRules,
  ...templateRules,
];
