import { type CellValue, type FormDefinition, isNumericType } from '@baocao/domain';
import { type ClipboardEvent, type KeyboardEvent, memo, type ReactNode, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Tooltip } from '../tooltip';
import { IssueList, severityOf } from './cell-issues';
import type { CellProps, Language } from './cell-props';
import { parseCellInput } from './cell-values';
import { CommentButton } from './comment-button';
import { cellLabel, type Move } from './grid-layout';

type Mode = 'idle' | 'select' | 'typing' | 'edit';

/** A readable formula: field codes replaced by their labels. */
function formulaText(form: FormDefinition, expression: string, language: Language): string {
  return expression.replace(/#\{([A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)?)\}/g, (_, key: string) =>
    cellLabel(form, key, language),
  );
}

/**
 * One cell of a table or list section: an input that behaves like a spreadsheet cell (select on
 * focus, typing replaces, F2 or a double click edits, Escape undoes), or, read-only, the figure.
 */
export const GridCellView = memo(function GridCellView(props: CellProps & { list: boolean }) {
  const { cell, form, language, value, display, issues, comment, mark, readOnly, clickable, actions, list } = props;
  const { t } = useTranslation();
  const [mode, setMode] = useState<Mode>('idle');
  const [text, setText] = useState('');
  const original = useRef<CellValue>(null);
  const clickFocus = useRef(false);
  const numeric = isNumericType(cell.field.type);
  const severity = severityOf(issues);
  // A blank cell of a field that needs a reason when missing shows its comment icon in red.
  const needsComment = !!cell.field.commentWhenMissing && value === null && !comment.trim();
  const classes = [
    'rg-cell',
    list ? 'rg-list-value' : '',
    cell.computed ? 'rg-computed' : '',
    severity ? `rg-${severity}` : '',
    mode === 'typing' || mode === 'edit' ? 'rg-editing' : '',
    readOnly && clickable && !cell.computed ? 'rg-clickable' : '',
  ]
    .filter(Boolean)
    .join(' ');

  const tooltip = [
    ...(issues?.length ? [<IssueList key="issues" issues={issues} />] : []),
    ...(cell.computed && cell.field.expression
      ? [
          <div key="fx">
            {t('reports.grid.computed')}: {formulaText(form, cell.field.expression, language)}
          </div>,
        ]
      : []),
    ...(mark ? [<div key="mark">{mark}</div>] : []),
  ];
  const title: ReactNode = tooltip.length ? tooltip : null;
  const label = cellLabel(form, cell.key, language);

  if (readOnly) {
    const open = clickable && !cell.computed;
    return (
      <Tooltip title={title} mouseEnterDelay={0.2}>
        <td
          className={classes}
          data-cell={cell.key}
          tabIndex={open ? 0 : undefined}
          role={open ? 'button' : undefined}
          aria-label={`${label}: ${display}`}
          onClick={open ? () => actions.open(cell.key) : undefined}
          onKeyDown={
            open
              ? (e) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    actions.open(cell.key);
                  }
                }
              : undefined
          }
        >
          {mark ? <span className="rg-mark" /> : null}
          <div className={numeric ? 'rg-value' : 'rg-value rg-text'}>{display}</div>
          <CommentButton {...props} needsComment={false} />
        </td>
      </Tooltip>
    );
  }

  const move = (e: KeyboardEvent, to: Move) => {
    e.preventDefault();
    if (!actions.move(cell.key, to)) setMode('select');
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const editing = mode === 'edit';
    switch (e.key) {
      case 'Enter':
        return move(e, e.shiftKey ? 'up' : 'down');
      case 'Tab':
        // At the last cell Tab leaves the grid as usual.
        if (actions.move(cell.key, e.shiftKey ? 'previous' : 'next')) e.preventDefault();
        return;
      case 'ArrowUp':
        return move(e, 'up');
      case 'ArrowDown':
        return move(e, 'down');
      case 'ArrowLeft':
        if (!editing) move(e, 'left');
        return;
      case 'ArrowRight':
        if (!editing) move(e, 'right');
        return;
      case 'F2':
        e.preventDefault();
        if (e.shiftKey) actions.openComment(cell.key);
        else {
          setText(display);
          setMode('edit');
        }
        return;
      case 'Escape':
        if (mode === 'typing' || mode === 'edit') {
          e.preventDefault();
          actions.change(cell.key, original.current);
          setMode('select');
          requestAnimationFrame(() => (e.target as HTMLInputElement).select());
        }
        return;
    }
  };

  const onPaste = (e: ClipboardEvent<HTMLInputElement>) => {
    const pasted = e.clipboardData.getData('text/plain');
    if (!/[\t\n]/.test(pasted) || mode === 'edit') return;
    e.preventDefault();
    actions.paste(cell.key, pasted);
    setMode('select');
  };

  return (
    <td className={classes} data-cell={cell.key}>
      <Tooltip title={title} mouseEnterDelay={0.2}>
        <input
          ref={(element) => actions.register(cell.key, element)}
          className={numeric ? 'rg-input' : 'rg-input rg-text'}
          value={mode === 'typing' || mode === 'edit' ? text : display}
          aria-label={label}
          aria-invalid={severity === 'error'}
          inputMode={numeric ? 'decimal' : undefined}
          autoComplete="off"
          spellCheck={!numeric}
          data-testid={`cell-${cell.key}`}
          onMouseDown={(e) => {
            clickFocus.current = document.activeElement !== e.currentTarget;
          }}
          onMouseUp={(e) => {
            // Keep the whole content selected after a click, so typing replaces it as in a spreadsheet.
            if (clickFocus.current) e.preventDefault();
            clickFocus.current = false;
          }}
          onFocus={(e) => {
            original.current = value;
            setMode('select');
            e.currentTarget.select();
          }}
          onBlur={() => setMode('idle')}
          onDoubleClick={() => {
            if (mode !== 'edit') {
              setText(display);
              setMode('edit');
            }
          }}
          onChange={(e) => {
            setText(e.target.value);
            if (mode !== 'edit') setMode('typing');
            actions.change(cell.key, parseCellInput(form, cell.field, e.target.value));
          }}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
        />
      </Tooltip>
      <CommentButton {...props} needsComment={needsComment} />
    </td>
  );
});
