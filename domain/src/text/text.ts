/** Normalizes Vietnamese input text to NFC and trims surrounding whitespace. */
export function normalizeText(value: string): string {
  return value.normalize('NFC').trim();
}

/**
 * Folds Vietnamese text for diacritic-insensitive search: "Hà Nội" → "ha noi".
 * đ/Đ do not decompose under NFD, so they are mapped explicitly.
 */
export function foldForSearch(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

/** Compares two strings in Vietnamese alphabetical order. */
export function compareVietnamese(a: string, b: string): number {
  return collator.compare(a, b);
}
