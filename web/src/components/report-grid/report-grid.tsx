import type { CellValues, FormDefinition } from '@baocao/domain';
import { type Ref, useCallback, useImperativeHandle, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CellIssue } from './cell-issues';
import type { CellActions, Language } from './cell-props';
import { formatCellValue, parseCellInput } from './cell-values';
import { buildGridLayout, type GridCell, moveFrom, parseClipboardBlock, pasteTargets } from './grid-layout';
import { NarrativeCell } from './narrative-cell';
import { SectionTable } from './section-table';
import './report-grid.css';

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
