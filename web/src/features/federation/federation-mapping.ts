// The link form's values and the API's link, both ways, and where a server error about a link
// belongs in the form. Pure: the unit test reads it without a browser.
import type { FederationLinkUpdate, FederationLinkView } from '@baocao/domain';

/** The rows of a code mapping as the form edits them. */
export interface CodeRow {
  from: string;
  to: string;
}

export const rowsOf = (record: Record<string, string>): CodeRow[] =>
  Object.entries(record).map(([from, to]) => ({ from, to }));

/** Rows back to a mapping: blank rows left out, codes trimmed. */
export function recordOf(rows: CodeRow[] | undefined): Record<string, string> {
  const record: Record<string, string> = {};
  for (const row of rows ?? []) {
    const from = (row?.from ?? '').trim();
    const to = (row?.to ?? '').trim();
    if (from && to) record[from] = to;
  }
  return record;
}

/** What the link form edits. */
export interface LinkFormValues {
  name: string;
  targetUrl: string;
  token?: string;
  active: boolean;
  unitIds: number[];
  forms: { regimeId?: number; formId?: number; code?: string; cells?: CodeRow[] }[];
  indicators: { indicatorId?: number; code?: string }[];
  unitCodes: CodeRow[];
}

/** The request body of the form's values; a blank token is left out (kept, when editing). */
export function linkInputOf(values: LinkFormValues): FederationLinkUpdate {
  const token = values.token?.trim();
  return {
    name: values.name.trim(),
    targetUrl: values.targetUrl.trim(),
    ...(token ? { token } : {}),
    active: values.active,
    unitIds: values.unitIds ?? [],
    forms: (values.forms ?? []).map((f) => {
      const code = f.code?.trim();
      const cells = recordOf(f.cells);
      return {
        formId: f.formId!,
        ...(code ? { code } : {}),
        ...(Object.keys(cells).length > 0 ? { cells } : {}),
      };
    }),
    indicators: (values.indicators ?? []).map((x) => {
      const code = x.code?.trim();
      return { indicatorId: x.indicatorId!, ...(code ? { code } : {}) };
    }),
    unitCodes: recordOf(values.unitCodes),
  };
}

/** The form's starting values: a new link, or the link as the server shows it (never its token). */
export function linkFormValuesOf(link: FederationLinkView | null): LinkFormValues {
  if (!link) return { name: '', targetUrl: '', active: true, unitIds: [], forms: [{}], indicators: [], unitCodes: [] };
  return {
    name: link.name,
    targetUrl: link.targetUrl,
    active: link.active,
    unitIds: link.unitIds,
    forms: link.forms.map((f) => ({
      formId: f.formId,
      code: f.code === `${f.regimeCode}/${f.formCode}` ? undefined : f.code,
      cells: rowsOf(f.cells),
    })),
    indicators: link.indicators.map((x) => ({
      indicatorId: x.indicatorId,
      code: x.code === x.indicatorCode ? undefined : x.code,
    })),
    unitCodes: rowsOf(link.unitCodes),
  };
}

/**
 * Where the form shows an error the server names (`forms.0.cells.nhan`, `unitCodes.T1`): the
 * field's name path, or the section (`forms`, `indicators`, `unitCodes`) when the error is about
 * a whole list; null when the form has no such field (the error is shown above the buttons).
 */
export function federationFieldOf(
  field: string | null | undefined,
  values: Partial<LinkFormValues>,
): { name: (string | number)[] } | { section: 'forms' | 'indicators' | 'unitCodes' } | null {
  if (!field) return null;
  const steps = field
    .replace(/^\//, '')
    .split(/[./]/)
    .filter((s) => s !== '');
  const [head, second, third, fourth] = steps;
  const index = (s: string | undefined) => (s !== undefined && /^\d+$/.test(s) ? Number(s) : null);
  const rowOf = (rows: CodeRow[] | undefined, from: string | undefined) =>
    from === undefined ? -1 : (rows ?? []).findIndex((r) => r?.from?.trim() === from);
  switch (head) {
    case 'name':
    case 'targetUrl':
    case 'token':
    case 'active':
    case 'unitIds':
      return { name: [head] };
    case 'unitCodes': {
      const row = rowOf(values.unitCodes, second);
      return row >= 0 ? { name: ['unitCodes', row, 'to'] } : { section: 'unitCodes' };
    }
    case 'forms': {
      const i = index(second);
      if (i === null || !values.forms?.[i]) return { section: 'forms' };
      if (third === 'formId' || third === 'code') return { name: ['forms', i, third] };
      if (third === 'cells') {
        const row = rowOf(values.forms[i]!.cells, fourth);
        if (row >= 0) return { name: ['forms', i, 'cells', row, 'to'] };
      }
      return { name: ['forms', i, 'formId'] };
    }
    case 'indicators': {
      const i = index(second);
      if (i === null || !values.indicators?.[i]) return { section: 'indicators' };
      return { name: ['indicators', i, third === 'code' ? 'code' : 'indicatorId'] };
    }
    default:
      return null;
  }
}
