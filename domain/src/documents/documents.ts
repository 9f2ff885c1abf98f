/**
 * Generated reports, the pure part: which `{placeholders}` a template may use, how they are
 * filled from the figures (vi-VN numbers), the Decree 30/2020 date line and number, and the
 * differences between two issued versions.
 */
import type { DocumentChange, DocumentDefinition } from '../api/documents';

/** Placeholders every template may use, whatever its figures. */
export const builtinPlaceholders = [
  'ky_bao_cao',
  'ky_truoc',
  'don_vi',
  'ngay_lap',
  'tang_giam_pct',
  'so_don_vi_phai_bao_cao',
  'so_don_vi_dung_han',
  'so_don_vi_tre_han',
  'so_don_vi_chua_bao_cao',
  'ty_le_dung_han_pct',
] as const;

const COMPLIANCE_PLACEHOLDERS = new Set<string>(
  builtinPlaceholders.filter((p) => p.startsWith('so_don_vi') || p.startsWith('ty_le')),
);
const PLACEHOLDER = /\{([^{}]{0,60})\}/g;

/** The names written between braces in a text, in order (repeats kept). */
export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

/** Every placeholder a template may use: the built-in ones and, per figure `k`, `{k}`, `{k_ky_truoc}`, `{k_tang_giam_pct}`. */
export function allowedPlaceholders(definition: Pick<DocumentDefinition, 'values' | 'compliance'>): Set<string> {
  const allowed = new Set<string>(
    builtinPlaceholders.filter((p) => definition.compliance || !COMPLIANCE_PLACEHOLDERS.has(p)),
  );
  if (definition.values.length === 0) allowed.delete('tang_giam_pct');
  for (const v of definition.values)
    for (const suffix of ['', '_ky_truoc', '_tang_giam_pct']) allowed.add(`${v.key}${suffix}`);
  return allowed;
}

export interface TemplateProblem {
  field: string;
  problem: 'unknown_placeholder' | 'duplicate_key';
  name: string;
}

/** What is wrong with a template's definition: unknown placeholders (by field) and figures named twice. */
export function templateProblems(definition: DocumentDefinition): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const seen = new Set<string>();
  definition.values.forEach((v, i) => {
    if (seen.has(v.key)) problems.push({ field: `definition.values.${i}.key`, problem: 'duplicate_key', name: v.key });
    seen.add(v.key);
  });
  const allowed = allowedPlaceholders(definition);
  for (const field of ['title', 'narrative'] as const)
    for (const name of new Set(placeholdersIn(definition[field])))
      if (!allowed.has(name)) problems.push({ field: `definition.${field}`, problem: 'unknown_placeholder', name });
  return problems;
}

/** A number as Vietnamese write it: `1.234.567,5` (at most `decimals` decimals). */
export function formatNumberVi(value: number | null, decimals = 2): string {
  if (value === null || !Number.isFinite(value)) return '…';
  const negative = value < 0;
  const fixed = Math.abs(value)
    .toFixed(decimals)
    .replace(/\.?0+$/, '');
  const [whole, fraction] = fixed.split('.') as [string, string | undefined];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${negative ? '-' : ''}${grouped}${fraction ? `,${fraction}` : ''}`;
}

/** The change from `previous` to `current` in percent (one decimal), or null when not defined. */
export function changePercent(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null || previous === 0) return null;
  return Math.round(((current - previous) / Math.abs(previous)) * 1000) / 10;
}

/** Replaces each `{name}` by its value; names without a value are left as they are. */
export function fillPlaceholders(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole);
}

/** The place and date line of Decree 30/2020: `Hà Nội, ngày 05 tháng 12 năm 2026`. */
export function placeDateLine(place: string, isoDate: string): string {
  const [year, month, day] = isoDate.split('-') as [string, string, string];
  // Decree 30/2020, Appendix I: days below 10 and months 1 and 2 are written with a leading zero.
  const m = Number(month);
  const monthText = m <= 2 ? String(m).padStart(2, '0') : String(m);
  return `${place}, ngày ${day} tháng ${monthText} năm ${year}`;
}

/** The number and symbol: `05/BC-LĐTBXH` (numbers below 10 padded, as the decree's sample). */
export function documentNumber(sequence: number, symbol: string): string {
  return `${String(sequence).padStart(2, '0')}/${symbol}`;
}

/** The figures a version holds, as far as its differences are concerned. */
export interface ComparableContent {
  values: { key: string; label: string; value: number | null }[];
  tables: {
    title: string;
    columns: { label: string }[];
    rows: { code: string; name: string; cells: (number | null)[] }[];
  }[];
  revisionIds: readonly number[];
}

const same = (a: number | null, b: number | null) => a === b || (a !== null && b !== null && Math.abs(a - b) < 1e-9);

/** What changed from one version to the next: figures, table cells, and the revisions they came from. */
export function documentChanges(before: ComparableContent, after: ComparableContent): DocumentChange[] {
  const changes: DocumentChange[] = [];
  const old = new Map(before.values.map((v) => [v.key, v]));
  for (const v of after.values) {
    const was = old.get(v.key)?.value ?? null;
    if (!same(was, v.value)) changes.push({ kind: 'value', label: v.label, before: was, after: v.value });
  }
  after.tables.forEach((table, t) => {
    const previous = before.tables[t];
    const rows = new Map(previous?.rows.map((r) => [r.code, r]) ?? []);
    for (const row of table.rows) {
      const was = rows.get(row.code);
      row.cells.forEach((cell, c) => {
        const old = was?.cells[c] ?? null;
        if (!same(old, cell))
          changes.push({
            kind: 'cell',
            label: `${table.title} — ${row.name} — ${table.columns[c]?.label ?? ''}`,
            before: old,
            after: cell,
          });
      });
    }
  });
  const oldIds = new Set(before.revisionIds);
  const newIds = new Set(after.revisionIds);
  const added = [...newIds].filter((id) => !oldIds.has(id)).length;
  const removed = [...oldIds].filter((id) => !newIds.has(id)).length;
  if (added > 0 || removed > 0)
    changes.push({ kind: 'revisions', label: 'revisions', before: oldIds.size, after: newIds.size });
  return changes;
}
