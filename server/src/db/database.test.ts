import { describe, expect, it } from 'vitest';
import { CUSTOM_PLAN, preparedNameFor } from './database';

describe('prepared statement names', () => {
  it('names a text from its second use on, always with the same name, one name per text', () => {
    const text = `select $1::int as probe_${Math.random()}`;
    expect(preparedNameFor(text)).toBeUndefined();
    const name = preparedNameFor(text);
    expect(name).toMatch(/^baocao_\d+$/);
    expect(preparedNameFor(text)).toBe(name);
    const other = `select $1::text as probe_${Math.random()}`;
    preparedNameFor(other);
    expect(preparedNameFor(other)).not.toBe(name);
  });

  it('never names a text that asks for a custom plan, however often it runs', () => {
    const text = `${CUSTOM_PLAN} select $1::int as custom_${Math.random()}`;
    for (let i = 0; i < 10; i += 1) expect(preparedNameFor(text)).toBeUndefined();
  });

  it('stops naming new texts at the cap, so one-off texts never pile up on connections', () => {
    const names = new Set<string>();
    for (let i = 0; i < 600; i++) {
      const text = `select $1::int as cap_${i}`;
      preparedNameFor(text);
      const name = preparedNameFor(text);
      if (name) names.add(name);
    }
    expect(names.size).toBeLessThanOrEqual(500);
    expect(preparedNameFor('select $1::int as cap_599')).toBeUndefined();
  });
});
