import { defuseFormula } from '@baocao/domain';

/** Offers a file the page holds (a Blob) for download under `fileName`. */
export function saveBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Offers rows as a CSV file; the byte-order mark makes Excel read Vietnamese text as UTF-8.
 * A text that Excel would run as a formula gets a leading apostrophe (`defuseFormula`).
 */
export function downloadCsv(
  fileName: string,
  rows: readonly (readonly (string | number | null | undefined)[])[],
): void {
  const quote = (value: string | number | null | undefined) => {
    const text =
      value === null || value === undefined ? '' : typeof value === 'string' ? defuseFormula(value) : String(value);
    return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const csv = rows.map((row) => row.map(quote).join(',')).join('\r\n');
  saveBlob(fileName, new Blob(['\uFEFF', csv, '\r\n'], { type: 'text/csv;charset=utf-8' }));
}
