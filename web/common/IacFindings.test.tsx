import * as React from 'react';
import { render, screen, within } from '@testing-library/react';
import { FindingDetailsPanel } from './FindingDetailsPanel';
import { createFindingsFilter, findingQuery } from './FindingsView';
import { createApiClient } from './api';
import { fakeResponse, makeFinding, makeScannerRun, NOW, page } from '../testing/fixtures';
import { scannerStatusText } from './scanners';

const triage = { canTriage: false, dismissScopeText: '', onDismiss: jest.fn(), onReopen: jest.fn() };

const storageTls = makeFinding({
  ruleId: 'IAC-TF-AZ-STORAGE-MIN-TLS',
  title: 'Storage account allows TLS older than 1.2',
  category: 'iac',
  message: 'Storage account allows TLS older than 1.2: azurerm_storage_account.logs sets min_tls_version to "TLS1_0"',
  location: { kind: 'resource', path: 'terraform/storage.tf', line: 14, address: 'azurerm_storage_account.logs', attribute: 'min_tls_version', value: 'TLS1_0' },
  locationText: 'terraform/storage.tf:14 azurerm_storage_account.logs › min_tls_version',
  preview: undefined,
  remediation: 'Set min_tls_version = "TLS1_2".',
  iac: { platform: 'terraform', resourceType: 'azurerm_storage_account', checkov: 'CKV_AZURE_44', fix: 'min_tls_version = "TLS1_2"' },
});

describe('IaC findings in the hub', () => {
  it('the finding panel names the resource, the attribute, its current value, the Checkov id and the fix', () => {
    render(<FindingDetailsPanel finding={storageTls} onClose={jest.fn()} triage={triage} now={NOW} />);
    const facts = screen.getByText('Resource', { selector: 'dt' }).closest('dl')!;
    expect(within(facts).getByText('azurerm_storage_account.logs')).toBeTruthy();
    expect(within(facts).getByText('Terraform')).toBeTruthy();
    expect(within(facts).getByText('min_tls_version')).toBeTruthy();
    expect(within(facts).getByText('"TLS1_0"')).toBeTruthy();
    expect(within(facts).getByText('CKV_AZURE_44')).toBeTruthy();
    expect(screen.getByLabelText('Corrected configuration').textContent).toBe('min_tls_version = "TLS1_2"');
  });

  it('a missing attribute reads "not set"', () => {
    const missing = makeFinding({ ...storageTls, location: { kind: 'resource', path: 'main.bicep', line: 3, address: "Microsoft.KeyVault/vaults 'kv'", attribute: 'properties.enablePurgeProtection' }, iac: { platform: 'bicep', resourceType: 'microsoft.keyvault/vaults' } });
    render(<FindingDetailsPanel finding={missing} onClose={jest.fn()} triage={triage} now={NOW} />);
    expect(screen.getByText('not set')).toBeTruthy();
    expect(screen.getByText('Bicep')).toBeTruthy();
    expect(screen.queryByLabelText('Corrected configuration')).toBeNull();
  });

  it('the Platform filter becomes ?platform= in the order of the vocabulary', async () => {
    const filter = createFindingsFilter();
    filter.setFilterItemState('platform', { value: ['helm', 'terraform', 'nonsense'] });
    const query = findingQuery(filter.getState(), {});
    expect(query.platform).toEqual(['terraform', 'helm']);
    const fetch = jest.fn(async () => fakeResponse(200, page([])));
    const api = createApiClient({ serviceUrl: 'https://vigil.test', headers: async () => ({}), fetch: fetch as unknown as typeof globalThis.fetch });
    await api.findings(query);
    expect(String((fetch.mock.calls[0] as unknown[])[0])).toContain('platform=terraform,helm');
  });
});

describe('the IaC scanner that did not run', () => {
  it('says there is no infrastructure-as-code file rather than "no files"', () => {
    expect(scannerStatusText(makeScannerRun({ scanner: 'iac', category: 'iac', status: 'not-run', reason: { code: 'no-files', text: 'No file in the repository is of a kind it reads' } }))).toBe(
      'not run: no infrastructure-as-code file in the repository',
    );
  });
});
