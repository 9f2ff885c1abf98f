import { describe, expect, it } from 'vitest';
import { valuesAllowedBy } from './generate-types';

describe('valuesAllowedBy', () => {
  it('reads the values of an IN check as PostgreSQL prints it', () => {
    expect(valuesAllowedBy("CHECK ((kind = ANY (ARRAY['person'::text, 'service'::text])))")).toEqual([
      'person',
      'service',
    ]);
    expect(valuesAllowedBy("CHECK ((note = ANY (ARRAY['it''s'::text, 'a, b'::text])))")).toEqual(["it's", 'a, b']);
  });

  it('leaves other checks alone', () => {
    expect(valuesAllowedBy("CHECK ((code ~ '^[a-z][a-z0-9_]{1,40}$'::text))")).toBeNull();
    expect(valuesAllowedBy('CHECK (((length(reason) >= 3) AND (length(reason) <= 1000)))')).toBeNull();
    expect(valuesAllowedBy("CHECK ((kind = 'person'::text))")).toBeNull();
    expect(valuesAllowedBy("CHECK (((kind = ANY (ARRAY['a'::text, 'b'::text])) OR (x IS NULL)))")).toBeNull();
  });
});
