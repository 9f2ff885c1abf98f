/**
 * The copies of a report's draft the entry page juggles — what the officer has,
 * what the server has, what the server accepts — and how two copies merge.
 */
import type { CellValues, FormDefinition } from '@baocao/domain';
import { validateValues } from '@baocao/domain';
import type { ReportViewData } from '../../reporting/reports.api';

export interface DraftSnapshot {
  values: CellValues;
  comments: Record<string, string>;
  isNil: boolean;
}

/** The server's draft a copy was based on. */
export interface Base {
  version: number;
  values: CellValues;
  comments: Record<string, string>;
}

export const EMPTY_DRAFT: DraftSnapshot = { values: {}, comments: {}, isNil: false };

/** Values without blanks. */
function present(values: CellValues): CellValues {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null && v !== ''));
}

function presentComments(comments: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(comments).filter(([, v]) => v.trim() !== ''));
}

export function sameContent(a: DraftSnapshot, b: DraftSnapshot): boolean {
  const norm = (s: DraftSnapshot) =>
    JSON.stringify([
      Object.entries(present(s.values)).sort(),
      Object.entries(presentComments(s.comments)).sort(),
      s.isNil,
    ]);
  return norm(a) === norm(b);
}

/**
 * What the server accepts in a draft: known input cells whose value has the right type
 * (what does not parse stays on this device until it is corrected).
 */
export function sendableValues(form: FormDefinition, values: CellValues): CellValues {
  const refused = new Set(
    validateValues(form, values)
      .filter((i) => i.code === 'type' || i.code === 'unknown_cell')
      .map((i) => i.target),
  );
  return Object.fromEntries(Object.entries(present(values)).filter(([k]) => !refused.has(k)));
}

export function sendableComments(comments: Record<string, string>): Record<string, string> {
  return presentComments(comments);
}

/** The server's copy of the report: its draft, or the current revision when no draft is kept. */
export function serverCopy(view: ReportViewData): { base: Base; snapshot: DraftSnapshot } {
  const submission = view.submission;
  if (!submission) return { base: { version: 0, values: {}, comments: {} }, snapshot: EMPTY_DRAFT };
  const draft = (submission.draft ?? {}) as CellValues;
  const revision = submission.currentRevision;
  const useRevision = Object.keys(draft).length === 0 && revision !== null;
  const values = useRevision ? ((revision.values ?? {}) as CellValues) : draft;
  const comments = (useRevision ? (revision.comments ?? {}) : (submission.draftComments ?? {})) as Record<
    string,
    string
  >;
  return {
    base: {
      version: submission.draftVersion,
      values: draft,
      comments: submission.draftComments as Record<string, string>,
    },
    snapshot: { values, comments, isNil: submission.isNil },
  };
}

/**
 * Their copy, with what was changed here since `base` on top: each cell (and
 * comment) edited here keeps the local value, every other takes theirs.
 */
export function mergeDrafts(
  base: Pick<Base, 'values' | 'comments'>,
  mine: DraftSnapshot,
  theirs: Pick<Base, 'values' | 'comments'>,
): DraftSnapshot {
  const values: CellValues = { ...theirs.values };
  for (const [key, value] of Object.entries(mine.values))
    if ((value ?? null) !== (base.values[key] ?? null)) values[key] = value;
  const comments = { ...theirs.comments };
  for (const [key, text] of Object.entries(mine.comments))
    if (text !== (base.comments[key] ?? '')) comments[key] = text;
  return { ...mine, values, comments };
}
