// The line above the findings table: how many are listed, select all shown (administrators), grouping
// by rule or repository, and the export of the whole filtered list (every page) to CSV or SARIF.
import * as React from 'react';
import { Button } from 'azure-devops-ui/Button';
import { Checkbox, type ICheckboxProps } from 'azure-devops-ui/Checkbox';
import { ObservableValue } from 'azure-devops-ui/Core/Observable';
import { Dropdown } from 'azure-devops-ui/Dropdown';
import { DropdownSelection } from 'azure-devops-ui/Utilities/DropdownSelection';
import type { FindingGrouping } from '../../service/contract/api';
import type { DownloadedFile, FindingQuery, VigilApi } from './api';
import { saveWithBrowser } from './DependenciesView';
import { ErrorState } from './ErrorState';
import { formatCount } from './format';

export interface FindingsToolbarProps {
  api: VigilApi;
  /** The list's query: the export asks for the same filters and order. */
  query: FindingQuery;
  shown: number;
  total: number;
  /** Administrators select rows for bulk dismiss / reopen; others see no checkboxes. */
  selection?: { selected: number; allShown: boolean; onToggleAll: (checked: boolean) => void };
  /** Tests replace the browser's download. */
  save?: (file: DownloadedFile) => void;
  /** Group the list by rule or repository (undefined: one row per alert); `choices` leaves out what the scope makes moot. */
  grouping?: { value: FindingGrouping | undefined; choices: FindingGrouping[]; onChange: (by: FindingGrouping | undefined) => void };
  /** False for a list the export does not cover (the pipeline runs' findings): no export buttons. */
  exportable?: boolean;
}

const GROUPING_TEXT: Record<FindingGrouping | 'none', string> = { none: 'None', rule: 'Rule', repository: 'Repository' };

function GroupingDropdown({ value, choices, onChange }: NonNullable<FindingsToolbarProps['grouping']>): JSX.Element {
  const items = React.useMemo(() => (['none', ...choices] as const).map((id) => ({ id, text: GROUPING_TEXT[id] })), [choices]);
  const selection = React.useMemo(() => new DropdownSelection(), []);
  React.useEffect(() => {
    const index = items.findIndex((i) => i.id === (value ?? 'none'));
    selection.select(Math.max(index, 0));
  }, [items, selection, value]);
  return (
    <div className="flex-row flex-center vigil-group-by">
      <span className="secondary-text body-s" aria-hidden="true">
        Group by
      </span>
      <Dropdown
        className="vigil-group-by-dropdown"
        ariaLabel="Group findings by"
        items={items}
        selection={selection}
        onSelect={(_e, item) => onChange(item.id === 'none' ? undefined : (item.id as FindingGrouping))}
      />
    </div>
  );
}

export function FindingsToolbar({ api, query, shown, total, selection, save = saveWithBrowser, grouping, exportable = true }: FindingsToolbarProps): JSX.Element {
  const [exporting, setExporting] = React.useState<'csv' | 'sarif'>();
  const [error, setError] = React.useState<unknown>();
  // Checked, clear, or mixed (undefined) when some shown rows are: the checkbox's Observer ignores a
  // plain undefined, so the state goes through an observable.
  const allState = selection ? (selection.allShown ? true : selection.selected ? undefined : false) : false;
  const [all] = React.useState(() => new ObservableValue<boolean | undefined>(false));
  React.useEffect(() => {
    all.value = allState;
  }, [all, allState]);
  const exportAs = async (format: 'csv' | 'sarif') => {
    setError(undefined);
    setExporting(format);
    try {
      save(await api.exportFindings(query, format));
    } catch (err) {
      setError(err);
    } finally {
      setExporting(undefined);
    }
  };
  return (
    <>
      <div className="flex-row flex-center flex-wrap vigil-findings-toolbar">
        {selection ? (
          <Checkbox
            className="vigil-select-all"
            ariaLabel="Select all findings shown"
            label="Select all"
            checked={all as ICheckboxProps['checked']}
            triState
            onChange={(_e, checked) => selection.onToggleAll(Boolean(checked))}
          />
        ) : null}
        <span className="vigil-list-summary secondary-text body-s flex-grow" aria-live="polite">
          {shown < total && !grouping?.value ? `Showing ${shown} of ${formatCount(total, 'finding')}` : formatCount(total, 'finding')}
        </span>
        {grouping ? <GroupingDropdown {...grouping} /> : null}
        {exportable ? (
          <>
            <Button
              className="vigil-export-csv"
              text={exporting === 'csv' ? 'Exporting…' : 'Export CSV'}
              iconProps={{ iconName: 'Download' }}
              subtle
              disabled={Boolean(exporting)}
              ariaLabel={`Export CSV: the ${formatCount(total, 'finding')} of this list`}
              onClick={() => void exportAs('csv')}
            />
            <Button
              className="vigil-export-sarif"
              text={exporting === 'sarif' ? 'Exporting…' : 'Export SARIF'}
              iconProps={{ iconName: 'Download' }}
              subtle
              disabled={Boolean(exporting)}
              ariaLabel={`Export SARIF: the ${formatCount(total, 'finding')} of this list`}
              onClick={() => void exportAs('sarif')}
            />
          </>
        ) : null}
      </div>
      {error !== undefined ? <ErrorState error={error} context="Could not export the findings" onDismiss={() => setError(undefined)} className="vigil-block" /> : null}
    </>
  );
}
