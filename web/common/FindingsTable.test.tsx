import * as React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import { FindingsTable } from './FindingsTable';
import { fileAt, makeFinding, NOW } from '../testing/fixtures';

describe('FindingsTable', () => {
  const findings = [
    makeFinding(),
    makeFinding({
      id: 'f-2',
      ruleId: 'SEC-ADO-PAT',
      title: 'Azure DevOps personal access token',
      severity: 'high',
      ...fileAt('scripts/deploy.ps1', 3, 'repo-2'),
      firstSeenAt: new Date(NOW - 2 * 86_400_000).toISOString(),
    }),
  ];

  it('renders one row per finding with its severity pill, rule, file:line and age', () => {
    render(<FindingsTable findings={findings} now={NOW} />);
    expect(screen.getByText('AWS access key')).toBeTruthy();
    expect(screen.getByText('Azure DevOps personal access token')).toBeTruthy();
    expect(screen.getByText('Critical')).toBeTruthy();
    expect(screen.getByText('High')).toBeTruthy();
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
});
