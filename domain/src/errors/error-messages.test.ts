import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DomainError, errorCatalogue } from './error-codes';
import { joinLocalized, localize, type MessageKey, messageCatalogue, placeholdersOf } from './error-messages';

const root = path.resolve(import.meta.dirname, '../../..');

/** Every non-test TypeScript source under a folder of the repository. */
function sources(folder: string): { file: string; text: string }[] {
  return readdirSync(path.join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
    .map((name) => {
      const file = path.join(folder, name);
      return { file, text: readFileSync(path.join(root, file), 'utf8') };
    });
}

/** The argument text of each `new DomainError(…)` call, up to its closing parenthesis. */
function domainErrorCalls(text: string): string[] {
  const calls: string[] = [];
  for (const match of text.matchAll(/new DomainError\(/g)) {
    let depth = 1;
    let end = match.index + match[0].length;
    while (depth > 0 && end < text.length) {
      const c = text[end++];
      if (c === '(') depth++;
      else if (c === ')') depth--;
    }
    calls.push(text.slice(match.index, end));
  }
  return calls;
}

/** `vi: '…'`, `en: "…"` or `vi: \`…\``: a text written in place rather than taken from a catalogue. */
const LITERAL_TEXT = /\b(vi|en)\s*:\s*['"`]/;

describe('the message catalogue', () => {
  it('uses the same placeholders in Vietnamese and English', () => {
    for (const [key, template] of Object.entries(messageCatalogue)) {
      const vi = [...new Set(placeholdersOf(template.vi))].sort();
      const en = [...new Set(placeholdersOf(template.en))].sort();
      expect({ key, placeholders: en }).toEqual({ key, placeholders: vi });
    }
  });

  it('has a non-empty text in each language, and no key that is also an error code', () => {
    for (const [key, template] of Object.entries(messageCatalogue)) {
      expect(template.vi.trim(), key).not.toBe('');
      expect(template.en.trim(), key).not.toBe('');
      expect(Object.keys(errorCatalogue), key).not.toContain(key);
    }
  });

  it('fills the placeholders, taking a two-language parameter in the language asked for', () => {
    expect(localize('PERIOD_WRONG_FREQUENCY', { period: '2024Q1', frequency: 'month' })).toEqual({
      vi: 'Kỳ “2024Q1” không đúng tần suất của chế độ báo cáo (month).',
      en: "Period “2024Q1” does not match the regime's frequency (month).",
    });
    const cell = localize('CELL_PROBLEM', { address: 'C7', problem: localize('CELL_NOT_A_NUMBER', { value: 'abc' }) });
    expect(cell).toEqual({ vi: 'Ô C7: “abc” không phải là số.', en: 'Cell C7: “abc” is not a number.' });
    expect(joinLocalized([localize('PASSWORD_NOT_MIXED'), localize('PASSWORD_TOO_COMMON')]).en).toBe(
      'The password must mix lower case, upper case and digits. This password is too common and easy to guess.',
    );
  });

  it('gives a domain error its specific message, or its code’s, in either language', () => {
    const specific = new DomainError('INVALID_STATE', { field: 'period', message: 'PERIOD_LOCKED' });
    expect(specific.messageIn('vi')).toBe('Kỳ báo cáo đã bị khóa.');
    expect(specific.messageIn('en')).toBe('The period is locked.');
    expect(specific.message).toBe('The period is locked.');
    expect(specific.status).toBe(409);
    const general = new DomainError('INVALID_STATE');
    expect(general.messageIn('vi')).toBe(errorCatalogue.INVALID_STATE.vi);
    const moved = new DomainError('WEAK_PASSWORD', {
      field: 'password',
      message: 'PASSWORD_TOO_SHORT',
      params: { minLength: 12 },
      details: { x: 1 },
    }).withField('newPassword');
    expect([moved.code, moved.field, moved.details, moved.messageIn('en')]).toEqual([
      'WEAK_PASSWORD',
      'newPassword',
      { x: 1 },
      'The password must have at least 12 characters.',
    ]);
  });
});

describe('messages are written in the catalogue only', () => {
  const files = [...sources('server/src'), ...sources('domain/src')];

  it('no DomainError is given a text written in place', () => {
    const offenders = files.flatMap(({ file, text }) =>
      domainErrorCalls(text)
        .filter((call) => LITERAL_TEXT.test(call))
        .map((call) => `${file}: ${call.slice(0, 120)}`),
    );
    expect(offenders).toEqual([]);
  });

  it('no server message (of an error or of a listed problem) is a `{ vi, en }` literal', () => {
    // The demo regimes are data: the messages of their forms' rules belong to the form definitions.
    const offenders = sources('server/src')
      .filter(({ file }) => !file.includes(`features${path.sep}demo${path.sep}`))
      .filter(({ text }) => /\bmessage\s*:\s*\{\s*(vi|en)\s*:\s*['"`]/.test(text))
      .map(({ file }) => file);
    expect(offenders).toEqual([]);
  });

  it('every message of the catalogue is used', () => {
    const code = files.filter(({ file }) => !file.endsWith('error-messages.ts')).map(({ text }) => text);
    const unused = (Object.keys(messageCatalogue) as MessageKey[]).filter(
      (key) => !code.some((text) => text.includes(`'${key}'`)),
    );
    expect(unused).toEqual([]);
  });
});
