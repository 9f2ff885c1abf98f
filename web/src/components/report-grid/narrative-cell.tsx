import type { LocalizedText } from '@baocao/domain';
import { Tooltip } from '../tooltip';
import { IssueList, severityOf } from './cell-issues';
import type { CellProps } from './cell-props';
import { parseCellInput } from './cell-values';

/** A narrative section's cell: a labelled text area. */
export function NarrativeCell(props: CellProps & { label: LocalizedText }) {
  const { cell, value, issues, readOnly, actions, language, label, form } = props;
  const severity = severityOf(issues);
  const text = typeof value === 'string' ? value : '';
  return (
    <div className={`rg-narrative${severity ? ` rg-${severity}` : ''}`} data-cell={cell.key}>
      <label className="rg-narrative-label" htmlFor={`narrative-${cell.key}`}>
        {label[language] || label.vi}
      </label>
      {readOnly ? (
        <div className="rg-narrative-text">{text || '—'}</div>
      ) : (
        <Tooltip title={issues?.length ? <IssueList issues={issues} /> : null}>
          <textarea
            id={`narrative-${cell.key}`}
            ref={(element) => actions.register(cell.key, element)}
            value={text}
            data-testid={`cell-${cell.key}`}
            onChange={(e) => actions.change(cell.key, parseCellInput(form, cell.field, e.target.value))}
            onKeyDown={(e) => {
              if (e.key === 'Tab' && actions.move(cell.key, e.shiftKey ? 'previous' : 'next')) e.preventDefault();
            }}
          />
        </Tooltip>
      )}
    </div>
  );
}
