// Azure App Service publish profile passwords.
import { BASE62, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule } from './helpers';

export const rules: SecretRule[] = [
  keyedRule({
    id: 'SEC-AZURE-PUBLISH-PROFILE-PASSWORD', title: 'Azure App Service publish profile password', severity: 'critical', confidence: 'high',
    remediation: 'Reset the publish profile (App Service > Overview > Reset publish profile), disable basic-auth publishing credentials (SCM/FTP), and deploy with workload identity federation instead.',
    helpUri: 'https://learn.microsoft.com/azure/app-service/configure-basic-auth-disable',
    keywords: ['userpwd'],
    keyPattern: 'userPWD',
    value: '[A-Za-z0-9]{60}', sample: randomToken('publish', BASE62, 60), keys: ['userPWD'],
    extraFlag: [`<publishData><publishProfile profileName="contoso - Web Deploy" publishMethod="MSDeploy" publishUrl="contoso.scm.azurewebsites.net:443" msdeploySite="contoso" userName="$contoso" userPWD="${randomToken('publish2', BASE62, 60)}" destinationAppUrl="https://contoso.azurewebsites.net" /></publishData>\n`],
  }),
];
