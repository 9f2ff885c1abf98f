import { CommentOutlined } from '@ant-design/icons';
import {
  type CellValue,
  type CellValues,
  type FormDefinition,
  isNumericType,
  type LocalizedText,
} from '@baocao/domain';
import { Button, Flex, Input, Popover, Tooltip, Typography } from 'antd';
import {
  type ClipboardEvent,
  type KeyboardEvent,
  memo,
  type ReactNode,
  type Ref,
  useCallback,
  useImperativeHandle,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useTranslation } from 'react-i18next';
import { formatCellValue, parseCellInput } from './cell-values';
import {
  buildGridLayout,
  cellLabel,
  type GridCell,
  type GridSection,
  type Move,
  moveFrom,
  parseClipboardBlock,
  pasteTargets,
} from './grid-layout';
import './report-grid.css';

export interface CellIssue {
  severity: 'error' | 'warning';
  message: string;
}

export interface ReportGridHandle {
  /** Moves the keyboard focus to a cell (from the validation summary, for instance). */
  focusCell(key: string): void;
}

export interface ReportGridProps {
  form: FormDefinition;
  /** Entered and computed values, by cell key. */
  values: CellValues;
  issues?: ReadonlyMap<string, CellIssue[]>;
  comments?: Readonly<Record<string, string>>;
  readOnly?: boolean;
  /** Edited cells (several at once for a pasted block). */
  onChange?: (changes: CellValues) => void;
  onCommentChange?: (key: string, text: string) => void;
  /** Read-only grids: a click on a cell (e.g. to drill down to its sources). */
  onCellOpen?: (key: string) => void;
  /** Small corner marks on cells (e.g. adjusted figures), with their explanation. */
  marks?: ReadonlyMap<string, string>;
  ref?: Ref<ReportGridHandle>;
  'data-testid'?: string;
}

interface CellActions {
  change(key: string, value: CellValue): void;
  move(key: string, move: Move): boolean;
  paste(key: string, text: string): void;
  register(key: string, element: HTMLElement | null): void;
  openComment(key: string | null): void;
  commentChange(key: string, text: string): void;
  open(key: string): void;
}

type Language = 'vi' | 'en';

/**
 * The form as officers know it from paper, with spreadsheet keys: arrows move
 * between cells, Tab / Shift+Tab and Enter / Shift+Enter too, typing replaces a
 * cell's content (F2 or a double click edits it), Escape undoes the edit, and a
 * block copied from Excel pastes from the focused cell on. Read-only, it shows
 * the figures (vi-VN) and opens a cell on click.
 */
export function ReportGrid({
  form,
  values,
  issues,
  comments,
  readOnly,
  onChange,
  onCommentChange,
  onCellOpen,
  marks,
  ref,
  ...rest
}: ReportGridProps) {
  const { i18n } = useTranslation();
  const language: Language = i18n.language === 'en' ? 'en' : 'vi';
  const layout = useMemo(() => buildGridLayout(form), [form]);
  const elements = useRef(new Map<string, HTMLElement>());
  const [commentKey, setCommentKey] = useState<string | null>(null);
  // Callbacks read the latest props through a ref, so memoized cells never re-render for a new closure.
  const latest = useRef({ onChange, onCommentChange, onCellOpen, layout, form });
  latest.current = { onChange, onCommentChange, onCellOpen, layout, form };

  const focusCell = useCallback((key: string) => {
    const element = elements.current.get(key);
    if (!element) return false;
    element.focus();
    element.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    return true;
  }, []);

  useImperativeHandle(ref, () => ({ focusCell: (key) => void focusCell(key) }), [focusCell]);

  const actions = useMemo<CellActions>(
    () => ({
      change: (key, value) => latest.current.onChange?.({ [key]: value }),
      move: (key, move) => {
        const target = moveFrom(latest.current.layout, key, move);
        return target ? focusCell(target) : false;
      },
      paste: (key, text) => {
        const { layout: current, form: currentForm } = latest.current;
        const changes: CellValues = {};
        for (const target of pasteTargets(current, key, parseClipboardBlock(text))) {
          const cell = current.cells.get(target.key)!;
          changes[target.key] = parseCellInput(currentForm, cell.field, target.text);
        }
        if (Object.keys(changes).length > 0) latest.current.onChange?.(changes);
      },
      register: (key, element) => {
        if (element) elements.current.set(key, element);
        else elements.current.delete(key);
      },
      openComment: (key) => {
        setCommentKey(key);
      },
      commentChange: (key, text) => latest.current.onCommentChange?.(key, text),
      open: (key) => latest.current.onCellOpen?.(key),
    }),
    [focusCell],
  );

  const openComment = useRef<string | null>(null);
  openComment.current = commentKey;
  const closeComment = useCallback(() => {
    const key = openComment.current;
    setCommentKey(null);
    if (key) focusCell(key);
  }, [focusCell]);

  const cellProps = (cell: GridCell) => {
    const value = values[cell.key] ?? null;
    return {
      cell,
      form,
      language,
      value,
      display: formatCellValue(form, cell.field, value, language),
      issues: issues?.get(cell.key),
      comment: comments?.[cell.key] ?? '',
      commentOpen: commentKey === cell.key,
      mark: marks?.get(cell.key),
      readOnly: !!readOnly || cell.computed,
      clickable: !!onCellOpen,
      actions,
      closeComment,
    };
  };

  return (
    <div data-testid={rest['data-testid'] ?? 'report-grid'}>
      {layout.sections.map((section) => (
        <div className="rg-section" key={section.code}>
          <h3 className="rg-section-title">{section.title[language] || section.title.vi}</h3>
          <div className="rg-scroll">
            {section.layout === 'narrative' ? (
              section.rows.map((row) => {
                const cell = row.cells[0];
                return cell ? <NarrativeCell key={cell.key} {...cellProps(cell)} label={row.label} /> : null;
              })
            ) : (
              <SectionTable section={section} language={language} renderCell={cellProps} />
            )}
          </div>
        </div>
      ))}
    </div>
  );
}

function SectionTable({
  section,
  language,
  renderCell,
}: {
  section: GridSection;
  language: Language;
  renderCell: (cell: GridCell) => CellProps;
}) {
  const { t } = useTranslation();
  const list = section.layout === 'list';
  const groups = section.columns.some((c) => c.group);
  const headerRows = groups ? 2 : 1;
  // Consecutive columns sharing a group heading are printed under one merged cell.
  const groupCells: { label: string; span: number; start: number }[] = [];
  section.columns.forEach((column, index) => {
    const label = column.group ? column.group[language] || column.group.vi : '';
    const last = groupCells.at(-1);
    if (column.group && last && last.label === label && last.start + last.span === index) last.span += 1;
    else groupCells.push({ label, span: 1, start: index });
  });
  return (
    <table className="rg-table">
      <thead>
        <tr>
          {list ? (
            <th rowSpan={headerRows} className="rg-stt">
              {t('reports.grid.number')}
            </th>
          ) : null}
          <th rowSpan={headerRows} className={list ? undefined : 'rg-sticky'} style={{ textAlign: 'left' }}>
            {t('reports.grid.indicator')}
          </th>
          {list ? (
            <>
              <th className="rg-uom">{t('reports.grid.unit')}</th>
              <th>{t('reports.grid.value')}</th>
            </>
          ) : groups ? (
            groupCells.map((g) =>
              g.label ? (
                <th key={g.start} colSpan={g.span}>
                  {g.label}
                </th>
              ) : (
                <ColumnHeader key={g.start} section={section} index={g.start} language={language} rowSpan={2} />
              ),
            )
          ) : (
            section.columns.map((_, index) => (
              <ColumnHeader key={section.columns[index]!.code} section={section} index={index} language={language} />
            ))
          )}
        </tr>
        {groups && !list ? (
          <tr>
            {section.columns.map((column, index) =>
              column.group ? (
                <ColumnHeader key={column.code} section={section} index={index} language={language} />
              ) : null,
            )}
          </tr>
        ) : null}
      </thead>
      <tbody>
        {section.rows.map((row) => {
          // A line with no cell at all is a group heading ("I. Cấp tỉnh").
          const heading = row.heading || row.cells.every((c) => c === null);
          return (
            <tr key={row.code} className={heading ? 'rg-heading-row' : undefined}>
              {list ? <td className="rg-stt">{row.number ?? ''}</td> : null}
              <td
                className={`rg-label${heading ? ' rg-heading' : ''}${list ? '' : ' rg-sticky'}`}
                style={{ paddingLeft: 10 + row.indent * 20 }}
                title={row.help ? row.help[language] || row.help.vi : undefined}
              >
                {row.label[language] || row.label.vi}
              </td>
              {list ? <td className="rg-uom">{row.unit ?? ''}</td> : null}
              {row.cells.map((cell, index) =>
                cell ? (
                  <GridCellView key={cell.key} {...renderCell(cell)} list={list} />
                ) : (
                  // biome-ignore lint/suspicious/noArrayIndexKey: empty cells are identified by their column only
                  <td key={`empty-${index}`} className={heading ? 'rg-cell' : 'rg-cell rg-empty'} />
                ),
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function ColumnHeader({
  section,
  index,
  language,
  rowSpan,
}: {
  section: GridSection;
  index: number;
  language: Language;
  rowSpan?: number;
}) {
  const { t } = useTranslation();
  const column = section.columns[index]!;
  return (
    <th rowSpan={rowSpan}>
      {column.label ? column.label[language] || column.label.vi : t('reports.grid.value')}
      {column.unit ? <span className="rg-unit">({column.unit})</span> : null}
    </th>
  );
}

interface CellProps {
  cell: GridCell;
  form: FormDefinition;
  language: Language;
  value: CellValue;
  display: string;
  issues: CellIssue[] | undefined;
  comment: string;
  commentOpen: boolean;
  mark: string | undefined;
  readOnly: boolean;
  clickable: boolean;
  actions: CellActions;
  closeComment: () => void;
}

type Mode = 'idle' | 'select' | 'typing' | 'edit';

function severityOf(issues: CellIssue[] | undefined): 'error' | 'warning' | null {
  if (!issues?.length) return null;
  return issues.some((i) => i.severity === 'error') ? 'error' : 'warning';
}

function IssueList({ issues }: { issues: CellIssue[] }) {
  return (
    <div>
      {issues.map((issue) => (
        <div key={issue.message}>{issue.message}</div>
      ))}
    </div>
  );
}

/** A readable formula: field codes replaced by their labels. */
function formulaText(form: FormDefinition, expression: string, language: Language): string {
  return expression.replace(/#\{([A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)?)\}/g, (_, key: string) =>
    cellLabel(form, key, language),
  );
}

const GridCellView = memo(function GridCellView(props: CellProps & { list: boolean }) {
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

function CommentButton({
  cell,
  comment,
  commentOpen,
  readOnly,
  actions,
  closeComment,
  needsComment,
}: CellProps & { needsComment: boolean }) {
  const { t } = useTranslation();
  if (readOnly && !comment) return null;
  const classes = ['rg-comment', comment ? 'rg-has-comment' : '', needsComment ? 'rg-needs-comment' : '']
    .filter(Boolean)
    .join(' ');
  const button = (
    <button
      type="button"
      tabIndex={-1}
      className={classes}
      aria-label={t('reports.grid.comment')}
      title={comment || (needsComment ? t('reports.grid.commentNeeded') : t('reports.grid.addComment'))}
      data-testid={`comment-${cell.key}`}
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => actions.openComment(commentOpen ? null : cell.key)}
    >
      <CommentOutlined />
    </button>
  );
  if (!commentOpen) return button;
  return (
    <Popover
      open
      trigger="click"
      placement="bottomRight"
      onOpenChange={(open) => {
        if (!open) closeComment();
      }}
      title={t('reports.grid.commentTitle')}
      content={
        <Flex vertical gap={8} style={{ width: 320 }}>
          {readOnly ? (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{comment}</Typography.Paragraph>
          ) : (
            <Input.TextArea
              autoFocus
              rows={3}
              maxLength={2000}
              value={comment}
              placeholder={t('reports.grid.commentPlaceholder')}
              onChange={(e) => actions.commentChange(cell.key, e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Escape' || (e.key === 'Enter' && (e.ctrlKey || e.metaKey))) {
                  e.preventDefault();
                  closeComment();
                }
              }}
              data-testid="comment-input"
            />
          )}
          <Flex justify="flex-end">
            <Button size="small" type="primary" onClick={closeComment}>
              {t('reports.grid.done')}
            </Button>
          </Flex>
        </Flex>
      }
    >
      {button}
    </Popover>
  );
}

function NarrativeCell(props: CellProps & { label: LocalizedText }) {
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
