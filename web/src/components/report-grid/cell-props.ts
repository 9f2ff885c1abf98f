import type { CellValue, FormDefinition } from '@baocao/domain';
import type { CellIssue } from './cell-issues';
import type { GridCell, Move } from './grid-layout';

export type Language = 'vi' | 'en';

/** What a cell asks of the grid: stable callbacks, so memoized cells never re-render for a new closure. */
export interface CellActions {
  change(key: string, value: CellValue): void;
  move(key: string, move: Move): boolean;
  paste(key: string, text: string): void;
  register(key: string, element: HTMLElement | null): void;
  openComment(key: string | null): void;
  commentChange(key: string, text: string): void;
  open(key: string): void;
}

/** Everything a cell of the grid renders from. */
export interface CellProps {
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
