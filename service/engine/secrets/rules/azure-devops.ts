// Azure DevOps personal access tokens: the 84-char identifiable format and the legacy 52-char one.
import { randomToken, BASE62, BASE32_LOWER, inSyntax, inSyntaxes, notSecrets, lazyExamples } from '../examples';
import { shannonEntropy } from '../entropy';
import type { SecretRule } from '../rule';
import { ROTATE } from './helpers';
import { isValidLegacyAdoPat } from './ado-checksum';

const HELP = 'https://learn.microsoft.com/azure/devops/organizations/accounts/use-personal-access-tokens-to-authenticate';

/** 52 random base62 chars, the Microsoft "JQQJ" common-annotated-key signature, then AZDO. */
export function sampleAdoPat(seed: string): string {
  return randomToken(seed + 'a', BASE62, 52) + 'JQQJ99' + randomToken(seed + 'b', BASE62, 1) + 'B' +
    randomToken(seed + 'c', BASE62, 16) + 'AZDO' + randomToken(seed + 'd', BASE62, 4);
}

const pat84 = sampleAdoPat('ado-pat');

export const azureDevOpsPat: SecretRule = {
  id: 'SEC-AZURE-DEVOPS-PAT',
  title: 'Azure DevOps personal access token',
  description: 'An Azure DevOps PAT in the 84-character identifiable format (signature "JQQJ…AZDO"). It acts as its owner on the organization with the token\'s scopes.',
  severity: 'critical',
  confidence: 'high',
  remediation: ROTATE.azureDevOps,
  helpUri: HELP,
  keywords: ['azdo'],
  pattern: /(?<![A-Za-z0-9])(?<secret>[0-9A-Za-z]{52}JQQJ[0-9A-Za-z]{20}AZDO[0-9A-Za-z]{4})(?![A-Za-z0-9])/g,
  window: 'token',
  priority: 1,
  examples: lazyExamples(() => ({
    mustFlag: [
      ...inSyntaxes('AZURE_DEVOPS_PAT', pat84),
      `git clone https://build:${pat84}@dev.azure.com/contoso/web/_git/web\n`,
      `echo ${pat84} | az devops login --organization https://dev.azure.com/contoso\n`,
    ],
    mustNotFlag: [
      ...notSecrets('AZURE_DEVOPS_PAT', pat84),
      inSyntax('yaml', 'pat', pat84.slice(0, 60)),
      inSyntax('yaml', 'pat', pat84.replace('AZDO', 'ACOG')),
    ],
  })),
};

const legacy = randomToken('ado-legacy', BASE32_LOWER, 52);

export const azureDevOpsLegacyPat: SecretRule = {
  id: 'SEC-AZURE-DEVOPS-PAT-LEGACY',
  title: 'Azure DevOps personal access token (legacy 52-character format)',
  description: 'A 52-character base32 value next to an Azure DevOps or token keyword: the format of Azure DevOps PATs issued before 2024. Tokens whose embedded checksum verifies are reported with high confidence.',
  severity: 'critical',
  confidence: 'medium',
  remediation: ROTATE.azureDevOps,
  helpUri: HELP,
  keywords: ['azure', 'devops', 'azdo', 'vsts', 'ado_', '_ado', 'ado-', 'personal_access', 'personalaccess', 'personal-access',
    'accesstoken', 'access_token', 'pat=', 'pat:', 'pat"', "pat'", 'pat =', 'pat ', 'pat\n', 'pat\r', 'adopat', 'azurepat', 'devopspat', 'token', 'password', 'tfs', '.visualstudio.com'],
  shape: { length: 52, test: /^[a-z2-7]{52}$/, near: 400, standalone: isValidLegacyAdoPat },
  priority: 1,
  validate: ({ secret }) => {
    if (isValidLegacyAdoPat(secret)) return true;
    let digits = 0;
    for (let i = 0; i < secret.length; i++) if (secret.charCodeAt(i) < 58) digits++;
    return digits >= 4 && shannonEntropy(secret) >= 4.0;
  },
  examples: lazyExamples(() => ({
    mustFlag: [
      ...inSyntaxes('AZURE_DEVOPS_EXT_PAT', legacy),
      `variables:\n- name: adoPat\n  value: ${legacy}\n`,
      `git remote add origin https://user:${legacy}@contoso.visualstudio.com/web/_git/web\n`,
    ],
    mustNotFlag: [
      ...notSecrets('AZURE_DEVOPS_EXT_PAT', legacy),
      inSyntax('yaml', 'token', 'thisisaverylonglowercasewordwithoutanydigitsatallokay'),
      // Same shape, no keyword anywhere near.
      `checksum_lookup_table_row_entry = "${legacy}"\n`,
      inSyntax('yaml', 'azure_devops_pat', legacy.slice(0, 40)),
    ],
  })),
};

export const rules: SecretRule[] = [azureDevOpsPat, azureDevOpsLegacyPat];
