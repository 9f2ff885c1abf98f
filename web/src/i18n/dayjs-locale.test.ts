import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// dayjs is not in the app's first download (sign-in, report entry): each module that uses it, or an
// antd date picker drawing months and weekdays with it, imports i18n/dayjs-locale.ts for the
// interface language. This finds any that does not.
const SRC = path.resolve(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

const usesDates = (source: string) =>
  /from 'dayjs'/.test(source) || /import \{[^}]*\b(DatePicker|TimePicker|Calendar)\b[^}]*\} from 'antd'/s.test(source);

describe('dayjs in the interface language', () => {
  const files = sources(SRC).filter((file) => !file.endsWith(path.join('i18n', 'dayjs-locale.ts')));
  const dated = files.filter((file) => usesDates(readFileSync(file, 'utf8')));

  it('finds the modules that use dates', () => {
    expect(dated.length).toBeGreaterThan(5);
  });

  it('every one of them imports i18n/dayjs-locale', () => {
    const missing = dated.filter(
      (file) => !/import '(\.\.?\/)+(i18n\/)?dayjs-locale';/.test(readFileSync(file, 'utf8')),
    );
    expect(missing.map((file) => path.relative(SRC, file))).toEqual([]);
  });
});
