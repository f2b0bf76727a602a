import * as React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import { FindingsTable } from './FindingsTable';
import { fileAt, makeFinding, NOW, placeAt } from '../testing/fixtures';

describe('FindingsTable', () => {
  const findings = [
    makeFinding(),
    makeFinding({
      id: 'f-2',
      ruleId: 'SEC-ADO-PAT',
      title: 'Azure DevOps personal access token',
      severity: 'high',
      confidence: 'low',
      ...fileAt('scripts/deploy.ps1', 3, 'repo-2'),
      firstSeenAt: new Date(NOW - 2 * 86_400_000).toISOString(),
    }),
  ];

  it('renders one row per finding with its severity and confidence pills, rule, file:line and age', () => {
    render(<FindingsTable findings={findings} now={NOW} />);
    expect(screen.getByText('AWS access key')).toBeTruthy();
    expect(screen.getByText('Azure DevOps personal access token')).toBeTruthy();
    expect(screen.getByText('Critical')).toBeTruthy();
    expect(screen.getByLabelText('Severity High')).toBeTruthy();
    expect(screen.getByText('Confidence')).toBeTruthy();
    expect(screen.getByLabelText('Confidence High')).toBeTruthy();
    expect(screen.getByLabelText('Confidence Low').textContent).toBe('Low');
    expect(screen.getByText('SEC-ADO-PAT')).toBeTruthy();
    expect(screen.getByText('deploy.ps1:3')).toBeTruthy();
    expect(screen.getByText('scripts')).toBeTruthy();
    expect(screen.getByText('settings.json:12')).toBeTruthy();
    expect(screen.getByTitle('config/settings.json:12')).toBeTruthy();
    expect(screen.getByText('3 hours ago')).toBeTruthy();
    expect(screen.getByText('2 days ago')).toBeTruthy();
    expect(screen.getByText('infra')).toBeTruthy();
    const pills = document.querySelectorAll('.vigil-severity');
    expect(Array.from(pills).map((p) => p.className.match(/vigil-severity-(\w+)/)?.[1])).toEqual(['critical', 'high']);
    const confidences = document.querySelectorAll('.vigil-confidence');
    expect(Array.from(confidences).map((p) => p.className.match(/vigil-confidence-(\w+)/)?.[1])).toEqual(['high', 'low']);
    // What a confidence means is one hover away.
    expect(screen.getByTitle('Recognised by its randomness alone: check what it is.')).toBeTruthy();
  });

  it('hides the repository column on a one-repository page', () => {
    render(<FindingsTable findings={findings} hideColumns={['repository']} now={NOW} />);
    expect(screen.queryByText('Repository')).toBeNull();
    expect(screen.queryByText('infra')).toBeNull();
    expect(screen.getByText('Location')).toBeTruthy();
  });

  it('activates a finding on click', () => {
    const onActivate = jest.fn();
    render(<FindingsTable findings={findings} onActivate={onActivate} now={NOW} />);
    fireEvent.click(screen.getByText('Azure DevOps personal access token'));
    expect(onActivate).toHaveBeenCalledTimes(1);
    expect(onActivate.mock.calls[0][0].id).toBe('f-2');
  });

  it('shows resource, package and Azure DevOps object locations, with the new categories', () => {
    render(
      <FindingsTable
        findings={[
          makeFinding({
            id: 'f-iac',
            ruleId: 'IAC-TF-AZ-STORAGE-TLS',
            title: 'Storage account allows TLS below 1.2',
            category: 'iac',
            ...placeAt({ kind: 'resource', path: 'infra/main.tf', line: 12, address: 'azurerm_storage_account.logs', attribute: 'min_tls_version' }),
          }),
          makeFinding({
            id: 'f-pkg',
            ruleId: 'DEP-NPM-GHSA-1234',
            title: 'lodash prototype pollution',
            category: 'deps',
            ...placeAt({ kind: 'package', path: 'web/package-lock.json', line: 88, ecosystem: 'npm', name: 'lodash', version: '4.17.20' }),
          }),
          makeFinding({
            id: 'f-ado',
            ruleId: 'ADO-PIPE-SECRETS-IN-VARS',
            title: 'Pipeline keeps a secret in plain variables',
            category: 'posture',
            repositoryId: undefined,
            repositoryName: undefined,
            projectId: 'proj-2',
            projectName: 'Storefront',
            ...placeAt(
              { kind: 'ado-object', objectKind: 'pipeline', id: '17', name: 'deploy-prod', project: { id: 'proj-2', name: 'Storefront' } },
              'https://dev.azure.com/contoso/Storefront/_build?definitionId=17',
            ),
          }),
        ]}
        now={NOW}
      />,
    );
    expect(screen.getByText('main.tf:12 azurerm_storage_account.logs › min_tls_version')).toBeTruthy();
    expect(screen.getByTitle('infra/main.tf:12 azurerm_storage_account.logs › min_tls_version')).toBeTruthy();
    expect(screen.getByText('lodash@4.17.20 in package-lock.json:88')).toBeTruthy();
    expect(screen.getByText('Pipeline deploy-prod (Storefront)')).toBeTruthy();
    expect(screen.getByText('IAC-TF-AZ-STORAGE-TLS').parentElement!.textContent).toContain('Infrastructure as code');
    expect(screen.getByText('DEP-NPM-GHSA-1234').parentElement!.textContent).toContain('Dependencies');
    expect(screen.getByText('ADO-PIPE-SECRETS-IN-VARS').parentElement!.textContent).toContain('DevOps posture');
    const adoRow = screen.getByText('Pipeline deploy-prod (Storefront)').closest('.bolt-table-row') as HTMLElement;
    expect(adoRow.textContent).toContain('Storefront');
    expect(adoRow.textContent).not.toContain('payments-api');
  });
});
