// Secrets in the template itself: secure parameters with a literal default, and outputs that expose
// keys or secure parameters. These read the 'template' pseudo-resource the ARM and Bicep loaders add
// per template (its parameters and outputs).
import { fail, notApplicable, pass, unknown } from '../../helpers';
import type { IacRule, Verdict } from '../../types';
import { isObject, isUnknown, joinPath } from '../../values';
import { TEMPLATE_TYPE } from '../../arm/resource';

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
const arm = (parameters: object, extra: object = {}) =>
  `${JSON.stringify({ $schema: SCHEMA, contentVersion: '1.0.0.0', parameters, resources: [], ...extra }, null, 2)}\n`;

export const templateRules: readonly IacRule[] = [
  {
    id: 'IAC-AZ-SECURE-PARAMETER-DEFAULT',
    title: 'Secure parameter has a literal default value',
    severity: 'high',
    description: 'A secureString/secureObject parameter (Bicep @secure()) with a literal default puts the secret in the template, in source control and in every copy of the repository.',
    remediation: 'Remove the default value; pass the secret at deployment time from Key Vault (a parameters-file reference or getSecret()).',
    remediationSnippet: '@secure()\nparam adminPassword string\n',
    helpUri: 'https://learn.microsoft.com/azure/azure-resource-manager/templates/best-practices#security-recommendations-for-parameters',
    cwe: ['CWE-798'],
    model: 'azure',
    resourceTypes: [TEMPLATE_TYPE],
    check: (r) => {
      const params = r.attributes.parameters;
      if (!isObject(params)) return notApplicable();
      const verdicts: Verdict[] = [];
      let secure = 0;
      for (const [name, p] of Object.entries(params)) {
        if (!isObject(p) || p.secure !== true) continue;
        secure++;
        const path = joinPath(joinPath('parameters', name), 'defaultValue');
        const d = p.defaultValue;
        // An expression (newGuid(), another parameter) is not a secret written in the file.
        if (d === undefined || isUnknown(d) || d === '' || d === null || (isObject(d) && !Object.keys(d).length)) verdicts.push(pass(path));
        else verdicts.push(fail(path, undefined, `${r.address}: secure parameter ${name} has a literal default value`));
      }
      if (!secure) return notApplicable();
      const fails = verdicts.filter((v) => v.outcome === 'fail');
      return fails.length ? fails : verdicts[0];
    },
    examples: {
      arm: {
        fail: [arm({ adminPassword: { type: 'securestring', defaultValue: 'P@ssw0rd1234!' } }), arm({ settings: { type: 'secureObject', defaultValue: { apiKey: 'k-123456' } } })],
        pass: [arm({ adminPassword: { type: 'securestring' } }), arm({ adminPassword: { type: 'securestring', defaultValue: '[newGuid()]' } })],
      },
      bicep: {
        fail: ["@secure()\nparam adminPassword string = 'P@ssw0rd1234!'\n"],
        pass: ['@secure()\nparam adminPassword string\n', '@secure()\nparam adminPassword string = newGuid()\n'],
      },
    },
  },
  {
    id: 'IAC-AZ-OUTPUT-EXPOSES-SECRET',
    title: 'Template output exposes a key or secure parameter',
    severity: 'high',
    description: 'Deployment outputs are stored in the deployment history and readable by anyone with read access to the resource group; a listKeys() result or a secure parameter in an output leaks the secret.',
    remediation: 'Remove the output (let consumers read the secret from Key Vault), or declare it secure (ARM securestring, Bicep @secure() output).',
    helpUri: 'https://learn.microsoft.com/azure/azure-resource-manager/bicep/scenarios-secrets#avoid-outputs-for-secrets',
    cwe: ['CWE-200'],
    model: 'azure',
    resourceTypes: [TEMPLATE_TYPE],
    check: (r) => {
      const outputs = r.attributes.outputs;
      if (!isObject(outputs) || !Object.keys(outputs).length) return notApplicable();
      const verdicts: Verdict[] = [];
      for (const [name, o] of Object.entries(outputs)) {
        if (!isObject(o)) continue;
        const path = joinPath(joinPath('outputs', name), 'value');
        const exposes = Array.isArray(o.exposes) ? o.exposes.filter((x): x is string => typeof x === 'string') : [];
        if (o.secure === true || !exposes.length) verdicts.push(pass(path));
        else verdicts.push(fail(path, undefined, `${r.address}: output ${name} exposes ${exposes.join(', ')}`));
      }
      const fails = verdicts.filter((v) => v.outcome === 'fail');
      return fails.length ? fails : (verdicts[0] ?? unknown());
    },
    examples: {
      arm: {
        fail: [
          arm(
            { storageName: { type: 'string', defaultValue: 'stlogs' } },
            { outputs: { key: { type: 'string', value: "[listKeys(resourceId('Microsoft.Storage/storageAccounts', parameters('storageName')), '2023-01-01').keys[0].value]" } } },
          ),
          arm({ adminPassword: { type: 'securestring' } }, { outputs: { password: { type: 'string', value: "[parameters('adminPassword')]" } } }),
        ],
        pass: [
          arm({ storageName: { type: 'string', defaultValue: 'stlogs' } }, { outputs: { id: { type: 'string', value: "[resourceId('Microsoft.Storage/storageAccounts', parameters('storageName'))]" } } }),
          arm({ storageName: { type: 'string', defaultValue: 'stlogs' } }, { outputs: { key: { type: 'securestring', value: "[listKeys(resourceId('Microsoft.Storage/storageAccounts', parameters('storageName')), '2023-01-01').keys[0].value]" } } }),
        ],
      },
      bicep: {
        fail: [
          "resource sa 'Microsoft.Storage/storageAccounts@2023-01-01' existing = {\n  name: 'stlogs'\n}\n\noutput key string = sa.listKeys().keys[0].value\n",
          '@secure()\nparam adminPassword string\n\noutput password string = adminPassword\n',
        ],
        pass: [
          "resource sa 'Microsoft.Storage/storageAccounts@2023-01-01' existing = {\n  name: 'stlogs'\n}\n\noutput id string = sa.id\n",
          "resource sa 'Microsoft.Storage/storageAccounts@2023-01-01' existing = {\n  name: 'stlogs'\n}\n\n@secure()\noutput key string = sa.listKeys().keys[0].value\n",
        ],
      },
    },
  },
];
