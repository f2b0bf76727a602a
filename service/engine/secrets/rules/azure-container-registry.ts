// Azure Container Registry access keys and passwords.
import { BASE62, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { identifiableRule } from './azure-keys';
import { keyedRule } from './helpers';

export const rules: SecretRule[] = [
  identifiableRule({ id: 'SEC-AZURE-CONTAINER-REGISTRY-KEY', title: 'Azure Container Registry access key', sig: '+ACR', shape: 39, key: 'AcrPassword' }),
  keyedRule({
    id: 'SEC-AZURE-CONTAINER-REGISTRY-PASSWORD', title: 'Azure Container Registry password', severity: 'critical', confidence: 'medium',
    remediation: 'Regenerate the registry admin password or token password (Container registry > Access keys / Tokens), and prefer Entra identities (az acr login, managed identity) with the admin user disabled.',
    helpUri: 'https://learn.microsoft.com/azure/container-registry/container-registry-authentication',
    keywords: ['acr', 'azurecr', 'registry_password', 'registrypassword', 'registry-password', 'docker_password'],
    keyPattern: 'acr[A-Za-z0-9_.-]{0,20}(?:password|pwd|key|secret)|registry[_-]?password|docker[_-]?password',
    value: '[A-Za-z0-9+/=]{32,52}', sample: randomToken('acrpwd', BASE62 + '+/', 52), keys: ['ACR_PASSWORD', 'registryPassword', 'DOCKER_PASSWORD'], minEntropy: 4,
  }),
];
