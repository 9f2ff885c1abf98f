import { describe, expect, it } from 'vitest';
import { normalizeStrings } from './validation';

describe('normalizeStrings', () => {
  it('puts every string of a parsed body in NFC, in place', () => {
    // "Hà Nội" typed with combining marks (NFD) becomes the precomposed form.
    const body = { name: 'Ha\u0300 No\u0302\u0323i', tags: ['Ha\u0300'], nested: { n: 1, ok: true, none: null } };
    expect(normalizeStrings(body)).toBe(body);
    expect(body).toEqual({ name: 'Hà Nội', tags: ['Hà'], nested: { n: 1, ok: true, none: null } });
  });

  it('leaves raw bytes alone (an import body is read as bytes, not walked byte by byte)', () => {
    const file = Buffer.from('form,unit\nB03,Ha\u0300\n', 'utf8');
    const copy = Buffer.from(file);
    expect(normalizeStrings(file)).toBe(file);
    expect(file.equals(copy)).toBe(true);
  });
});
